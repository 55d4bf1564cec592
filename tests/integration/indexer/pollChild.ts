// A process that follows the test indexer into a SQLite file, page by page, printing "page <n>" after each commit
// and "done" at the end of a poll: the kill -9 test kills it at arbitrary points and starts it again.
// Environment: INDEXER_URL, INDEXER_CA, POLL_DB, POLL_START_MS, POLL_NOW_MS, POLL_PAGE_SIZE.
import { newIndexerCursor } from '../../../electron/core/indexer/cursor';
import { IndexerApi } from '../../../electron/core/indexer/indexerApi';
import { PitSupport } from '../../../electron/core/indexer/pager';
import { pollOnce } from '../../../electron/core/indexer/poller';
import { PollStore } from './pollStore';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};

async function main(): Promise<void> {
  const store = new PollStore(env('POLL_DB'));
  store.start(newIndexerCursor(5, Number(env('POLL_START_MS'))));
  const api = IndexerApi.connect({
    urls: [env('INDEXER_URL')],
    username: 'fim-reader',
    password: 'fim-reader-password',
    trust: { kind: 'ca-file', path: env('INDEXER_CA') },
  });
  const cursor = store.cursor();
  if (!cursor) throw new Error('no cursor');
  let n = 0;
  for await (const page of pollOnce(api, cursor, Number(env('POLL_NOW_MS')), {
    overlapMs: 120_000,
    pit: new PitSupport(),
    pageSize: Number(env('POLL_PAGE_SIZE')),
  })) {
    if (page.complete) store.commit(page);
    process.stdout.write(`page ${++n}\n`);
  }
  await api.close();
  store.close();
  process.stdout.write('done\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
