// The indexer poller against the test indexer over HTTPS, with the generated 4.x and 5.x corpora: every FIM
// document stored exactly once across restarts at every page boundary, equal timestamps across pages, documents
// that become searchable late, points in time that expire, an indexer without points in time, a rolled-over data
// stream, partial shard failures, and what the requests look like.
import { afterEach, describe, expect, it } from 'vitest';
import { newIndexerCursor } from '../../../electron/core/indexer/cursor';
import { PitSupport, searchPages, sortsAfter } from '../../../electron/core/indexer/pager';
import { pollOnce } from '../../../electron/core/indexer/poller';
import { IndexerError } from '../../../electron/core/indexer/errors';
import { statusForError, statusForPartial } from '../../../electron/core/indexer/sourceStatus';
import {
  type IndexerServer,
  type IndexerServerOptions,
  startIndexerServer,
} from '../../emulator/indexer/indexerServer';
import { type Corpus, summarize } from '../../generators/indexerCorpus';
import { feedCorpus4, generateIndexer4Corpus } from '../../generators/wazuhIndexer4';
import { feedCorpus5, generateEvents5Corpus } from '../../generators/wazuhEvents5';
import { createRng } from '../../generators/prng';
import { apiFor, closeApis, pollInto } from './helpers';
import { PollStore } from './pollStore';

const MIN = 60_000;
let ix: IndexerServer | null = null;
const stores: PollStore[] = [];
afterEach(async () => {
  await closeApis();
  for (const s of stores.splice(0)) s.close();
  await ix?.close();
  ix = null;
});
async function serve(o: IndexerServerOptions = {}): Promise<IndexerServer> {
  ix = await startIndexerServer(o);
  return ix;
}
function newStore(): PollStore {
  const s = new PollStore();
  stores.push(s);
  return s;
}

const fimIds = (c: Corpus<unknown>) =>
  c.entries
    .filter((e) => e.kind === 'fim')
    .map((e) => e.docId)
    .sort();
const firstMs = (c: Corpus<unknown>) => Math.min(...c.entries.map((e) => e.epochMs));
const lastMs = (c: Corpus<unknown>) => Math.max(...c.entries.map((e) => e.epochMs));

