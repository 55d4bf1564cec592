// The indexer source end to end in the engine, over real HTTPS against the test indexer: the --indexer options
// and WAZUH_INDEXER_* credentials become a source that stores every FIM document once (across restarts, late
// documents, equal timestamps), says its state in words (401 stops it until the password changes, 403, partial
// shards), is added/changed/tested through the API with the password bound to its URLs, backfills a day range and
// sweeps the Wazuh 5 FIM inventory.
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus, Stats } from '../../../shared/contract';
import { startIndexerServer, TLS_FILES, type IndexerServer } from '../../emulator/indexer/indexerServer';
import { summarize } from '../../generators/indexerCorpus';
import { feedCorpus4, generateIndexer4Corpus } from '../../generators/wazuhIndexer4';
import { feedCorpus5, generateEvents5Corpus } from '../../generators/wazuhEvents5';
import { fimStates5 } from '../../generators/wazuhStates5';
import { startTestEngine, type TestEngine } from '../../helpers/engine';
import { makeTempDir } from '../../helpers/tempDir';
import type { EngineOptions } from '../../../electron/core/engineTypes';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const HOUR = 3_600_000;
const CA = { kind: 'ca-file' as const, path: TLS_FILES.rootCa };

async function indexer(preset: 'wazuh-4.x' | 'wazuh-5.x' = 'wazuh-4.x'): Promise<IndexerServer> {
  const ix = await startIndexerServer({ preset });
  cleanups.push(() => ix.close());
  return ix;
}

function dataDir(): string {
  const t = makeTempDir('fimv-indexer-src-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function engine(dir: string, o: Partial<EngineOptions> = {}): Promise<TestEngine> {
  const e = await startTestEngine({ dataDir: dir, indexerPollMs: 50, ...o });
  cleanups.push(() => e.stop());
  return e;
}

function flags(ix: IndexerServer, user = 'fim-reader', password = 'fim-reader-password'): Partial<EngineOptions> {
  return {
    indexer: { urls: [ix.url], trust: CA, wazuhVersion: 'auto', fromEnd: false },
    indexerCredentialsFromEnv: { username: user, password },
  };
}

const indexerSource = (s: Stats): SourceStatus | undefined => s.sources.find((x) => x.type === 'indexer');

async function alertIds(e: TestEngine): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await e.h.listAlerts({ limit: 1000, offset } as never);
    ids.push(...page.items.map((a) => a.alertId));
    if (page.items.length < 1000) return ids.sort();
  }
}

