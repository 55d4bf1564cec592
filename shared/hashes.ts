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

export interface ParsedHashList {
  accepted: { hash: string; kind: HashKind }[];
  rejected: { input: string; reason: string }[];
}

/** Split pasted text (spaces, commas, new lines) into hashes, naming each bad one with its reason. Duplicates collapse. */
export function parseHashList(text: string): ParsedHashList {
  const out: ParsedHashList = { accepted: [], rejected: [] };
  const seen = new Set<string>();
  for (const token of text.split(/[\s,;]+/)) {
    if (token === '') continue;
    const problem = hashProblem(token);
    if (problem) {
      out.rejected.push({ input: token, reason: problem });
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