describe('exactly once across restarts', () => {
  it('4.x: a crash before committing any page of the first poll, then resumed: each FIM alert once, counts exact', async () => {
    const corpus = generateIndexer4Corpus({ seed: 31, count: 300, maxBurst: 25, burstShare: 0.08 });
    const s = summarize(corpus.entries);
    expect(s.largestSameTimestamp).toBeGreaterThan(12); // bursts longer than a page
    expect(lastMs(corpus) - firstMs(corpus)).toBeGreaterThan(MIN);
    const server = await serve();
    feedCorpus4(server, corpus);
    const now = lastMs(corpus) + MIN;
    const pageSize = 11;
    const reference = newStore();
    reference.start(newIndexerCursor(4, firstMs(corpus) + 23 * 3_600_000));
    const full = await pollInto(apiFor(server), reference, now, {
      overlapMs: 2 * MIN,
      pit: new PitSupport(),
      pageSize,
    });
    const boundaries = full.pages.length;
    // new documents, then the overlap re-read: the corpus spans more than the 2-minute window, so both have pages
    expect(full.pages.filter((p) => p.documents.some((d) => d.replay)).length).toBeGreaterThan(3);
    expect(full.pages.filter((p) => p.documents.some((d) => !d.replay)).length).toBe(
      Math.ceil((s.fim + s.registry) / pageSize),
    );
    expect(reference.alertIds()).toEqual(fimIds(corpus));

    // a crash after every possible number of committed pages, then a restart from the stored cursor
    for (let k = 0; k < boundaries; k++) {
      const store = newStore();
      store.start(newIndexerCursor(4, firstMs(corpus) + 23 * 3_600_000));
      const api = apiFor(server);
      const crashed = await pollInto(api, store, now, {
        overlapMs: 2 * MIN,
        pit: new PitSupport(),
        pageSize,
        crashAfterPages: k,
      });
      expect(crashed.crashed).toBe(true);
      await pollInto(apiFor(server), store, now, { overlapMs: 2 * MIN, pit: new PitSupport(), pageSize });
      expect(store.alertIds()).toEqual(fimIds(corpus));
      const c = store.counters();
      expect(c).toMatchObject({
        fimInserted: s.fim,
        read: s.fim + s.registry,
        registry: s.registry,
        other: 0,
        errors: 0,
      });
    }
  });

  it('5.x: crashes at random page boundaries over many restarts, equal timestamps across pages', async () => {
    const corpus = generateEvents5Corpus({ seed: 12, count: 3_000, maxBurst: 30, burstShare: 0.4 });
    const s = summarize(corpus.entries);
    const server = await serve({ preset: 'wazuh-5.x' });
    feedCorpus5(server, corpus);
    const store = newStore();
    store.start(newIndexerCursor(5, firstMs(corpus) + 12 * 3_600_000));
    const now = lastMs(corpus) + MIN;
    let restarts = 0;
    const rng = createRng(77);
    // a crash after 0 to 40 committed pages each time (a poll that re-reads the overlap window needs about 20: this
    // corpus packs ~900 events in 2 minutes)
    for (let crashAt = 3; ; crashAt = rng.int(0, 40)) {
      expect(restarts).toBeLessThan(200);
      const run = await pollInto(apiFor(server), store, now, {
        overlapMs: 2 * MIN,
        pit: new PitSupport(),
        pageSize: 50,
        crashAfterPages: crashAt,
      });
      if (!run.crashed) break;
      restarts++;
    }
    expect(restarts).toBeGreaterThan(5);
    expect(store.alertIds()).toEqual(fimIds(corpus));
    expect(store.counters()).toMatchObject({ fimInserted: s.fim, read: s.fim, other: 0, registry: 0, errors: 0 });
    // the crashes left their points in time open (a kill -9 closes nothing); they expire by keep-alive
    expect(server.pits.open().length).toBeGreaterThan(0);
  });
});

describe('late documents and the overlap window', () => {
  async function followWithClock(overlapMs: number, maxLateMs: number) {
    const corpus = generateEvents5Corpus({ seed: 44, count: 1_200, lateShare: 0.25, maxLateMs });
    let clock = firstMs(corpus);
    const server = await serve({ preset: 'wazuh-5.x', now: () => clock });
    feedCorpus5(server, corpus, { visibility: 'by-delay' });
    const store = newStore();
    store.start(newIndexerCursor(5, clock - MIN));
    const api = apiFor(server);
    const end = lastMs(corpus) + maxLateMs + 10_000;
    let polls = 0;
    while (clock <= end + 10_000) {
      await pollInto(api, store, clock, { overlapMs, pit: new PitSupport(), pageSize: 50 });
      clock += 10_000;
      polls++;
    }
    return { corpus, store, polls, server };
  }

  it('late within the overlap: every FIM event stored once, each counted once', async () => {
    const { corpus, store } = await followWithClock(2 * MIN, 100_000);
    const s = summarize(corpus.entries);
    expect(s.late).toBeGreaterThan(100);
    expect(store.alertIds()).toEqual(fimIds(corpus));
    const c = store.counters();
    expect(c.fimInserted).toBe(s.fim);
    expect(c.read).toBe(s.fim);
    expect(c.fimIgnored).toBeGreaterThan(0); // the overlap was re-read
  });

  it('later than the overlap: missed with 2 minutes, caught with 5 (the overlap is what catches them)', async () => {
    const short = await followWithClock(2 * MIN, 280_000);
    const missed = fimIds(short.corpus).filter((id) => !short.store.alertIds().includes(id));
    expect(missed.length).toBeGreaterThan(0);
    await short.server.close();
    ix = null;
    const long = await followWithClock(5 * MIN, 280_000);
    expect(long.store.alertIds()).toEqual(fimIds(long.corpus));
  });
});

