// Wildcards on one string (a path segment, or a whole location): fixed pieces between `*`, found left to right,
// each at its leftmost place, with indexOf for plain text and one bit-parallel (Shift-And) pass for `?` and classes.
// No step is ever undone: a match costs one pass over the string, whatever the pattern (see glob.ts for why).
// Pure TypeScript.

// ---- a left-to-right scan for a fixed sequence (Shift-And) --------------------------------------------------------

/**
 * Finds the leftmost place where a sequence of `length` tests matches, in one pass: bit k of the state is set when
 * the last k+1 items matched the first k+1 tests. `maskOf(i)` says which tests item i passes. Bits are kept in
 * 32-bit words, so a long sequence costs a few words per item, never a second pass.
 */
export function shiftAndFind(length: number, maskOf: (i: number) => Uint32Array, from: number, to: number): number {
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
export class MaskCache<K> {
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
