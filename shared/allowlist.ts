// The allowlist: hashes and path globs the analyst marks known good, with who, when and why. What an entry may be,
// how a text file of entries reads, and the bounds that keep matching cheap whatever is imported (a glob is matched
// in time linear in the path, shared/glob.ts; there are at most ALLOWLIST_LIMITS.maxPaths of them). Pure.
import { z } from 'zod';
import { ALLOWLIST_LIMITS } from './allowlistLimits';
import { expandBraces, GLOB_LIMITS } from './glob';
import { hashKind, normalizeHash } from './hashes';

export { ALLOWLIST_LIMITS } from './allowlistLimits';

export const AllowlistKindSchema = z.enum(['hash', 'path']);
export type AllowlistKind = z.infer<typeof AllowlistKindSchema>;

export const AllowlistEntrySchema = z.object({
  id: z.number().int().min(0),
  kind: AllowlistKindSchema,
  /** a lower-case hash, or a path glob as written */
  value: z.string(),
  why: z.string(),
  who: z.string(),
  addedAt: z.string(),
});
export type AllowlistEntry = z.infer<typeof AllowlistEntrySchema>;

export const AllowlistWhy = z
  .string()
  .trim()
  .min(1, 'say why these files are known good (it is kept with the entry)')
  .max(ALLOWLIST_LIMITS.maxWhy, `at most ${ALLOWLIST_LIMITS.maxWhy} characters`);
export const AllowlistWho = z.string().trim().min(1).max(ALLOWLIST_LIMITS.maxWho);

export type AllowlistValue = { kind: AllowlistKind; value: string } | { problem: string };

// an absolute path whose first folder is written out: "/opt/app/", "C:\Tools\", "\\server\share\"
const ANCHORED = /^(?:\/|[A-Za-z]:[\\/]|\\\\)[^*?[{\\/]+[\\/]/;

/** A hash (any case), or a path glob anchored at a folder; else why not, in words. */
export function allowlistValue(raw: string): AllowlistValue {
  const v = raw.trim();
  if (v === '') return { problem: 'empty' };
  const hash = normalizeHash(v);
  if (hash && hashKind(hash)) return { kind: 'hash', value: hash };
  if (/^[0-9a-fA-F]+$/.test(v)) return { problem: `${v.length} hex digits: an MD5 has 32, a SHA-1 40, a SHA-256 64` };
  if (!/[\\/]/.test(v)) return { problem: 'neither a hash nor a path (a path glob starts with / or a drive letter)' };
  if (v.length > GLOB_LIMITS.maxLength)
    return { problem: `a path glob has at most ${GLOB_LIMITS.maxLength} characters` };
  // eslint-disable-next-line no-control-regex -- a control character in a pattern is refused, not matched
  if (/[\u0000-\u001f\u007f]/.test(v)) return { problem: 'a path glob cannot hold control characters' };
  if (!ANCHORED.test(v))
    return {
      problem:
        'a path glob starts with a folder written out (/opt/app/** or C:\\Tools\\**): one that starts with a wildcard would allowlist files anywhere',
    };
  if (expandBraces(v) === null)
    return { problem: `its {a,b} braces stand for more than ${GLOB_LIMITS.maxAlternatives} patterns` };
  return { kind: 'path', value: v };
}

export interface ParsedAllowlistText {
  entries: { kind: AllowlistKind; value: string; why: string | null }[];
  /** the first maxRejectedShown refused lines, each cut to 80 characters */
  rejected: { line: number; input: string; reason: string }[];
  rejectedTotal: number;
}

const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

/**
 * A text file of entries: one hash or path glob a line; what follows a `#` is that line's why (a line that starts
 * with `#` is a comment); blank lines are skipped; a value listed twice counts once.
 */
export function parseAllowlistText(text: string): ParsedAllowlistText {
  const out: ParsedAllowlistText = { entries: [], rejected: [], rejectedTotal: 0 };
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const hashAt = raw.indexOf('#');
    const valuePart = (hashAt === -1 ? raw : raw.slice(0, hashAt)).trim();
    const note = hashAt === -1 ? '' : raw.slice(hashAt + 1).trim();
    if (valuePart === '') return;
    const v = allowlistValue(valuePart);
    if ('problem' in v) {
      out.rejectedTotal++;
      if (out.rejected.length < ALLOWLIST_LIMITS.maxRejectedShown)
        out.rejected.push({ line: i + 1, input: cut(valuePart), reason: v.problem });
      return;
    }
    const key = `${v.kind}:${v.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.entries.push({ ...v, why: note === '' ? null : note.slice(0, ALLOWLIST_LIMITS.maxWhy) });
  });
  return out;
}