describe('hostile or broken indexers', () => {
  it('a document dated years ahead does not hide the documents that come after it', async () => {
    const corpus = generateIndexer4Corpus({ seed: 12, count: 240 });
    const half = Math.floor(corpus.docs.length / 2);
    const midMs = corpus.entries[half].epochMs;
    let clock = midMs;
    const server = await serve({ now: () => clock });
    const store = newStore();
    store.start(newIndexerCursor(4, firstMs(corpus) - MIN));
    const api = apiFor(server);
    const poll = () => pollInto(api, store, clock, { overlapMs: 2 * MIN, pit: new PitSupport(), pageSize: 25 });
    // what has come so far, and a document of an agent whose clock is ten years ahead (or an attacker's)
    server.addAlerts(corpus.docs.slice(0, half));
    server.addAlerts([{ ...corpus.docs[0], id: '2099999999.1', timestamp: '2036-07-05T09:00:00.000+0000' }]);
    await poll();
    // then the rest, as it comes
    server.addAlerts(corpus.docs.slice(half));
    for (clock = midMs; clock <= lastMs(corpus) + 2 * MIN; clock += 10_000) await poll();
    expect(store.alertIds()).toEqual(fimIds(corpus)); // every one (before: the cursor was in 2036 after the first poll)
    expect((store.cursor() as { after: [number, string] }).after[0]).toBeLessThan(clock + 2 * MIN);
  });

  it('pages that do not move forward stop the poll with a bad answer, not a loop', async () => {
    const hit = (i: number) => ({
      _id: `d${i}`,
      _index: 'wazuh-alerts-4.x-2026.07.05',
      _source: {},
      sort: [1_000, 'a'],
    });
    let searches = 0;
    const api = {
      search: () => {
        searches += 1;
        return Promise.resolve({
          hits: Array.from({ length: 10 }, (_, i) => hit(i)),
          shards: { total: 1, successful: 1, failed: 0 },
          total: null,
          pitId: null,
        });
      },
    };
    const pit = new PitSupport();
    pit.known = false;
    const pages = searchPages(
      api as never,
      { index: 'wazuh-alerts-4.x-*', query: {}, sort: [], size: 10, after: null },
      { pit },
    );
    const read = async () => {
      for await (const page of pages) void page;
    };
    await expect(read()).rejects.toMatchObject({ problem: 'bad-answer' });
    expect(searches).toBe(2);
    expect(sortsAfter([1_000, 'b'], [1_000, 'a'])).toBe(true);
    expect(sortsAfter([1_000, 'a'], [1_000, 'a'])).toBe(false);
    expect(sortsAfter([999, 'z'], [1_000, 'a'])).toBe(false);
    expect(sortsAfter([1_000, 'a', 5], [1_000, 'a'])).toBe(true);
    expect(sortsAfter('x', [1])).toBe(false);
    // a missing value sorts last (ascending), as OpenSearch puts it
    expect(sortsAfter([1_000, null], [1_000, 'zzz'])).toBe(true);
    expect(sortsAfter([1_000, 'zzz'], [1_000, null])).toBe(false);
  });
});

