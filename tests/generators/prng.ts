// A small seedable PRNG (mulberry32) for deterministic test data: the same seed gives the same sequence on
// every machine and Node version (unlike Math.random), so a failing generated case can be replayed.

export interface Rng {
  readonly seed: number;
  /** uniform in [0, 1) */
  next(): number;
  /** whole number in [min, max] (both included) */
  int(min: number, max: number): number;
  /** true with probability p */
  bool(p?: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** lower-case hexadecimal string of `length` digits */
  hex(length: number): string;
  /** an independent generator derived from this one's seed and `salt` (does not advance this one) */
  fork(salt: number): Rng;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRng(seed = 1): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    bool: (p = 0.5) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    hex: (length) => {
      let s = '';
      while (s.length < length) {
        const n = Math.floor(next() * 0x100000000);
        s += BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 0xff] + BYTE_HEX[(n >>> 8) & 0xff] + BYTE_HEX[n & 0xff];
      }
      return s.length === length ? s : s.slice(0, length);
    },
    fork: (salt) => createRng((Math.imul(seed ^ 0x9e3779b9, 31) + salt) >>> 0),
  };
  return rng;
}
