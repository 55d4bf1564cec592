// Backfill: every FIM document of a date range, read once through a point in time with search_after, with
// progress. The engine drives the iterator and stores each page (one transaction, with `resumeAfter` if it keeps
// one); documents stored before (the live poll read them, or an overlapping backfill) are kept once by alert id, so
// the caller counts what the store inserts. A page with failed shards ends the backfill as incomplete (the caller
// says so and may resume from `resumeAfter`).
import type { ParsedRecord } from '../../../shared/domain';
import { type SortValues, sortValuesOf } from './cursor';
import { IndexerError } from './errors';
import type { IndexerApi, ShardCount } from './indexerApi';
import { type PitSupport, searchPages } from './pager';
import { shardsNote } from './poller';
import { fimQuery, fimSort, PROFILES, type WazuhMajor } from './profiles';

export interface BackfillRequest {
  wazuh: WazuhMajor;
  fromMs: number;
  /** exclusive */
  toMs: number;
  /** continue a backfill that stopped after these sort values */
  resumeAfter?: SortValues | null;
  pit: PitSupport;
  /** default 1000 */
  pageSize?: number;
}

export interface BackfillPage {
  documents: { id: string; sort: SortValues; record: ParsedRecord }[];
  /** where this backfill would resume */
  resumeAfter: SortValues | null;
  /** documents read so far, and how many the range holds (null when the indexer did not say) */
  progress: { read: number; total: number | null };
  shards: ShardCount;
  shardsNote: string | null;
  complete: boolean;
  last: boolean;
}

export async function* backfillRange(api: IndexerApi, r: BackfillRequest): AsyncGenerator<BackfillPage> {
  if (!(r.fromMs < r.toMs))
    throw new IndexerError('config', 'the backfill range is empty: its end is not after its start');
  const profile = PROFILES[r.wazuh];
  let resumeAfter = r.resumeAfter ?? null;
  let read = 0;
  let total: number | null = null;
  const pages = searchPages(
    api,
    {
      index: profile.index,
      query: fimQuery(profile, { fromMs: r.fromMs, toMs: r.toMs }),
      sort: fimSort(profile),
      size: r.pageSize ?? 1000,
      after: resumeAfter,
      source: profile.source,
      trackTotal: true,
    },
    { pit: r.pit, pitFromStart: true },
  );
  for await (const page of pages) {
    if (page.total !== null && total === null) total = page.total;
    const note = shardsNote(page.shards);
    if (note !== null) {
      yield {
        documents: [],
        resumeAfter,
        progress: { read, total },
        shards: page.shards,
        shardsNote: note,
        complete: false,
        last: true,
      };
      return;
    }
    const documents = page.hits.map((hit) => {
      const sort = sortValuesOf(hit.sort);
      if (!sort) throw new IndexerError('bad-answer', `a document of ${profile.index} came without usable sort values`);
      return { id: String(hit._id), sort, record: profile.parse(hit._source) };
    });
    read += documents.length;
    if (documents.length > 0) resumeAfter = documents[documents.length - 1].sort;
    yield {
      documents,
      resumeAfter,
      progress: { read, total },
      shards: page.shards,
      shardsNote: null,
      complete: true,
      last: page.last,
    };
  }
}