describe('points in time', () => {
  it('a point in time that expires mid-poll is reopened; nothing lost or repeated', async () => {
    const corpus = generateIndexer4Corpus({ seed: 5, count: 600 });
    const server = await serve();
    feedCorpus4(server, corpus);
    const store = newStore();
    store.start(newIndexerCursor(4, firstMs(corpus) - MIN));
    const baseline = newStore();
    baseline.start(newIndexerCursor(4, firstMs(corpus) - MIN));
    await pollInto(apiFor(server), baseline, lastMs(corpus), {
      overlapMs: 2 * MIN,
      pit: new PitSupport(),
      pageSize: 40,
    });
    const creates = server.requests.filter((r) => r.route === 'pit-create').length;
    server.reset();
    const run = await pollInto(apiFor(server), store, lastMs(corpus), {
      overlapMs: 2 * MIN,
      pit: new PitSupport(),
      pageSize: 40,
      beforePage: (n) => {
        if (n === 3 || n === 7) server.pits.expireAll();
      },
    });
    expect(run.pages.every((p) => p.complete)).toBe(true);
    expect(store.alertIds()).toEqual(fimIds(corpus));
    expect(store.counters()).toEqual(baseline.counters());
    expect(server.requests.filter((r) => r.route === 'pit-create')).toHaveLength(creates + 2);
    expect(server.requests.filter((r) => r.status === 404)).toHaveLength(2);
    expect(server.pits.open()).toHaveLength(0); // closed at the end
  });

  it('an indexer without points in time (Wazuh 4.3, OpenSearch 1.2.4): search_after alone, asked once', async () => {
    const corpus = generateIndexer4Corpus({ seed: 6, count: 500, maxBurst: 20 });
    const server = await serve({ preset: 'wazuh-4.3', tieOrder: 'shuffled' });
    feedCorpus4(server, corpus);
    const store = newStore();
    store.start(newIndexerCursor(4, firstMs(corpus) - MIN));
    const pit = new PitSupport();
    await pollInto(apiFor(server), store, lastMs(corpus), { overlapMs: 2 * MIN, pit, pageSize: 25 });
    await pollInto(apiFor(server), store, lastMs(corpus), { overlapMs: 2 * MIN, pit, pageSize: 25 });
    expect(pit.known).toBe(false);
    expect(store.alertIds()).toEqual(fimIds(corpus));
    expect(server.requests.filter((r) => r.path.includes('point_in_time'))).toHaveLength(1);
  });

  it('too many open points in time (429) or none allowed (403): this poll pages without one', async () => {
    const corpus = generateIndexer4Corpus({ seed: 7, count: 300 });
    const server = await serve();
    feedCorpus4(server, corpus);
    for (const fault of [{ kind: 'too-many-requests' }, { kind: 'forbidden' }] as const) {
      server.reset();
      server.fail('pit-create', fault);
      const store = newStore();
      store.start(newIndexerCursor(4, firstMs(corpus) - MIN));
      const pit = new PitSupport();
      const run = await pollInto(apiFor(server), store, lastMs(corpus), { overlapMs: 2 * MIN, pit, pageSize: 30 });
      expect(run.pages.some((p) => p.documents.length > 0)).toBe(true);
      expect(store.alertIds()).toEqual(fimIds(corpus));
      expect(server.searches().every((r) => r.route === 'search')).toBe(true);
      expect(pit.known).toBe(null); // not learnt from a refusal: the next poll tries again
    }
  });
});

