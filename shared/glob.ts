// Path globs and location wildcards, matched in time linear in the path: a setting must never be able to hang the
// engine. Regular-expression globs (picomatch's, or `*` turned into `.*`) backtrack: `*a*a*b` against a 4 KiB
// name of a's takes seconds, forty `*` take forever. Here no step is ever undone:
// - a wildcard run (`*`) between two fixed pieces: the pieces are found left to right, each at its leftmost place
//   (for `*`-separated pieces the leftmost place is always a right choice, so nothing is retried);
// - a fixed piece is found with indexOf when it is plain text, else with a bit-parallel scan (Shift-And: one pass,
//   one bit per position of the piece), so a piece of `?` and `[...]` costs one pass too;
// - `**` does the same over path segments.
// Pure TypeScript: the settings schema uses expandBraces() to bound a glob's cost before it is accepted. One
// segment's wildcard is wildcard.ts.
//
// The glob language (a subset of picomatch's, which the app used before):
//   `*` any run of characters within a segment (also empty; dotfiles too); `**` as a whole segment: any number of
//   segments, also none (`a/**` matches `a`; `**/x` matches `x`); `**` inside a segment is `*`;
//   `?` one character (not `/`); `[abc]` `[a-z]` `[!a]` `[^a]` one character of (or not of) a set;
//   `{a,b}` alternatives (nested too; `{a}` without a comma is plain text); a leading `!` negates the glob.
//   Every other character is plain text: `(x86)`, `|`, `+`, `@`, `$`, `^`, `.`; an unclosed `[` or `{` too.
import { MaskCache, matchWildcard, parseWildcard, shiftAndFind, type Wildcard } from './wildcard';

export { matchWildcard, parseWildcard, type Wildcard } from './wildcard';

/**
 * Bounds on the path globs a setting may hold. Matching costs at most ~20 ns per path character per pattern (the
 * worst shapes, measured): these keep one alert's path filters under ~0.3 ms for a usual 100-character path, and
 * under ~10 ms for a 4 KiB one, with every list full of the worst patterns.
 */
export const GLOB_LIMITS = {
  /** characters in one glob */
  maxLength: 256,
  /** globs in one list (include or exclude) */
  maxPatterns: 50,
  /** patterns one glob's braces may stand for */
  maxAlternatives: 32,
  /** patterns one list stands for, braces expanded */
  maxListAlternatives: 64,
} as const;

// ---- braces ------------------------------------------------------------------------------------------------------

/** The index of the `}` closing the `{` at `open` (with a top-level comma), or -1 when it is plain text. */
function braceEnd(s: string, open: number): { end: number; commas: number[] } | null {
  let depth = 0;
  let inClass = false;
  const commas: number[] = [];
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[' && s.indexOf(']', i + 2) !== -1) inClass = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return commas.length > 0 ? { end: i, commas } : null;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  return null;
}

/**
 * The globs `{a,b}` stands for ("x{a,b}y" -> ["xay", "xby"]), or null when there would be more than `max`
 * (the expansion stops there: "{a,b}{c,d}..." cannot grow without bound).
 */
export function expandBraces(glob: string, max: number = GLOB_LIMITS.maxAlternatives): string[] | null {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] !== '{') continue;
    const b = braceEnd(glob, i);
    if (!b) continue;
    const head = glob.slice(0, i);
    const tail = glob.slice(b.end + 1);
    const cuts = [i, ...b.commas, b.end];
    const out: string[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const expanded = expandBraces(head + glob.slice(cuts[k] + 1, cuts[k + 1]) + tail, max - out.length);
      if (!expanded) return null;
      out.push(...expanded);
      if (out.length > max) return null;
    }
    return out;
  }
  return max >= 1 ? [glob] : null;
}

// ---- whole paths: segments and `**` ------------------------------------------------------------------------------

// One brace-free glob as the groups of segment wildcards between its `**` segments (one group: no `**`).
// `a/**` + `/b/*` -> [[a], [b, *]].
function parseSegments(glob: string): Group[] {
  const groups: Wildcard[][] = [[]];
  const parsed = new Map<string, Wildcard>(); // the same text, the same wildcard (tried once per segment)
  let globstar = false;
  for (const part of glob.split('/')) {
    if (part === '**') {
      if (!globstar) groups.push([]); // a run of `**` is one
      globstar = true;
    } else {
      let w = parsed.get(part);
      if (!w) parsed.set(part, (w = parseWildcard(part, true)));
      groups[groups.length - 1].push(w);
      globstar = false;
    }
  }
  return groups.map((g) => new Group(g));
}

