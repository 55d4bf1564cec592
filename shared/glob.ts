// Path globs and location wildcards, matched in time linear in the path: a setting must never be able to hang the
// engine. Regular-expression globs (picomatch's, or `*` turned into `.*`) backtrack: `*a*a*b` against a 4 KiB
// name of a's takes seconds, forty `*` take forever. Here no step is ever undone:
// - a wildcard run (`*`) between two fixed pieces: the pieces are found left to right, each at its leftmost place
//   (for `*`-separated pieces the leftmost place is always a right choice, so nothing is retried);
// - a fixed piece is found with indexOf when it is plain text, else with a bit-parallel scan (Shift-And: one pass,
//   one bit per position of the piece), so a piece of `?` and `[...]` costs one pass too;
// - `**` does the same over path segments.
// Pure TypeScript: the settings schema uses expandBraces() to bound a glob's cost before it is accepted.
//
// The glob language (a subset of picomatch's, which the app used before):
//   `*` any run of characters within a segment (also empty; dotfiles too); `**` as a whole segment: any number of
//   segments, also none (`a/**` matches `a`; `**/x` matches `x`); `**` inside a segment is `*`;
//   `?` one character (not `/`); `[abc]` `[a-z]` `[!a]` `[^a]` one character of (or not of) a set;
//   `{a,b}` alternatives (nested too; `{a}` without a comma is plain text); a leading `!` negates the glob.
//   Every other character is plain text: `(x86)`, `|`, `+`, `@`, `$`, `^`, `.`; an unclosed `[` or `{` too.

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

// ---- a left-to-right scan for a fixed sequence (Shift-And) --------------------------------------------------------

/**
 * Finds the leftmost place where a sequence of `length` tests matches, in one pass: bit k of the state is set when
 * the last k+1 items matched the first k+1 tests. `maskOf(i)` says which tests item i passes. Bits are kept in
 * 32-bit words, so a long sequence costs a few words per item, never a second pass.
 */
function shiftAndFind(length: number, maskOf: (i: number) => Uint32Array, from: number, to: number): number {
  const words = Math.ceil(length / 32);
  const state = new Uint32Array(words);
  const last = length - 1;
  const lastWord = last >>> 5;
  const lastBit = 1 << (last & 31);
  for (let i = from; i < to; i++) {
    const mask = maskOf(i);
    let carry = 1;
    for (let w = 0; w < words; w++) {
      const d = state[w];
      state[w] = ((d << 1) | carry) & mask[w];
      carry = d >>> 31;
    }
    if (state[lastWord] & lastBit) return i - last;
  }
  return -1;
}

/** A memo of masks by key, bounded (a hostile path cannot grow it without end). */
class MaskCache<K> {
  private readonly map = new Map<K, Uint32Array>();
  constructor(private readonly make: (key: K) => Uint32Array) {}
  get(key: K): Uint32Array {
    let mask = this.map.get(key);
    if (!mask) {
      mask = this.make(key);
      if (this.map.size >= 4096) this.map.clear();
      this.map.set(key, mask);
    }
    return mask;
  }
}

// ---- one segment: characters, `?`, classes, stars -----------------------------------------------------------------

/** One character of a pattern: a code unit, any (`?`), or a class. */
type CharTest = number | 'any' | { negated: boolean; ranges: [number, number][] };

function test(t: CharTest, c: number): boolean {
  if (t === 'any') return true;
  if (typeof t === 'number') return t === c;
  let inside = false;
  for (const [lo, hi] of t.ranges) if (c >= lo && c <= hi) inside = true;
  return inside !== t.negated;
}

/** A fixed run of characters between two stars. */
class Piece {
  readonly length: number;
  /** the piece as plain text when it has no `?` or class (found with indexOf) */
  private readonly text: string | null;
  private readonly words: number;
  private readonly masks: MaskCache<number>;
  /** the masks of the Latin-1 code units, `words` per unit (the common characters, without a lookup) */
  private readonly latin1: Uint32Array;

  constructor(private readonly tests: CharTest[]) {
    this.length = tests.length;
    this.text = tests.every((t) => typeof t === 'number') ? String.fromCharCode(...(tests as number[])) : null;
    const words = (this.words = Math.ceil(tests.length / 32) || 1);
    this.masks = new MaskCache((c) => {
      const mask = new Uint32Array(words);
      for (let k = 0; k < tests.length; k++) if (test(tests[k], c)) mask[k >>> 5] |= 1 << (k & 31);
      return mask;
    });
    this.latin1 = new Uint32Array(this.text === null ? 256 * words : 0);
    if (this.text === null) for (let c = 0; c < 256; c++) this.latin1.set(this.masks.get(c), c * words);
  }

