// The allowlist's bounds (what one request may add, how many entries in all). Plain data, apart from
// shared/allowlist.ts's zod schemas (which re-exports it): the Live view's selection bar, drawn at start, shows them.

export const ALLOWLIST_LIMITS = {
  /** hash entries in all */
  maxHashes: 100_000,
  /** path-glob entries in all: each is tried on each path of each file asked about */
  maxPaths: 200,
  /** values in one add request (a selection of rows) */
  maxValuesPerRequest: 1_000,
  /** characters of an import (a text file) */
  maxImportChars: 4_000_000,
  /** lines of an import */
  maxImportLines: 110_000,
  /** refused lines named in an answer (the count says how many there were) */
  maxRejectedShown: 100,
  maxWhy: 500,
  maxWho: 100,
} as const;