/** A group of segment wildcards between two `**`, found in a list of segments like a piece in a string. */
class Group {
  readonly length: number;
  private readonly masks: MaskCache<string>;

  constructor(private readonly members: Wildcard[]) {
    this.length = members.length;
    // which members a segment matches, each distinct member tried once
    const distinct = new Map<Wildcard, number[]>();
    members.forEach((m, k) => distinct.set(m, [...(distinct.get(m) ?? []), k]));
    this.masks = new MaskCache((segment) => {
      const mask = new Uint32Array(Math.ceil(members.length / 32));
      for (const [m, at] of distinct) if (matchWildcard(m, segment)) for (const k of at) mask[k >>> 5] |= 1 << (k & 31);
      return mask;
    });
  }

  matchesAt(segs: string[], at: number): boolean {
    if (at < 0 || at + this.length > segs.length) return false;
    for (let j = 0; j < this.length; j++) if (!matchWildcard(this.members[j], segs[at + j])) return false;
    return true;
  }

  find(segs: string[], from: number, to: number): number {
    if (this.length === 0) return from <= to ? from : -1;
    return shiftAndFind(this.length, (i) => this.masks.get(segs[i]), from, to);
  }
}

/** The same left-to-right search as matchWildcard, one level up: groups of segments between `**`. */
function matchSegments(groups: Group[], segs: string[]): boolean {
  const first = groups[0];
  if (groups.length === 1) return segs.length === first.length && first.matchesAt(segs, 0);
  const last = groups[groups.length - 1];
  if (first.length + last.length > segs.length) return false;
  if (!first.matchesAt(segs, 0) || !last.matchesAt(segs, segs.length - last.length)) return false;
  let at = first.length;
  const end = segs.length - last.length;
  for (let k = 1; k < groups.length - 1; k++) {
    const found = groups[k].find(segs, at, end);
    if (found === -1) return false;
    at = found + groups[k].length;
  }
  return true;
}

export interface GlobOptions {
  /** compare lower-cased (Windows paths) */
  nocase?: boolean;
}

/**
 * A path glob -> a predicate on `/`-separated paths. A glob without `/` matches the file name (the last segment).
 * Never throws: what is not glob syntax is plain text. Braces beyond maxAlternatives are plain text too (the
 * settings refuse such a glob before it gets here).
 */
export function compileGlob(glob: string, options: GlobOptions = {}): (path: string) => boolean {
  let g = options.nocase ? glob.toLowerCase() : glob;
  let negated = false;
  while (g.startsWith('!')) {
    negated = !negated;
    g = g.slice(1);
  }
  // a glob without `/` is matched against the file name, where `**` means `*`
  const basename = !g.includes('/');
  const alternatives = (expandBraces(g) ?? [g]).map((a) =>
    basename ? [new Group([parseWildcard(a === '**' ? '*' : a, true)])] : parseSegments(a),
  );
  return (path) => {
    if (path === '') return false; // no file has an empty path
    const p = options.nocase ? path.toLowerCase() : path;
    const segs = basename ? [p.slice(p.lastIndexOf('/') + 1)] : p.split('/');
    return alternatives.some((a) => matchSegments(a, segs)) !== negated;
  };
}

// ---- alert paths -------------------------------------------------------------------------------------------------

const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/** True for `C:\...`, `c:/...` and UNC `\\server\share` paths. */
export function isWindowsPath(path: string): boolean {
  return WINDOWS_PATH.test(path);
}

/**
 * A glob for the paths alerts carry (the filters' includes and excludes, the allowlist): backslashes in the pattern
 * and in Windows paths are `/` for matching (so `\` cannot escape glob characters: use `[*]`), and Windows paths
 * match case-insensitively (NTFS is).
 */
export function compilePathGlob(pattern: string): (path: string) => boolean {
  const glob = pattern.trim().replace(/\\/g, '/');
  const posix = compileGlob(glob);
  const windows = compileGlob(glob, { nocase: true });
  return (path) => (isWindowsPath(path) ? windows(path.replace(/\\/g, '/')) : posix(path));
}