  /** Does the piece match s at `at` exactly? */
  matchesAt(s: string, at: number): boolean {
    if (at < 0 || at + this.length > s.length) return false;
    if (this.text !== null) return s.startsWith(this.text, at);
    for (let k = 0; k < this.length; k++) if (!test(this.tests[k], s.charCodeAt(at + k))) return false;
    return true;
  }

  /** Leftmost index >= from where the piece matches and ends by `to`, or -1. One pass over s. */
  find(s: string, from: number, to: number): number {
    if (this.length === 0) return from <= to ? from : -1;
    if (this.text !== null) {
      const at = s.indexOf(this.text, from);
      return at !== -1 && at + this.length <= to ? at : -1;
    }
    return this.words === 1 ? this.findInOneWord(s, from, to) : this.findInWords(s, from, to);
  }

  // Shift-And (see shiftAndFind), inlined: this runs once per character of a path for each such piece
  private findInOneWord(s: string, from: number, to: number): number {
    const latin1 = this.latin1;
    const lastBit = 1 << (this.length - 1);
    let state = 0;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      state = ((state << 1) | 1) & (c < 256 ? latin1[c] : this.masks.get(c)[0]);
      if (state & lastBit) return i - this.length + 1;
    }
    return -1;
  }

  private findInWords(s: string, from: number, to: number): number {
    const { latin1, words } = this;
    const state = new Uint32Array(words);
    const last = this.length - 1;
    const lastWord = last >>> 5;
    const lastBit = 1 << (last & 31);
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      const wide = c < 256 ? null : this.masks.get(c);
      let carry = 1;
      for (let w = 0; w < words; w++) {
        const d = state[w];
        state[w] = ((d << 1) | carry) & (wide ? wide[w] : latin1[c * words + w]);
        carry = d >>> 31;
      }
      if (state[lastWord] & lastBit) return i - last;
    }
    return -1;
  }
}

/** A run of pieces separated by stars: `a*b?c*` -> pieces [a, b?c, ""]. */
export interface Wildcard {
  readonly pieces: Piece[];
  /** no star at all: the whole string is the one piece */
  readonly exact: boolean;
}

/** Parses a class at `i` (`[` ... `]`); null when it is not closed (then `[` is plain text). */
function parseClass(p: string, i: number): { test: CharTest; next: number } | null {
  let j = i + 1;
  const negated = p[j] === '!' || p[j] === '^';
  if (negated) j++;
  const start = j;
  const ranges: [number, number][] = [];
  while (j < p.length && (p[j] !== ']' || j === start)) {
    const lo = p.charCodeAt(j);
    if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
      const hi = p.charCodeAt(j + 2);
      if (lo <= hi) ranges.push([lo, hi]);
      j += 3;
    } else {
      ranges.push([lo, lo]);
      j++;
    }
  }
  if (j >= p.length) return null;
  return { test: { negated, ranges }, next: j + 1 };
}

/** `classes`: `?` and `[...]` are special (path globs); else only `*` is (location patterns). */
export function parseWildcard(p: string, classes: boolean): Wildcard {
  const pieces: Piece[] = [];
  let current: CharTest[] = [];
  let stars = 0;
  for (let i = 0; i < p.length;) {
    const c = p[i];
    if (c === '*') {
      pieces.push(new Piece(current));
      current = [];
      stars++;
      while (p[i] === '*') i++;
      continue;
    }
    if (classes && c === '?') current.push('any');
    else if (classes && c === '[') {
      const cls = parseClass(p, i);
      if (cls) {
        current.push(cls.test);
        i = cls.next;
        continue;
      }
      current.push(p.charCodeAt(i));
    } else current.push(p.charCodeAt(i));
    i++;
  }
  pieces.push(new Piece(current));
  return { pieces, exact: stars === 0 };
}

/** Does the whole of s match? Pieces are found left to right, each at its leftmost place: no step is undone. */
export function matchWildcard(w: Wildcard, s: string): boolean {
  const { pieces } = w;
  const first = pieces[0];
  if (w.exact) return s.length === first.length && first.matchesAt(s, 0);
  const last = pieces[pieces.length - 1];
  if (first.length + last.length > s.length) return false;
  if (!first.matchesAt(s, 0) || !last.matchesAt(s, s.length - last.length)) return false;
  let at = first.length;
  const end = s.length - last.length;
  for (let k = 1; k < pieces.length - 1; k++) {
    const found = pieces[k].find(s, at, end);
    if (found === -1) return false;
    at = found + pieces[k].length;
  }
  return true;
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