describe('the indexer source in the engine', () => {
  it('reads every FIM alert of the last 24 hours once, across restarts, late documents and equal timestamps', async () => {
    const ix = await indexer();
    const start = Date.now() - 6 * HOUR;
    const c1 = generateIndexer4Corpus({ seed: 11, count: 700, startEpochMs: start, maxBurst: 30 });
    const old = generateIndexer4Corpus({ seed: 12, count: 50, startEpochMs: Date.now() - 30 * HOUR });
    feedCorpus4(ix, old); // older than 24 hours: not read by a new source
    feedCorpus4(ix, c1);
    const s1 = summarize(c1.entries);
    expect(s1.largestSameTimestamp).toBeGreaterThan(1);
    const dir = dataDir();
    let e = await engine(dir, flags(ix));
    let stats = await e.until((s) => s.fimEvents === s1.fim && indexerSource(s)?.state === 'following', 30_000);
    const src = indexerSource(stats)!;
    expect(src).toMatchObject({ kind: 'indexer', type: 'indexer', path: ix.url.replace(/\/$/, '') });
    expect(src.indexer).toMatchObject({
      versionFound: 4,
      credentialsFrom: 'env',
      insecure: false,
      warnings: [],
      status: { problem: null, stoppedUntilCredentialsChange: false },
    });
    expect(src.indexer!.lastEventAt).not.toBeNull();
    expect(src.message).toMatch(/^following/);
    // the poll asks for FIM (and Wazuh's VirusTotal) alerts only: other alerts stay on the indexer
    expect(stats.alertsRead).toBe(s1.fim + s1.registry);
    expect(stats.otherAlerts).toBe(0);
    expect(await alertIds(e)).toEqual(
      c1.entries
        .filter((x) => x.kind === 'fim')
        .map((x) => x.docId)
        .sort(),
    );

    // stopped; meanwhile new documents, some searchable only later (after the engine read past their time)
    await e.stop();
    cleanups.pop();
    // recent ones: a late document is caught when it becomes searchable within the overlap (2 min) of the newest
    const c2 = generateIndexer4Corpus({ seed: 13, count: 300, startEpochMs: Date.now() - 60_000, maxBurst: 20 });
    expect(Math.max(...c2.entries.map((x) => x.epochMs)) - c2.entries[0].epochMs).toBeLessThan(60_000);
    const s2 = summarize(c2.entries);
    c2.docs.forEach((doc, i) => ix.addAlerts([doc], i % 7 === 0 ? { visibleAt: 'refresh' } : {}));
    e = await engine(dir, flags(ix));
    const lateCount = c2.docs.filter((_, i) => i % 7 === 0).length;
    const lateFim = c2.entries.filter((x, i) => i % 7 === 0 && x.kind === 'fim').length;
    await e.until((s) => s.fimEvents === s1.fim + s2.fim - lateFim, 30_000, 'the documents visible now');
    expect(lateCount).toBeGreaterThan(0);
    ix.refresh(); // the late ones become searchable: the overlap re-read catches them
    stats = await e.until((s) => s.fimEvents === s1.fim + s2.fim, 30_000, 'the late documents');
    // each document counted once, the overlap re-read included; a late registry event (not stored: no id kept) is
    // not counted when the re-read finds it (ParsedRecords.replay)
    const lateRegistry = c2.entries.filter((x, i) => i % 7 === 0 && x.kind === 'registry').length;
    expect(stats.alertsRead).toBe(s1.fim + s1.registry + s2.fim + s2.registry - lateRegistry);
    const expected = [...c1.entries, ...c2.entries].filter((x) => x.kind === 'fim').map((x) => x.docId);
    expect(await alertIds(e)).toEqual(expected.sort());
  });

  it('a refused password stops the source until the password changes; over HTTP it is replaced only with its URLs', async () => {
    const ix = await indexer();
    const c = generateIndexer4Corpus({ seed: 21, count: 80, startEpochMs: Date.now() - HOUR });
    feedCorpus4(ix, c);
    const e = await engine(dataDir());
    const added = await e.h.addIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      password: 'wrong',
      trust: CA,
    } as never);
    expect(added.type).toBe('indexer');
    let stats = await e.until((s) => indexerSource(s)?.state === 'permission-denied', 20_000);
    expect(indexerSource(stats)!.message).toMatch(/credentials refused \(401\)/);
    expect(indexerSource(stats)!.indexer!.status.stoppedUntilCredentialsChange).toBe(true);
    // no retry storm: no retry planned while it waits for other credentials
    expect(indexerSource(stats)!.indexer!.status.retryAt).toBeNull();

    // over HTTP, other URLs without the password: refused
    await expect(
      e.h.updateIndexerSource({ id: added.id, urls: ['https://127.0.0.1:1'] } as never),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(e.h.updateIndexerSource({ id: added.id, trust: { kind: 'insecure' } } as never)).rejects.toMatchObject(
      { code: 'forbidden' },
    );
    // the same URLs with the right password: it starts again
    await e.h.updateIndexerSource({ id: added.id, password: 'fim-reader-password' } as never);
    stats = await e.until((s) => s.fimEvents === summarize(c.entries).fim, 20_000);
    expect(indexerSource(stats)!.indexer).toMatchObject({ passwordSet: true, credentialsFrom: 'stored' });
  });

  it("a wrong WAZUH_INDEXER_PASSWORD is replaced by the one typed in Settings, for the flag's URLs", async () => {
    const ix = await indexer();
    const c = generateIndexer4Corpus({ seed: 25, count: 60, startEpochMs: Date.now() - HOUR });
    feedCorpus4(ix, c);
    const e = await engine(dataDir(), flags(ix, 'fim-reader', 'not-the-password'));
    let stats = await e.until((s) => indexerSource(s)?.state === 'permission-denied', 20_000);
    expect(indexerSource(stats)!.indexer).toMatchObject({ credentialsFrom: 'env', username: '' });
    const id = indexerSource(stats)!.id;
    // the same URLs and trust: no need to give them again; the user name stays the environment's
    await e.h.updateIndexerSource({ id, password: 'fim-reader-password' } as never);
    stats = await e.until((s) => s.fimEvents === summarize(c.entries).fim, 20_000);
    expect(indexerSource(stats)!.indexer).toMatchObject({ credentialsFrom: 'stored', passwordSet: true });
  });

  it('says 403, partial shards and "cannot connect" in words, and recovers', async () => {
    const ix = await indexer();
    const c = generateIndexer4Corpus({ seed: 31, count: 60, startEpochMs: Date.now() - HOUR });
    feedCorpus4(ix, c);
    const e = await engine(dataDir());
    ix.users.push({ name: 'nobody', password: 'nobody-password', read: ['other-*'] });
    const added = await e.h.addIndexerSource({
      urls: [ix.url],
      username: 'nobody',
      password: 'nobody-password',
      trust: CA,
      wazuhVersion: '4',
    } as never);
    let stats = await e.until((s) => indexerSource(s)?.state === 'permission-denied', 20_000);
    expect(indexerSource(stats)!.message).toMatch(/forbidden: this user cannot read wazuh-alerts-4\.x-\* \(403\)/);
    expect(indexerSource(stats)!.message).toMatch(/retrying at \d\d:\d\d:\d\d/);
    await e.h.removeSource({ id: added.id });

    const refused = await e.h.addIndexerSource({
      urls: ['https://127.0.0.1:1'],
      username: 'fim-reader',
      password: 'x',
      trust: CA,
      wazuhVersion: '4',
    } as never);
    stats = await e.until((s) => indexerSource(s)?.state === 'error', 20_000);
    expect(indexerSource(stats)!.message).toMatch(/cannot connect/);
    await e.h.removeSource({ id: refused.id });

    // the system store does not know the test CA: said in the state, retried slowly
    const untrusted = await e.h.addIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: { kind: 'system' },
      wazuhVersion: '4',
    } as never);
    stats = await e.until((s) => indexerSource(s)?.indexer?.status.problem === 'certificate', 20_000);
    expect(indexerSource(stats)!.message).toMatch(
      /^certificate not trusted: .*unknown certificate authority.*: retrying at \d\d:\d\d:\d\d$/,
    );
    await e.h.removeSource({ id: untrusted.id });

    // 429 from the indexer: backs off, says when it tries again
    ix.fail('search', { kind: 'too-many-requests' });
    const limited = await e.h.addIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: CA,
      wazuhVersion: '4',
    } as never);
    stats = await e.until((s) => indexerSource(s)?.indexer?.status.problem === 'overloaded', 20_000);
    expect(indexerSource(stats)!.message).toMatch(/rate-limited or overloaded \(429\).*retrying at \d\d:\d\d:\d\d$/);
    expect(indexerSource(stats)!.indexer!.status.retryAt).not.toBeNull();
    await e.h.removeSource({ id: limited.id });
    ix.clearFaults();

    // some shards fail: nothing of the page is stored, the state says so; once they answer, all is read
    ix.fail('search', { kind: 'shard-failures', failed: 1 });
    ix.fail('pit-search', { kind: 'shard-failures', failed: 1 });
    await e.h.addIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: CA,
    } as never);
    stats = await e.until((s) => /shards answered/.test(indexerSource(s)?.message ?? ''), 20_000);
    expect(indexerSource(stats)!.message).toMatch(/^\d+ of \d+ shards answered: .*retrying at \d\d:\d\d:\d\d$/);
    expect(stats.fimEvents).toBe(0);
    ix.clearFaults();
    stats = await e.until((s) => s.fimEvents === summarize(c.entries).fim, 60_000);
  });

  it('tests a connection in words, with the stored password only where it was given for', async () => {
    const ix = await indexer();
    feedCorpus4(ix, generateIndexer4Corpus({ seed: 41, count: 50, startEpochMs: Date.now() - HOUR }));
    const e = await engine(dataDir());
    const ok = await e.h.testIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: CA,
    } as never);
    expect(ok.ok).toBe(true);
    expect(ok.wazuhVersion).toBe(4);
    expect(ok.summary).toMatch(/^Connected: Wazuh 4, \d+ FIM events? in the last 24 hours\.$/);
    const untrusted = await e.h.testIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: { kind: 'system' },
    } as never);
    expect(untrusted.ok).toBe(false);
    expect(untrusted.summary).toMatch(/certificate not trusted/);

    const added = await e.h.addIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: CA,
    } as never);
    // no password typed: the stored one goes to its own URLs...
    const again = await e.h.testIndexerSource({
      urls: [ix.url],
      username: 'fim-reader',
      trust: CA,
      sourceId: added.id,
    } as never);
    expect(again.ok).toBe(true);
    // ...and nowhere else (another address, or the same one trusted another way)
    const before = ix.requests.length;
    await expect(
      e.h.testIndexerSource({
        urls: [ix.url],
        username: 'fim-reader',
        trust: { kind: 'insecure' },
        sourceId: added.id,
      } as never),
    ).rejects.toMatchObject({ code: 'bad-request' });
    expect(ix.requests.length).toBe(before);
  });

  it('over HTTP a stored password goes only with its own user name (never tried as another account)', async () => {
    const ix = await indexer();
    feedCorpus4(ix, generateIndexer4Corpus({ seed: 42, count: 20, startEpochMs: Date.now() - HOUR }));
    // the environment's credentials (fim-reader) for the flag's URLs, and a source added with a stored password
    const e = await engine(dataDir(), flags(ix));
    const added = await e.h.addIndexerSource({
      urls: [`${ix.url.replace(/\/$/, '')}/other`],
      username: 'fim-reader',
      password: 'fim-reader-password',
      trust: CA,
    } as never);
    const before = ix.requests.length;
    const asAdmin = { username: 'admin', trust: CA };
    await expect(
      e.h.testIndexerSource({ ...asAdmin, urls: [`${ix.url.replace(/\/$/, '')}/other`], sourceId: added.id } as never),
    ).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/another user name/) });
    await expect(e.h.testIndexerSource({ ...asAdmin, urls: [ix.url] } as never)).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/another user name/),
    });
    await expect(e.h.updateIndexerSource({ id: added.id, username: 'admin' } as never)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/user name can change only together with the password/),
    });
    expect(ix.requests.length).toBe(before);
    expect(indexerSource(await e.stats())).toBeDefined();
    const kept = (await e.h.listSources({} as never)).find((x) => x.id === added.id)!;
    expect(kept.indexer!.username).toBe('fim-reader');
    // the same user name (as a form sends it), or a new one with its password: accepted
    await e.h.updateIndexerSource({ id: added.id, username: 'fim-reader', pollSeconds: 30 } as never);
    const changed = await e.h.updateIndexerSource({ id: added.id, username: 'admin', password: 'admin' } as never);
    expect(changed.indexer!.username).toBe('admin');
    // the desktop app (the local user) may test the stored password as another user
    const local = await engine(dataDir(), { ...flags(ix), transport: 'ipc' });
    const r = await local.h.testIndexerSource({ ...asAdmin, urls: [ix.url] } as never);
    expect(r.summary).toBe('credentials refused (401)');
  });

  it('backfills a range of days older than the start, and sweeps the Wazuh 5 FIM inventory', async () => {
    const ix = await indexer('wazuh-5.x');
    const recent = generateEvents5Corpus({ seed: 51, count: 200, startEpochMs: Date.now() - 2 * HOUR });
    const oldStart = Date.now() - 3 * 24 * HOUR;
    const old = generateEvents5Corpus({ seed: 52, count: 150, startEpochMs: oldStart });
    feedCorpus5(ix, recent);
    feedCorpus5(ix, old);
    // the inventory: the files the alerts showed, and those of a fleet never seen in an alert
    const unseen = fimStates5(generateEvents5Corpus({ seed: 53, count: 120, agents: undefined }).fleet);
    const seen = fimStates5(recent.fleet);
    ix.upsertFimStates(seen.docs);
    ix.upsertFimStates(unseen.docs);
    type StateDoc = { wazuh: { agent: { id: string } }; file: { path: string; hash?: { sha256?: string } } };
    const inIndex = new Map<string, StateDoc>(); // one per agent and path: the later upsert wins
    for (const d of [...seen.docs, ...unseen.docs] as unknown as StateDoc[])
      inIndex.set(`${d.wazuh.agent.id} ${d.file.path}`, d);
    const allSha = new Set([...inIndex.values()].map((d) => d.file.hash?.sha256).filter(Boolean));
    const e = await engine(dataDir(), flags(ix));
    const sr = summarize(recent.entries);
    let stats = await e.until((s) => s.fimEvents === sr.fim && indexerSource(s)?.state === 'following', 30_000);
    const src = indexerSource(stats)!;
    expect(src.indexer!.versionFound).toBe(5);

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const lastOld = Math.max(...old.entries.map((x) => x.epochMs));
    const job = await e.h.startBackfill({ id: src.id, from: day(oldStart), to: day(lastOld) } as never);
    expect(job.sourceId).toBe(src.id);
    stats = await e.until((s) => s.fimEvents === sr.fim + summarize(old.entries).fim, 30_000, 'the backfill');
    await e.until(() =>
      e.events.some((ev) => ev.type === 'backfill' && ev.job.id === job.id && ev.job.state === 'done'),
    );
    const done = (await e.h.listBackfills({})).find((j) => j.id === job.id)!;
    expect(done).toMatchObject({ state: 'done', fimEvents: summarize(old.entries).fim });
    expect(done.documentsRead).toBe(done.documentsTotal);
    expect(done.documentsRead).toBe(summarize(old.entries).fim);

    const sweep = await e.h.startSweep({ id: src.id });
    expect(sweep.state).toBe('running');
    stats = await e.until((s) => s.sweeps.some((j) => j.id === sweep.id && j.state !== 'running'), 30_000);
    const finished = stats.sweeps.find((j) => j.id === sweep.id)!;
    expect(finished).toMatchObject({ state: 'done', filesRead: inIndex.size });
    expect(finished.uniqueHashes).toBe(allSha.size);
    expect(finished.alreadyKnown + finished.alreadyQueued + finished.queued).toBe(allSha.size);
    // the hashes of live alerts wait in the queue already; the others are queued now
    expect(finished.alreadyQueued).toBeGreaterThan(0);
    expect(finished.queued).toBeGreaterThan(0);
    expect(stats.queue).toBeGreaterThanOrEqual(allSha.size);
    // a second sweep finds every hash waiting already
    const second = await e.h.startSweep({ id: src.id });
    stats = await e.until((s) => s.sweeps.some((j) => j.id === second.id && j.state !== 'running'), 30_000);
    expect(stats.sweeps.find((j) => j.id === second.id)).toMatchObject({ state: 'done', queued: 0 });
    expect(stats.sweeps[0].id).toBe(second.id);
  });
});
