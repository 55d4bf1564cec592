// The renderer's engine store: one subscription to the event stream, answers and events in any order, drawn at
// most once a frame for events, asked again after a reconnection.
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../../shared/contract';
import { hashDetail, hashesOf, job, reconnect, source, stats, openStore, verdict, verdictEvent } from '../storeHarness';

const INFO = {
  name: 'FIM Verdict',
  version: '1.0.0',
  dataDir: '/data',
  demo: false,
  transport: 'http' as const,
  keyStorage: { kind: 'owner-only-file' as const, encrypted: false, message: 'a file only you can read' },
  licences: [],
};

function setup() {
  const opened = openStore();
  opened.server.take('listAlerts'); // the Live table's first page: tests/unit/renderer/store/alertsFeed.test.ts
  return opened;
}

describe('the engine store', () => {
  it('asks for the info and the counters at start, and listens to one event stream', async () => {
    const { server, store } = setup();
    expect(server.listeners).toBe(1);
    await server.answer('getInfo', INFO);
    await server.answer('getStats', stats({ queue: 3, sources: [source(1)] }));
    const snapshot = store.getSnapshot();
    expect(snapshot.info).toEqual(INFO);
    expect(snapshot.stats?.queue).toBe(3);
    expect(snapshot.sources?.map((s) => s.id)).toEqual([1]);
    store.stop();
    expect(server.listeners).toBe(0);
  });

  it('draws stats events at most once a frame, with the last one', async () => {
    const { server, frames, store, draws } = setup();
    await server.answer('getStats', stats({ queue: 1 }));
    const before = draws();
    for (const queue of [2, 3, 4]) server.emit({ type: 'stats', stats: stats({ queue }) });
    expect(draws()).toBe(before);
    expect(store.getSnapshot().stats?.queue).toBe(1); // what views read changes only when drawn
    frames.run();
    expect(draws()).toBe(before + 1);
    expect(store.getSnapshot().stats?.queue).toBe(4);
    frames.run();
    expect(draws()).toBe(before + 1);
  });

  it('keeps a stats event that came before the getStats answer (the answer is older)', async () => {
    const { server, frames, store } = setup();
    server.emit({ type: 'stats', stats: stats({ queue: 9 }) });
    frames.run();
    await server.answer('getStats', stats({ queue: 1 }));
    expect(store.getSnapshot().stats?.queue).toBe(9);
  });

  it('says why there are no counters when getStats fails', async () => {
    const { server, store } = setup();
    const error = new ApiCallError({ code: 'internal', message: 'the database is locked' }, 'getStats');
    await server.fail('getStats', error);
    expect(store.getSnapshot().statsError).toBe(error);
    expect(store.getSnapshot().stats).toBeNull();
  });

  describe('sources', () => {
    it('follow source events between stats, in the order they came', async () => {
      const { server, frames, store } = setup();
      await server.answer('getStats', stats({ sources: [source(1), source(2)] }));
      server.emit({ type: 'source', source: source(2, { state: 'waiting', message: 'waiting for alerts.json' }) });
      server.emit({ type: 'source', source: source(3) }); // added elsewhere: shown before the next stats
      frames.run();
      expect(store.getSnapshot().sources?.map((s) => `${s.id}:${s.state}`)).toEqual([
        '1:following',
        '2:waiting',
        '3:following',
      ]);
      // the next stats event holds the whole list
      server.emit({ type: 'stats', stats: stats({ sources: [source(2, { state: 'error' })] }) });
      frames.run();
      expect(store.getSnapshot().sources?.map((s) => `${s.id}:${s.state}`)).toEqual(['2:error']);
    });

    it('a listSources answer keeps what a source event said after it was asked', async () => {
      const { server, frames, store } = setup();
      store.loadSources();
      server.emit({ type: 'source', source: source(1, { bytesRead: 500 }) });
      frames.run();
      await server.answer('listSources', [source(1, { bytesRead: 100 }), source(4)]);
      expect(store.getSnapshot().sources?.map((s) => [s.id, s.bytesRead])).toEqual([
        [1, 500],
        [4, 0],
      ]);
    });

    it('an added source is shown at once, then the list and the jobs are read again', async () => {
      const { server, store } = setup();
      await server.answer('getStats', stats({ sources: [source(1)] }));
      store.loadBackfills();
      await server.answer('listBackfills', []);
      const adding = store.addSource({ path: '/var/ossec/logs/alerts', fromEnd: false });
      expect(await server.answer('addSource', source(2, { kind: 'folder' }))).toEqual({
        path: '/var/ossec/logs/alerts',
        fromEnd: false,
      });
      await expect(adding).resolves.toMatchObject({ id: 2 });
      expect(store.getSnapshot().sources?.map((s) => s.id)).toEqual([1, 2]);
      expect(server.waiting('listSources')).toBe(1);
      expect(server.waiting('listBackfills')).toBe(1);
    });

    it('a refused source throws what the engine said and changes nothing', async () => {
      const { server, store } = setup();
      await server.answer('getStats', stats({ sources: [source(1)] }));
      const adding = store.addSource({ path: '/dev/zero' });
      const refusal = new ApiCallError({ code: 'bad-request', message: 'not a regular file' }, 'addSource');
      const refused = expect(adding).rejects.toBe(refusal);
      await server.fail('addSource', refusal);
      await refused;
      expect(store.getSnapshot().sources?.map((s) => s.id)).toEqual([1]);
    });

    it('a removed source is not brought back by a late event about it', async () => {
      const { server, frames, store } = setup();
      await server.answer('getStats', stats({ sources: [source(1), source(2)] }));
      const removal = store.removeSource(2);
      await server.answer('removeSource', { removed: true });
      await removal;
      server.emit({ type: 'source', source: source(2, { state: 'stopped' }) });
      frames.run();
      expect(store.getSnapshot().sources?.map((s) => s.id)).toEqual([1]);
    });
  });

  describe('verdicts', () => {
    it('a verdict event is kept under each hash of the file, and drawn at the next frame', async () => {
      const { server, frames, store, draws } = setup();
      const before = draws();
      const malicious = verdict('malicious', '2024-05-01T10:00:00Z', 7);
      server.emit(verdictEvent(1, malicious));
      expect(draws()).toBe(before);
      frames.run();
      expect(draws()).toBe(before + 1);
      const { md5, sha1, sha256 } = hashesOf(1);
      for (const hash of [md5, sha1, sha256]) expect(store.verdicts.of([hash])).toEqual(malicious);
      expect(store.getSnapshot().verdictEvents).toBe(1);
    });

    it('the newest answer wins whatever order verdict events come in', () => {
      const older = verdict('clean', '2024-05-01T09:00:00Z', 0);
      const newer = verdict('malicious', '2024-05-01T10:00:00Z', 7);
      for (const order of [
        [older, newer],
        [newer, older],
        [newer, verdict('pending', null)],
      ]) {
        const { server, store } = setup();
        for (const v of order) server.emit(verdictEvent(1, v));
        const expected = order.includes(newer) ? newer : older;
        expect(store.verdicts.of([hashesOf(1).sha256])).toEqual(expected);
      }
    });

    it('tells a view showing the file that it changed (verdict, or a stored reanalysis report)', () => {
      const { server, store } = setup();
      const { md5, sha256 } = hashesOf(1);
      const before = store.changesOf([sha256]);
      server.emit(verdictEvent(1, verdict('clean', '2024-05-01T09:00:00Z', 0)));
      const afterVerdict = store.changesOf([md5]);
      expect(afterVerdict).toBeGreaterThan(before);
      expect(store.changesOf([hashesOf(2).sha256])).toBe(0);
      const progress = {
        hash: sha256,
        status: 'completed' as const,
        startedAt: '2024-05-01T10:00:00Z',
        elapsedMs: 30_000,
        message: 'fetching the report',
        reportAt: null,
      };
      server.emit({ type: 'reanalyse', progress });
      expect(store.changesOf([sha256])).toBe(afterVerdict);
      server.emit({ type: 'reanalyse', progress: { ...progress, reportAt: '2024-05-01T10:00:31Z' } });
      expect(store.changesOf([sha256])).toBeGreaterThan(afterVerdict);
      expect(store.reanalysisOf([md5, sha256])?.reportAt).toBe('2024-05-01T10:00:31Z');
    });
  });

  it("a file's detail feeds the verdict cache and the reanalysis, and is no change an open page reads again", async () => {
    const { server, store } = setup();
    const { md5, sha1, sha256 } = hashesOf(4);
    const reanalyse = {
      hash: sha256,
      status: 'in-progress' as const,
      startedAt: '2024-05-01T10:00:00Z',
      elapsedMs: 15_000,
      message: 'in progress',
      reportAt: null,
    };
    const malicious = verdict('malicious', '2024-05-01T10:00:00Z', 7);
    const reading = store.readHash(md5);
    const asked = await server.answer('getHash', hashDetail(4, { verdict: malicious, reanalyse }));
    expect(asked).toEqual({ hash: md5 });
    await reading;
    expect(store.verdicts.of([sha1])).toEqual(malicious);
    expect(store.verdicts.hashesOf(md5).sort()).toEqual([md5, sha1, sha256].sort());
    expect(store.reanalysisOf([md5, sha256])).toEqual(reanalyse);
    expect(store.changesOf([md5, sha1, sha256])).toBe(0); // answers never make a page read itself again
  });

  it('backfill jobs: an older answer does not undo a later event', async () => {
    const { server, frames, store } = setup();
    store.loadBackfills();
    server.emit({ type: 'backfill', job: job(5, { filesDone: 3 }) });
    frames.run();
    await server.answer('listBackfills', [job(5, { filesDone: 1 }), job(4, { state: 'done', filesDone: 7 })]);
    const jobs = store.getSnapshot().backfills;
    expect(jobs.get(5)?.filesDone).toBe(3);
    expect(jobs.get(4)?.state).toBe('done');
  });

  it("a backfill's job is shown from its answer, and events move it on", async () => {
    const { server, frames, store } = setup();
    const starting = store.startBackfill({ id: 1, from: '2024-04-01', to: '2024-04-07' });
    await server.answer('startBackfill', job(8));
    await starting;
    expect(store.getSnapshot().backfills.get(8)?.state).toBe('running');
    server.emit({ type: 'backfill', job: job(8, { state: 'done', filesDone: 7 }) });
    frames.run();
    expect(store.getSnapshot().backfills.get(8)?.state).toBe('done');
  });

  it('a click on a desktop notification opens the file', () => {
    const { server, told } = setup();
    server.emit({ type: 'open-file', hash: hashesOf(3).sha256 });
    expect(told.opened).toEqual([hashesOf(3).sha256]);
  });

  describe('after a reconnection', () => {
    it('asks again for the info, the counters, and the lists a view asked for', async () => {
      const { server, connection, store } = setup();
      await server.answer('getInfo', INFO);
      await server.answer('getStats', stats());
      store.loadSources();
      store.loadBackfills();
      await server.answer('listSources', []);
      await server.answer('listBackfills', []);
      expect(server.calls).toEqual([]);

      // a state change without a new epoch (connecting, a loss that has not come back) asks nothing
      connection.set({ state: 'reconnecting', lostAt: 1 });
      expect(server.calls).toEqual([]);
      connection.set({ state: 'open', lostAt: null });
      expect(server.calls).toEqual([]);

      reconnect(connection);
      expect(server.calls.map((c) => c.method).sort()).toEqual(['getInfo', 'getStats', 'listBackfills', 'listSources']);
      await server.answer('getStats', stats({ queue: 12 }));
      expect(store.getSnapshot().stats?.queue).toBe(12);
    });

    it('asks only for what was shown before', () => {
      const { server, connection } = setup();
      server.calls.length = 0;
      reconnect(connection);
      expect(server.calls.map((c) => c.method).sort()).toEqual(['getInfo', 'getStats']);
    });
  });
});
