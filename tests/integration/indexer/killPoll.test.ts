// kill -9 of a process following the indexer, at arbitrary points, then restarts: every FIM document stored once,
// each counted once. The kill lands wherever the child is (mid-request, mid-transaction, between pages); the
// assertions hold whichever.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startIndexerServer, TLS_FILES, type IndexerServer } from '../../emulator/indexer/indexerServer';
import { summarize } from '../../generators/indexerCorpus';
import { createRng } from '../../generators/prng';
import { feedCorpus5, generateEvents5Corpus } from '../../generators/wazuhEvents5';
import { makeTempDir } from '../../helpers/tempDir';
import { PollStore } from './pollStore';

let ix: IndexerServer | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await ix?.close();
  ix = null;
});

/** Runs the child until it has printed `killAfter` pages (then SIGKILL) or finished; resolves how it ended. */
function runChild(env: Record<string, string>, killAfter: number): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(path.dirname(fileURLToPath(import.meta.url)), 'pollChild.ts')],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let pages = 0;
    let done = false;
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.startsWith('page ') && ++pages >= killAfter && !done) child.kill('SIGKILL');
        if (line === 'done') done = true;
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code, signal) => {
      if (done) resolve('done');
      else if (signal === 'SIGKILL') resolve('killed');
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

it('killed with SIGKILL after 1 to 6 pages, again and again, then left to finish: each FIM event once', async () => {
  const corpus = generateEvents5Corpus({ seed: 70, count: 1_200 });
  const s = summarize(corpus.entries);
  ix = await startIndexerServer({ preset: 'wazuh-5.x' });
  feedCorpus5(ix, corpus);
  const t = makeTempDir('fimv-killpoll-');
  cleanups.push(t.cleanup);
  const db = path.join(t.dir, 'poll.sqlite');
  const times = corpus.entries.map((e) => e.epochMs);
  const env = {
    INDEXER_URL: ix.url,
    INDEXER_CA: TLS_FILES.rootCa,
    POLL_DB: db,
    POLL_START_MS: String(Math.min(...times) + 24 * 3_600_000 - 60_000),
    POLL_NOW_MS: String(Math.max(...times) + 60_000),
    POLL_PAGE_SIZE: '40',
  };
  const rng = createRng(5);
  let kills = 0;
  for (;;) {
    const ended = await runChild(env, kills < 6 ? rng.int(1, 6) : Number.MAX_SAFE_INTEGER);
    if (ended === 'done') break;
    kills++;
  }
  expect(kills).toBe(6);
  const store = new PollStore(db);
  try {
    const fim = corpus.entries
      .filter((e) => e.kind === 'fim')
      .map((e) => e.docId)
      .sort();
    expect(store.alertIds()).toEqual(fim);
    expect(store.counters()).toMatchObject({ fimInserted: s.fim, read: s.fim, other: 0, errors: 0 });
  } finally {
    store.close();
  }
});
