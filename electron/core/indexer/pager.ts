// Paging a sorted search with search_after, in a point in time (PIT) where the indexer has them; never from/size.
//
// - A PIT freezes what the pages see, so a document indexed meanwhile cannot shift them. It is opened for the
//   second page (a poll that fits in one page costs one request) or from the first (backfill, sweep: `pitFromStart`).
// - No PIT routes (OpenSearch before 2.4, e.g. Wazuh 4.3): `PitSupport.known` becomes false and every later search
//   pages with search_after alone, which is still exact because the sort ends with a unique id. A PIT refused for
//   this run (429: too many open; 403: the role lacks the PIT action) pages without one as well.
// - A PIT that expires mid-run (404 search_context_missing_exception) is reopened and the page asked again from
//   the same sort values (at most three times in a row).
// - Pages come back with their shard counts; the caller decides what a partial page means (the poller stops).
// The PIT is closed when the caller stops iterating (return() runs the finally block), whatever the reason.
import { compareKeyword } from './cursor';
import { IndexerError } from './errors';
import type { IndexerApi, RawHit, SearchAnswer, ShardCount } from './indexerApi';

/** What the source has learnt about PIT on this indexer: null unknown, false absent (no handler found). */
export class PitSupport {
  known: boolean | null = null;
}

export interface PageRequest {
  index: string;
  query: Record<string, unknown>;
  sort: Record<string, unknown>[];
  size: number;
  /** continue after these sort values (null: from the first document) */
  after: unknown[] | null;
  source?: unknown;
  /** ask for hits.total on the first page (progress of a backfill or sweep) */
  trackTotal?: boolean;
}

export interface PagerOptions {
  pit: PitSupport;
  /** open the PIT before the first page (default: only when a second page is needed) */
  pitFromStart?: boolean;
  /** default "2m" */
  keepAlive?: string;
}

export interface RawPage {
  hits: RawHit[];
  shards: ShardCount;
  total: number | null;
  /** read in a point in time */
  inPit: boolean;
  /** the last page (fewer hits than asked) */
  last: boolean;
}

const MAX_PIT_REOPENS = 3;

/**
 * Byte order of UTF-8 (how OpenSearch orders keywords); numbers as numbers; a missing value (null) last, as
 * OpenSearch sorts it ascending; anything else by its JSON.
 */
function compareSortValue(a: unknown, b: unknown): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  return compareKeyword(text(a), text(b));
}

/** Whether `next` sorts strictly after `before` (sort values compared in order). */
export function sortsAfter(next: unknown, before: unknown[]): boolean {
  if (!Array.isArray(next)) return false;
  for (let i = 0; i < Math.min(next.length, before.length); i++) {
    const c = compareSortValue(next[i], before[i]);
    if (c !== 0) return c > 0;
  }
  return next.length > before.length;
}

export async function* searchPages(api: IndexerApi, req: PageRequest, o: PagerOptions): AsyncGenerator<RawPage> {
  const keepAlive = o.keepAlive ?? '2m';
  let pitId: string | null = null;
  let pitRefused = o.pit.known === false;
  let after = req.after;
  let first = true;
  let reopens = 0;

  const openPit = async (): Promise<string | null> => {
    if (pitRefused) return null;
    try {
      const id = await api.openPit(req.index, keepAlive);
      o.pit.known = true;
      return id;
    } catch (e) {
      if (!(e instanceof IndexerError)) throw e;
      if (e.problem === 'pit-unsupported') o.pit.known = false;
      else if (e.problem !== 'overloaded' && e.problem !== 'forbidden') throw e;
      pitRefused = true; // this run pages without one
      return null;
    }
  };

  const body = (): Record<string, unknown> => ({
    size: req.size,
    query: req.query,
    sort: req.sort,
    ...(after ? { search_after: after } : {}),
    ...(req.source !== undefined ? { _source: req.source } : {}),
    track_total_hits: first && req.trackTotal === true,
  });

  try {
    if (o.pitFromStart) pitId = await openPit();
    for (;;) {
      let answer: SearchAnswer;
      try {
        answer = pitId
          ? await api.pitSearch(req.index, { ...body(), pit: { id: pitId, keep_alive: keepAlive } })
          : await api.search(req.index, body());
      } catch (e) {
        if (!(e instanceof IndexerError) || e.problem !== 'pit-missing' || !pitId || reopens >= MAX_PIT_REOPENS)
          throw e;
        reopens += 1;
        pitId = await openPit();
        continue;
      }
      reopens = 0;
      if (answer.pitId) pitId = answer.pitId;
      const last = answer.hits.length < req.size;
      yield { hits: answer.hits, shards: answer.shards, total: answer.total, inPit: pitId !== null, last };
      if (last) return;
      const next = answer.hits[answer.hits.length - 1].sort;
      // a page ending where the one before did (or before) would be asked for again and again, forever
      if (after !== null && !sortsAfter(next, after)) {
        throw new IndexerError(
          'bad-answer',
          "the indexer's pages do not move forward (a page ended at or before where the one before it did): reading stopped",
        );
      }
      after = next as unknown[];
      first = false;
      if (!pitId) pitId = await openPit();
    }
  } finally {
    if (pitId) await api.closePit(pitId);
  }
}