describe('partial shard failures', () => {
  it('a page some shards did not answer delivers nothing, keeps the cursor, and says so; the next poll reads it', async () => {
    const corpus = generateIndexer4Corpus({ seed: 8, count: 400 });
    const server = await serve();
    feedCorpus4(server, corpus);
    const store = newStore();
    store.start(newIndexerCursor(4, firstMs(corpus) - MIN));
    const api = apiFor(server);
    server.fail('pit-search', { kind: 'shard-failures', failed: 1 }, 1);
    const first = await pollInto(api, store, lastMs(corpus), {
      overlapMs: 2 * MIN,
      pit: new PitSupport(),
      pageSize: 50,
    });
    const partial = first.pages[first.pages.length - 1];
    expect(partial).toMatchObject({ complete: false, last: true, documents: [], shardsNote: '2 of 3 shards answered' });
    expect(partial.nextCursor).toEqual(first.pages[0].nextCursor);
    expect(store.cursor()).toEqual(first.pages[0].nextCursor);
    expect(store.alertIds().length).toBeLessThan(fimIds(corpus).length);
    const status = statusForPartial(partial.shardsNote!, { attempt: 1, nowMs: 0, random: () => 1 });
    expect(status.message).toMatch(
      /^2 of 3 shards answered: waiting for the rest before reading further, retrying at \d\d:\d\d:\d\d$/,
    );
    expect(status).toMatchObject({ problem: 'partial-shards', retryAt: 5_000 });

    await pollInto(api, store, lastMs(corpus), { overlapMs: 2 * MIN, pit: new PitSupport(), pageSize: 50 });
    expect(store.alertIds()).toEqual(fimIds(corpus));
    expect(store.counters().read).toBe(summarize(corpus.entries).fim + summarize(corpus.entries).registry);
  });

  it('on the first page too', async () => {
    const corpus = generateEvents5Corpus({ seed: 9, count: 100 });
    const server = await serve({ preset: 'wazuh-5.x' });
    feedCorpus5(server, corpus);
    server.rollover('wazuh-events-v5-system-activity'); // two backing indices: two shards
    server.fail('search', { kind: 'shard-failures', failed: 1 }, 1);
    const store = newStore();
    store.start(newIndexerCursor(5, firstMs(corpus) - MIN));
    const run = await pollInto(apiFor(server), store, lastMs(corpus), { overlapMs: 2 * MIN, pit: new PitSupport() });
    expect(run.pages).toHaveLength(1);
    expect(run.pages[0]).toMatchObject({ complete: false, shardsNote: '1 of 2 shards answered' });
    expect(store.alertIds()).toEqual([]);
  });
});

describe('where a source starts', () => {
  /** an index where the timestamps change, so "before" and "from" that time are clear cut */
  function splitAt<T>(c: Corpus<T>, i: number): number {
    while (c.entries[i].epochMs === c.entries[i - 1].epochMs) i++;
    return i;
  }

  it('--from-end: only what comes after, even within the overlap', async () => {
    const corpus = generateEvents5Corpus({ seed: 10, count: 300 });
    const server = await serve({ preset: 'wazuh-5.x' });
    const half = splitAt(corpus, 150);
    const cut = corpus.entries[half].epochMs;
    server.addEvents(corpus.docs.slice(0, half));
    const store = newStore();
    store.start(newIndexerCursor(5, cut, { fromEnd: true }));
    const api = apiFor(server);
    await pollInto(api, store, cut, { overlapMs: 2 * MIN, pit: new PitSupport() });
    expect(store.alertIds()).toEqual([]);
    server.addEvents(corpus.docs.slice(half));
    await pollInto(api, store, lastMs(corpus), { overlapMs: 2 * MIN, pit: new PitSupport() });
    const after = corpus.entries
      .filter((e) => e.kind === 'fim' && e.epochMs >= cut)
      .map((e) => e.docId)
      .sort();
    expect(after.length).toBeGreaterThan(50);
    expect(store.alertIds()).toEqual(after);
  });

  it('a new source reads 24 hours back, not before', async () => {
    const corpus = generateEvents5Corpus({ seed: 11, count: 300 });
    const server = await serve({ preset: 'wazuh-5.x' });
    feedCorpus5(server, corpus);
    const from = corpus.entries[splitAt(corpus, 100)].epochMs;
    const store = newStore();
    store.start(newIndexerCursor(5, from + 24 * 3_600_000));
    await pollInto(apiFor(server), store, from + 24 * 3_600_000, { overlapMs: 2 * MIN, pit: new PitSupport() });
    const within = corpus.entries
      .filter((e) => e.kind === 'fim' && e.epochMs >= from)
      .map((e) => e.docId)
      .sort();
    expect(within.length).toBeLessThan(fimIds(corpus).length);
    expect(store.alertIds()).toEqual(within);
  });
});

