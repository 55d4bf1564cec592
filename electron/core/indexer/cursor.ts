// The indexer source's cursor: plain JSON, stored in the same transaction as the alerts of the page it covers.
//
// - `after`: the sort values (time ms, unique id) of the last document delivered. Every document sorting after it
//   has never been delivered.
// - `overlapFromMs`: the overlap start. Every document sorting at or before `after` has been delivered, except
//   documents that became searchable late (5.x flushes about every 20 s, Filebeat batches in 4.x) whose time is at
//   or after `overlapFromMs`: those are re-read. The store keeps one row per alert id, so a document delivered twice
//   is stored once.
// - `floorMs`: nothing before it is ever read (a new source: 24 hours back; --from-end: the moment it was added),
//   so the overlap never reaches behind "from now".
// A poll first reads what sorts after `after` (poller.ts), then re-reads from `overlapFromMs` to `after` and moves
// `overlapFromMs` to the overlap window behind `after`. A late document is caught when it became searchable within
// the overlap (a setting, at least 2 minutes) of the newest document before it.
// A kill -9 at any point leaves the cursor of the last committed page: nothing is lost (what was not committed is
// read again), nothing is stored twice (by alert id), and no document is counted as read twice (poller.ts).
import { INDEXER_START_BACK_MS } from '../../../shared/indexer';
import type { WazuhMajor } from './profiles';

export type SortValues = [number, string];

export interface IndexerCursor {
  v: 1;
  /** the generation whose sort values these are */
  wazuh: WazuhMajor;
  after: SortValues | null;
  overlapFromMs: number;
  floorMs: number;
}

/** A new source's cursor: 24 hours back, or from now (--from-end). */
export function newIndexerCursor(wazuh: WazuhMajor, nowMs: number, o: { fromEnd?: boolean } = {}): IndexerCursor {
  const floorMs = o.fromEnd ? nowMs : nowMs - INDEXER_START_BACK_MS;
  return { v: 1, wazuh, after: null, overlapFromMs: floorMs, floorMs };
}

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Sort values as the indexer sent them, when they are (a safe integer time, an id string). */
export function sortValuesOf(sort: unknown): SortValues | null {
  if (!Array.isArray(sort) || sort.length !== 2) return null;
  const [t, id] = sort;
  return isMs(t) && typeof id === 'string' ? [t, id] : null;
}

/** A stored cursor, or null when it is not one (the source then starts as new, which the caller says). */
export function parseIndexerCursor(text: string | null | undefined): IndexerCursor | null {
  if (!text) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const c = v as Partial<IndexerCursor> | null;
  if (!c || c.v !== 1 || (c.wazuh !== 4 && c.wazuh !== 5)) return null;
  if (!isMs(c.overlapFromMs) || !isMs(c.floorMs)) return null;
  const after = c.after === null ? null : sortValuesOf(c.after);
  if (c.after !== null && after === null) return null;
  return { v: 1, wazuh: c.wazuh, after, overlapFromMs: c.overlapFromMs, floorMs: c.floorMs };
}

export function serializeIndexerCursor(c: IndexerCursor): string {
  return JSON.stringify(c);
}

/** Byte order of the UTF-8 forms, as OpenSearch compares keyword values (JavaScript compares UTF-16 units). */
export function compareKeyword(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The order of the poll's sort: time, then id. */
export function compareSortValues(a: SortValues, b: SortValues): number {
  return a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : compareKeyword(a[1], b[1]);
}

/**
 * A cursor past the overlap ahead of `nowMs` (a document dated years ahead moved it there before polls were
 * bounded: every later alert sorted before it and was never read), started again from 24 hours back (or its floor,
 * if later): what is read twice is stored once (by alert id), and counted twice in "read".
 */
export function repairFutureCursor(c: IndexerCursor, nowMs: number, overlapMs: number): IndexerCursor {
  if (c.after === null || c.after[0] < nowMs + overlapMs) return c;
  const floorMs = Math.max(Math.min(c.floorMs, nowMs), nowMs - INDEXER_START_BACK_MS);
  return { v: 1, wazuh: c.wazuh, after: null, overlapFromMs: floorMs, floorMs };
}

/** The cursor once the documents up to `last` are delivered (the overlap start stays until they are re-read). */
export function advanceCursor(c: IndexerCursor, last: SortValues): IndexerCursor {
  if (c.after !== null && compareSortValues(last, c.after) <= 0) return c;
  return { ...c, after: last };
}

/**
 * The time range the re-read pass covers: from the overlap start to `after` (a document at `after`'s time is in
 * it); null when there is nothing to re-read. Once `after` is older than twice the overlap (nothing has arrived for
 * a while), the documents near it cannot be late any more, and only what is left behind the window is re-read (this
 * assumes the engine's clock is not ahead of the manager's by more than the overlap).
 */
export function rereadRange(
  c: IndexerCursor,
  overlapMs: number,
  nowMs: number,
): { fromMs: number; toMs: number } | null {
  if (c.after === null) return null;
  const fromMs = Math.max(c.floorMs, c.overlapFromMs);
  const quiet = nowMs - c.after[0] > 2 * overlapMs;
  const toMs = quiet ? c.after[0] - overlapMs : c.after[0] + 1;
  return toMs > fromMs ? { fromMs, toMs } : null;
}

/** The cursor once every document before `ms` has been re-read for the last time (never past the window behind
 * `after`: those documents can still be late). */
export function settleOverlap(c: IndexerCursor, ms: number, overlapMs: number): IndexerCursor {
  const limit = c.after === null ? c.floorMs : c.after[0] - overlapMs;
  const next = Math.min(ms, limit);
  return next > c.overlapFromMs ? { ...c, overlapFromMs: next } : c;
}

/**
 * The cursor to use with another Wazuh generation (an upgrade from 4.x to 5.x): the old sort values mean nothing
 * there, so it starts at the last time read, minus the overlap.
 */
export function cursorForVersion(c: IndexerCursor, wazuh: WazuhMajor, overlapMs: number): IndexerCursor {
  if (c.wazuh === wazuh) return c;
  const floorMs = Math.max(c.floorMs, (c.after?.[0] ?? c.floorMs) - overlapMs);
  return { v: 1, wazuh, after: null, overlapFromMs: floorMs, floorMs };
}
