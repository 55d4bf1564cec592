// Shared pieces of the indexer source tests: a test indexer with the committed CA, a connection to it, and a
// driver that runs polls and commits each page with its cursor (or stops as a crash would, leaving its point in
// time open and the last page uncommitted).
import { TLS_FILES, type IndexerServer } from '../../emulator/indexer/indexerServer';
import type { IndexerConnection } from '../../../electron/core/indexer/connection';
import { IndexerApi } from '../../../electron/core/indexer/indexerApi';
import type { IndexerCursor } from '../../../electron/core/indexer/cursor';
import { type PollOptions, type PollPage, pollOnce } from '../../../electron/core/indexer/poller';
import type { PollStore } from './pollStore';

export function connectionTo(ix: IndexerServer, o: Partial<IndexerConnection> = {}): IndexerConnection {
  return {
    urls: [ix.url],
    username: 'admin',
    password: 'admin',
    trust: ix.url.startsWith('https') ? { kind: 'ca-file', path: TLS_FILES.rootCa } : { kind: 'system' },
    ...o,
  };
}

const apis: IndexerApi[] = [];
export function apiFor(ix: IndexerServer, o: Partial<IndexerConnection> = {}): IndexerApi {
  const api = IndexerApi.connect(connectionTo(ix, o));
  apis.push(api);
  return api;
}
export async function closeApis(): Promise<void> {
  for (const a of apis.splice(0)) await a.close();
}

export interface PollRun {
  pages: PollPage[];
  /** the run stopped as a crash would (before committing the page after `crashAfterPages`) */
  crashed: boolean;
}

/**
 * One poll from the stored cursor, committing each complete page with its cursor. With `crashAfterPages`, the run
 * takes one more page and abandons it uncommitted, without closing the iterator (a kill -9 closes nothing).
 */
export async function pollInto(
  api: IndexerApi,
  store: PollStore,
  nowMs: number,
  o: PollOptions & { crashAfterPages?: number; beforePage?: (n: number) => void },
): Promise<PollRun> {
  const cursor = store.cursor() as IndexerCursor;
  const it = pollOnce(api, cursor, nowMs, o);
  const pages: PollPage[] = [];
  for (;;) {
    o.beforePage?.(pages.length);
    const next = await it.next();
    if (next.done) return { pages, crashed: false };
    if (o.crashAfterPages !== undefined && pages.length >= o.crashAfterPages) return { pages, crashed: true };
    pages.push(next.value);
    if (next.value.complete) store.commit(next.value);
  }
}