describe('what the requests look like, and the answers that stop a poll', () => {
  it('no from, every sort ends with the unique id (unmapped_type keyword), a rolled-over stream does not fail', async () => {
    const corpus = generateEvents5Corpus({ seed: 13, count: 400 });
    const server = await serve({ preset: 'wazuh-5.x' });
    feedCorpus5(server, corpus);
    server.rollover('wazuh-events-v5-system-activity'); // the new backing index has no mapping yet
    const store = newStore();
    store.start(newIndexerCursor(5, firstMs(corpus) - MIN));
    const run = await pollInto(apiFor(server), store, lastMs(corpus), {
      overlapMs: 2 * MIN,
      pit: new PitSupport(),
      pageSize: 60,
    });
    expect(run.pages.every((p) => p.complete && p.shardsNote === null)).toBe(true);
    expect(store.alertIds()).toEqual(fimIds(corpus));
    for (const r of server.searches()) {
      const body = r.body as { from?: unknown; sort: Record<string, { unmapped_type?: string }>[] };
      expect(body).not.toHaveProperty('from');
      expect(Object.keys(body.sort[body.sort.length - 1])).toEqual(['wazuh.event.id']);
      expect(body.sort[1]['wazuh.event.id'].unmapped_type).toBe('keyword');
    }
  });

  it('a document with a __proto__ key is delivered (the client would otherwise drop the whole page)', async () => {
    const corpus = generateIndexer4Corpus({ seed: 14, count: 20, otherShare: 0, registryShare: 0 });
    const server = await serve();
    const hostile = JSON.parse(
      JSON.stringify(corpus.docs[0]).replace('"syscheck":{', '"syscheck":{"__proto__":{"path":"/x"},'),
    );
    server.addAlerts([hostile, ...corpus.docs.slice(1)]);
    const store = newStore();
    store.start(newIndexerCursor(4, firstMs(corpus) - MIN));
    await pollInto(apiFor(server), store, lastMs(corpus), { overlapMs: 2 * MIN, pit: new PitSupport() });
    expect(store.alertIds()).toEqual(fimIds(corpus));
  });

  it('401 stops the source until the credentials change; 429 and 503 back off with the time said', async () => {
    const server = await serve();
    server.addAlerts(generateIndexer4Corpus({ seed: 15, count: 5 }).docs);
    const cursor = newIndexerCursor(4, Date.UTC(2026, 6, 5, 12));
    const failure = async (api = apiFor(server)) => {
      try {
        for await (const _ of pollOnce(api, cursor, 0, { overlapMs: 2 * MIN, pit: new PitSupport() })) void _;
      } catch (e) {
        return e as IndexerError;
      }
      throw new Error('no failure');
    };
    const e401 = await failure(apiFor(server, { password: 'wrong' }));
    expect(statusForError(e401, { attempt: 1, nowMs: 0 })).toEqual({
      problem: 'credentials',
      message: 'credentials refused (401): stopped until the user name or the password changes',
      retryAt: null,
      stoppedUntilCredentialsChange: true,
    });
    for (const [fault, status] of [
      [{ kind: 'too-many-requests' }, 429],
      [{ kind: 'unavailable' }, 503],
    ] as const) {
      server.fail('search', fault, 1);
      const e = await failure();
      const st = statusForError(e, { attempt: 2, nowMs: Date.UTC(2026, 0, 1), random: () => 0 });
      expect(st.problem).toBe('overloaded');
      expect(st.retryAt).toBe(Date.UTC(2026, 0, 1) + 5_000);
      expect(st.message).toMatch(
        new RegExp(`^rate-limited or overloaded \\(${status}\\): retrying at \\d\\d:\\d\\d:\\d\\d$`),
      );
    }
    server.users.push({ name: 'web-only', password: 'web-only-password', read: ['web-logs-*'] });
    const stranger = apiFor(server, { username: 'web-only', password: 'web-only-password' });
    const st403 = statusForError(await failure(stranger), { attempt: 1, nowMs: 0, random: () => 0 });
    expect(st403).toMatchObject({ problem: 'forbidden', retryAt: 30_000, stoppedUntilCredentialsChange: false });
    expect(st403.message).toMatch(
      /^forbidden: this user cannot read wazuh-alerts-4\.x-\* \(403\): retrying at \d\d:\d\d:\d\d$/,
    );
  });
});
