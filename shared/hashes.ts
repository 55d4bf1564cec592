// Hash helpers shared by the engine and the renderer. Pure: no node, electron or DOM imports.

export type HashKind = 'md5' | 'sha1' | 'sha256';

const HEX = /^[0-9a-f]+$/;
const KIND_BY_LENGTH: Record<number, HashKind> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** The kind of a hash (after trimming and lower-casing), or null when it is not 32/40/64 hex digits. */
export function hashKind(value: string): HashKind | null {
  const v = value.trim().toLowerCase();
  const kind = KIND_BY_LENGTH[v.length];
  return kind && HEX.test(v) ? kind : null;
}

/** Lower-cased hash, or null when the value is not a hash (Wazuh writes "" or "xxx" for files it could not read). */
export function normalizeHash(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (isLowerHex(value)) return value; // the common case: Wazuh writes lower-case hex, nothing to copy
  const v = value.trim().toLowerCase();
  return hashKind(v) ? v : null;
}

/** 32, 40 or 64 characters, each 0-9 or a-f (a loop: this runs six times per FIM alert). */
function isLowerHex(v: string): boolean {
  const n = v.length;
  if (n !== 32 && n !== 40 && n !== 64) return false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

export interface FileHashes {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
}

/** The hash to ask VirusTotal for: sha256, else sha1, else md5. */
export function bestHash(h: FileHashes): string | null {
  return h.sha256 ?? h.sha1 ?? h.md5 ?? null;
}

/** Why a pasted value is not a hash, in words an analyst understands; null when it is one. */
export function hashProblem(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'empty';
  if (!HEX.test(v.toLowerCase())) return 'not hexadecimal (only 0-9 and a-f are allowed)';
  if (!KIND_BY_LENGTH[v.length]) return `${v.length} hex digits: an MD5 has 32, a SHA-1 40, a SHA-256 64`;
  return null;
}

/**
 * Bounds on one paste (POST /api/lookup, the Look-up page): the answer stays small whatever is pasted (a 2 MB body of
 * junk once came back as a 72 MB list of every refused piece).
 */
export const LOOKUP_LIMITS = {
  /** values (hashes or not) in one request */
  maxValues: 20_000,
  /** hashes looked up in one request */
  maxHashes: 10_000,
  /** refused values named in the answer (the rest are counted: rejectedTotal) */
  rejectedShown: 100,
  /** characters of a refused value repeated in the answer */
  inputChars: 80,
} as const;

export interface ParsedHashList {
  accepted: { hash: string; kind: HashKind }[];
  /** the first LOOKUP_LIMITS.rejectedShown refused values, each cut to LOOKUP_LIMITS.inputChars */
  rejected: { input: string; reason: string }[];
  /** how many values were refused in all */
  rejectedTotal: number;
  /** how many values the text holds; counting stops past LOOKUP_LIMITS.maxValues (then nothing else is kept) */
  values: number;
}

const VALUE = /[^\s,;]+/g;

/** A refused value as it is repeated back: at most `max` characters, the cut said with "…". */
function echoed(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * Split pasted text (spaces, commas, new lines) into hashes, naming each bad one with its reason (the first
 * `rejectedShown`, the rest counted). Duplicates collapse. Past `maxValues` values it stops: `values` says so.
 */
export function parseHashList(text: string): ParsedHashList {
  const out: ParsedHashList = { accepted: [], rejected: [], rejectedTotal: 0, values: 0 };
  const seen = new Set<string>();
  VALUE.lastIndex = 0;
  for (let m = VALUE.exec(text); m !== null; m = VALUE.exec(text)) {
    if (++out.values > LOOKUP_LIMITS.maxValues) return { ...out, accepted: [], rejected: [] };
    const token = m[0];
    const problem = hashProblem(token);
    if (problem) {
      out.rejectedTotal++;
      if (out.rejected.length < LOOKUP_LIMITS.rejectedShown)
        out.rejected.push({ input: echoed(token, LOOKUP_LIMITS.inputChars), reason: problem });
      continue;
    }
    const hash = token.toLowerCase();
    if (seen.has(hash)) continue;
    seen.add(hash);
    out.accepted.push({ hash, kind: hashKind(hash)! });
  }
  return out;
}

export function shortHash(hash: string | null | undefined, length = 12): string {
  return hash ? hash.slice(0, length) : '';
}

export const VT_GUI_FILE_URL = 'https://www.virustotal.com/gui/file/';

/** The GUI permalink (v3 answers carry none): always built from the sha256. */
export function permalinkFor(sha256: string): string {
  return VT_GUI_FILE_URL + sha256;
}
