// The indexer source of the real headless process, over real HTTP on both sides: --indexer with its CA file and
// WAZUH_INDEXER_USER/PASSWORD, killed with SIGKILL mid-read and started again (every FIM document stored once), and
// the HTTP API's rules for the password (bound to the URLs and trust it was given for).
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus, Stats } from '../../../shared/contract';
import { startIndexerServer, TLS_FILES, type IndexerServer } from '../../emulator/indexer/indexerServer';
import { summarize } from '../../generators/indexerCorpus';
import { feedCorpus4, generateIndexer4Corpus } from '../../generators/wazuhIndexer4';
import { startHeadless, waitUntil, type HeadlessProcess } from '../../helpers/headlessProcess';
import { makeTempDir } from '../../helpers/tempDir';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const ENV = { WAZUH_INDEXER_USER: 'fim-reader', WAZUH_INDEXER_PASSWORD: 'fim-reader-password' };

async function indexer(): Promise<IndexerServer> {
  const ix = await startIndexerServer({ preset: 'wazuh-4.x' });
  cleanups.push(() => ix.close());
  return ix;
}

async function headless(args: string[], env: Record<string, string> = ENV): Promise<HeadlessProcess> {
  const h = await startHeadless(args, env);
  cleanups.push(() => h.stop());
  return h;
}

const statsOf = (h: HeadlessProcess) => h.api<Stats>('/api/stats');
const indexerSource = (s: Stats): SourceStatus | undefined => s.sources.find((x) => x.type === 'indexer');

async function raw(h: HeadlessProcess, route: string, method: string, body: unknown) {
  const res = await fetch(new URL(route, h.url), {
    method,
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, body: json.error ?? { code: '', message: '' } };
}

describe('the indexer source of the headless process', () => {
  it('follows --indexer, and after a SIGKILL mid-read stores every FIM document exactly once', async () => {
    const ix = await indexer();
    const corpus = generateIndexer4Corpus({ seed: 91, count: 4_000, startEpochMs: Date.now() - 5 * 3_600_000 });
    feedCorpus4(ix, corpus);
    const s = summarize(corpus.entries);
    // slow pages, so that the kill lands while the backlog is being read
    ix.fail('search', { kind: 'slow', ms: 40 });
    ix.fail('pit-search', { kind: 'slow', ms: 40 });
    const data = makeTempDir('fimv-ix-headless-');
    cleanups.push(data.cleanup);
    const args = ['--data-dir', data.dir, '--indexer', ix.url, '--indexer-ca', TLS_FILES.rootCa];
    const first = await headless(args);
    const partial = await waitUntil(
      () => statsOf(first),
      (st) => st.fimEvents > 0,
      30_000,
      'the first pages',
    );
    await first.kill('SIGKILL');
    expect(partial.fimEvents).toBeLessThan(s.fim);
    ix.clearFaults();

    const second = await headless(args);
    const st = await waitUntil(
      () => statsOf(second),
      (x) => x.fimEvents >= s.fim && indexerSource(x)?.state === 'following',
      60_000,
      'the rest',
    );
    expect(st.fimEvents).toBe(s.fim);
    expect(st.alertsRead).toBe(s.fim + s.registry);
    const src = indexerSource(st)!;
    expect(src.indexer).toMatchObject({
      credentialsFrom: 'env',
      versionFound: 4,
      trust: { kind: 'ca-file', path: TLS_FILES.rootCa },
    });
    // the password is nowhere in what the API shows
    expect(JSON.stringify(await second.api('/api/sources'))).not.toContain(ENV.WAZUH_INDEXER_PASSWORD);
  });

  it('over HTTP: a new URL needs its own password, a stored one is never sent elsewhere', async () => {
    const ix = await indexer();
    const other = await indexer();
    feedCorpus4(ix, generateIndexer4Corpus({ seed: 92, count: 50, startEpochMs: Date.now() - 3_600_000 }));
    const data = makeTempDir('fimv-ix-headless-');
    cleanups.push(data.cleanup);
    const h = await headless(['--data-dir', data.dir, '--indexer', ix.url, '--indexer-ca', TLS_FILES.rootCa]);
    const st = await waitUntil(
      () => statsOf(h),
      (x) => indexerSource(x)?.state === 'following',
      30_000,
    );
    const id = indexerSource(st)!.id;
    // the flag's source, moved to another indexer over HTTP without a password: refused, nothing sent there
    const moved = await raw(h, `/api/sources/${id}/indexer`, 'PUT', { urls: [other.url] });
    expect(moved.status).toBe(403);
    expect(moved.body.message).toMatch(/only together with the password/);
    const insecure = await raw(h, `/api/sources/${id}/indexer`, 'PUT', { trust: { kind: 'insecure' } });
    expect(insecure.status).toBe(403);
    // "Test connection" elsewhere with no password: the environment's is not sent
    const tested = await raw(h, '/api/sources/indexer/test', 'POST', {
      urls: [other.url],
      username: 'fim-reader',
      trust: { kind: 'ca-file', path: TLS_FILES.rootCa },
      sourceId: id,
    });
    expect(tested.status).toBe(400);
    expect(other.requests.length).toBe(0);
    // adding a source needs its password in the request
    const noPassword = await raw(h, '/api/sources/indexer', 'POST', {
      urls: [other.url],
      username: 'fim-reader',
      trust: { kind: 'ca-file', path: TLS_FILES.rootCa },
    });
    expect(noPassword.status).toBe(400);
    expect(other.requests.length).toBe(0);
    // a URL with credentials in it is refused with the reason
    const inUrl = await raw(h, '/api/sources/indexer', 'POST', {
      urls: ['https://admin:admin@127.0.0.1:9200'],
      username: 'admin',
      password: 'admin',
      trust: { kind: 'system' },
    });
    expect(inUrl.status).toBe(400);
    expect(JSON.stringify(inUrl.body)).toMatch(/no user or password in the URL/);
    // the same move with the password typed: accepted, and that password goes there
    // (the environment's user name went with the flag's URLs: this source needs its own)
    const withPassword = await raw(h, `/api/sources/${id}/indexer`, 'PUT', {
      urls: [other.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
    });
    expect(withPassword.status).toBe(200);
    await waitUntil(
      () => statsOf(h),
      (x) => indexerSource(x)?.path === other.url && indexerSource(x)?.indexer?.credentialsFrom === 'stored',
      30_000,
    );
    expect(other.requests.every((r) => r.user === 'fim-reader')).toBe(true);
  });
});
