// One poll of an indexer source, in two passes, page by page. The caller stores each page's documents and its
// `nextCursor` in one transaction (cursor.ts says why that loses and repeats nothing), then asks for the next page.
// 1. New documents: what sorts after the cursor's `after`, in (time, id) order; `after` moves with each page.
// 2. The overlap re-read: documents from the overlap start up to `after`, for the ones that became searchable late;
//    the overlap start then moves to the overlap window behind `after` (cursor.ts). These are `replay`: most are
//    stored already (the store keeps one row per alert id), and the caller counts one only when the store inserts
//    it. New documents first, so a poll that fails halfway has still moved on. The re-read costs the overlap
//    window's documents on every poll: that is what catching late documents without knowing which ids are new
//    takes.
//
// A page on which some shards failed is not complete: the hits of the failed shards are missing, and documents after
// them would move the cursor past them. Such a page delivers nothing, keeps the cursor, says "3 of 5 shards
// answered", and ends the poll; the caller retries later (sourceStatus.ts) and reads the same range again. Pages
// delivered before it were complete and stay.
import type { ParsedRecord } from '../../../shared/domain';
import {
  advanceCursor,
  compareSortValues,
  type IndexerCursor,
  repairFutureCursor,
  rereadRange,
  settleOverlap,
  type SortValues,
  sortValuesOf,
} from './cursor';
import { IndexerError } from './errors';
import type { IndexerApi, RawHit, ShardCount } from './indexerApi';
import { type PitSupport, searchPages } from './pager';
import { fimQuery, fimSort, PROFILES, type VersionProfile } from './profiles';

export interface IndexerDocument {
  /** the document's _id and _index (diagnostics) */
  id: string;
  index: string;
  sort: SortValues;
  /** at or before the cursor's `after`: may be stored already (count it only if the store inserts it) */
  replay: boolean;
  record: ParsedRecord;
}

export interface PollPage {
  documents: IndexerDocument[];
  /** store with these documents, in the same transaction */
  nextCursor: IndexerCursor;
  shards: ShardCount;
  /** "3 of 5 shards answered" when some failed; null when all answered */
  shardsNote: string | null;
  /** false: some shards failed; nothing delivered, the cursor unchanged, the poll ends here */
  complete: boolean;
  /** the poll ends after this page */
  last: boolean;
  /** now minus the time of the last document delivered so far (null before the first) */
  lagMs: number | null;
}

export interface PollOptions {
  /** how far back each poll re-reads for late documents (at least 2 minutes) */
  overlapMs: number;
  pit: PitSupport;
  /** default 500 */
  pageSize?: number;
}

export function shardsNote(s: ShardCount): string | null {
  return s.failed > 0 ? `${s.successful} of ${s.total} shards answered` : null;
}

function documentOf(profile: VersionProfile, hit: RawHit, replay: boolean): IndexerDocument {
  const sort = sortValuesOf(hit.sort);
  if (!sort) throw new IndexerError('bad-answer', `a document of ${profile.index} came without usable sort values`);
  return { id: String(hit._id), index: String(hit._index), sort, replay, record: profile.parse(hit._source) };
}

export async function* pollOnce(
  api: IndexerApi,
  cursor: IndexerCursor,
  nowMs: number,
  o: PollOptions,
): AsyncGenerator<PollPage> {
  const profile = PROFILES[cursor.wazuh];
  const size = o.pageSize ?? 500;
  let current = repairFutureCursor(cursor, nowMs, o.overlapMs);
  const partial = (shards: ShardCount, note: string): PollPage => ({
    documents: [],
    nextCursor: current,
    shards,
    shardsNote: note,
    complete: false,
    last: true,
    lagMs: lag(current, nowMs),
  });

  // 1. new documents, up to the overlap ahead of this clock: a document dated later (an agent's clock years ahead,
  // or a hostile one) would move `after` past every document still to come, and the re-read only looks the overlap
  // back from it; it is read when its time comes (the cursor's clock assumption, cursor.ts, in both directions)
  const readsUpToMs = nowMs + o.overlapMs;
  const fresh = searchPages(
    api,
    {
      index: profile.index,
      query: fimQuery(profile, {
        fromMs: current.after ? current.after[0] : current.floorMs,
        toMs: readsUpToMs,
      }),
      sort: fimSort(profile),
      size,
      after: current.after,
      source: profile.source,
    },
    { pit: o.pit },
  );
  for await (const page of fresh) {
    const note = shardsNote(page.shards);
    if (note !== null) return void (yield partial(page.shards, note)); // leaving the loop closes the PIT
    // an indexer that ignored the range: what is past it is not taken (nor moves the cursor)
    const documents = page.hits.map((hit) => documentOf(profile, hit, false)).filter((d) => d.sort[0] < readsUpToMs);
    if (documents.length > 0) current = advanceCursor(current, documents[documents.length - 1].sort);
    const range = page.last ? rereadRange(current, o.overlapMs, nowMs) : null;
    yield {
      documents,
      nextCursor: current,
      shards: page.shards,
      shardsNote: null,
      complete: true,
      last: page.last && range === null,
      lagMs: lag(current, nowMs),
    };
  }

  // 2. the overlap re-read
  const range = rereadRange(current, o.overlapMs, nowMs);
  const upTo = current.after;
  if (range === null || upTo === null) return;
  const reread = searchPages(
    api,
    {
      index: profile.index,
      query: fimQuery(profile, range),
      sort: fimSort(profile),
      size,
      after: null,
      source: profile.source,
    },
    { pit: o.pit },
  );
  for await (const page of reread) {
    const note = shardsNote(page.shards);
    if (note !== null) return void (yield partial(page.shards, note));
    // what became searchable after `after` since pass 1 is new, not a re-read: the next poll reads it as such
    const documents = page.hits
      .map((hit) => documentOf(profile, hit, true))
      .filter((d) => compareSortValues(d.sort, upTo) <= 0);
    // every document before the last one's time is re-read (others at that very time may follow on the next page)
    const last = page.hits.length > 0 ? sortValuesOf(page.hits[page.hits.length - 1].sort) : null;
    const settled = page.last ? range.toMs : (last?.[0] ?? range.fromMs);
    current = settleOverlap(current, settled, o.overlapMs);
    yield {
      documents,
      nextCursor: current,
      shards: page.shards,
      shardsNote: null,
      complete: true,
      last: page.last,
      lagMs: lag(current, nowMs),
    };
  }
}

function lag(c: IndexerCursor, nowMs: number): number | null {
  return c.after === null ? null : Math.max(0, nowMs - c.after[0]);
}
