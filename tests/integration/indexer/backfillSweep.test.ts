// Backfill of a date range and the Wazuh 5 FIM inventory sweep, against the test indexer: exact counts, resuming,
// progress, documents already stored by the live poll counted once, partial shards, the no-PIT indexer.
import { afterEach, describe, expect, it } from 'vitest';
import { backfillRange } from '../../../electron/core/indexer/backfill';
import { type SweepPage, sweepFimStates } from '../../../electron/core/indexer/fimSweep';
import { PitSupport } from '../../../electron/core/indexer/pager';
import {
  type IndexerServer,
  type IndexerServerOptions,
  startIndexerServer,
} from '../../emulator/indexer/indexerServer';
import { summarize } from '../../generators/indexerCorpus';
import { feedCorpus4, generateIndexer4Corpus } from '../../generators/wazuhIndexer4';
import { feedCorpus5, generateEvents5Corpus } from '../../generators/wazuhEvents5';
import { fimStates5 } from '../../generators/wazuhStates5';
import { apiFor, closeApis } from './helpers';

let ix: IndexerServer | null = null;
afterEach(async () => {
  await closeApis();
  await ix?.close();
  ix = null;
});
async function serve(o: IndexerServerOptions = {}): Promise<IndexerServer> {
  ix = await startIndexerServer(o);
  return ix;
}

describe('backfill of a date range', () => {
  it('4.x: every FIM alert of the range once, progress against the total, nothing outside the range', async () => {
    const corpus = generateIndexer4Corpus({ seed: 60, count: 1_200, maxBurst: 20 });
    const server = await serve();
    feedCorpus4(server, corpus);
    const times = corpus.entries.map((e) => e.epochMs);
    const from = times[300];
    const to = times[900];
    const expected = corpus.entries.filter((e) => e.kind !== 'other' && e.epochMs >= from && e.epochMs < to);
    const ids: string[] = [];
    const progress: { read: number; total: number | null }[] = [];
    for await (const page of backfillRange(apiFor(server), {
      wazuh: 4,
      fromMs: from,
      toMs: to,
      pit: new PitSupport(),
      pageSize: 64,
    })) {
      expect(page.complete).toBe(true);
      for (const d of page.documents)
        ids.push(d.record.kind === 'fim' ? d.record.event.alertId : `${d.record.kind}:${d.id}`);
      progress.push(page.progress);
    }
    expect(ids.filter((i) => !i.startsWith('registry')).sort()).toEqual(
      expected
        .filter((e) => e.kind === 'fim')
        .map((e) => e.docId)
        .sort(),
    );
    expect(ids).toHaveLength(expected.length);
    expect(progress[progress.length - 1]).toEqual({ read: expected.length, total: expected.length });
    expect(progress.every((p) => p.total === expected.length)).toBe(true);
    // read in one point in time, opened first and closed at the end
    expect(server.searches().every((r) => r.route === 'pit-search')).toBe(true);
    expect(server.pits.open()).toHaveLength(0);
  });

  it('5.x: resumes after a stop from the last page it delivered; no-PIT indexers work too', async () => {
    const corpus = generateEvents5Corpus({ seed: 61, count: 900 });
    for (const preset of ['wazuh-5.x', 'wazuh-4.3'] as const) {
      const server = await serve({ preset });
      feedCorpus5(server, corpus);
      const range = { wazuh: 5 as const, fromMs: 0, toMs: Date.UTC(2100, 0, 1), pageSize: 50 };
      const ids: string[] = [];
      let resume = null;
      let pages = 0;
      for await (const page of backfillRange(apiFor(server), { ...range, pit: new PitSupport() })) {
        ids.push(...page.documents.map((d) => d.id));
        resume = page.resumeAfter;
        if (++pages === 4) break; // stopped (the app closed): the caller kept resumeAfter
      }
      for await (const page of backfillRange(apiFor(server), {
        ...range,
        resumeAfter: resume,
        pit: new PitSupport(),
      })) {
        ids.push(...page.documents.map((d) => d.id));
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(summarize(corpus.entries).fim);
      await server.close();
      ix = null;
    }
  });

  it('a page with failed shards ends the backfill as incomplete; an empty range is refused', async () => {
    const corpus = generateIndexer4Corpus({ seed: 62, count: 300 });
    const server = await serve();
    feedCorpus4(server, corpus);
    server.fail('pit-search', { kind: 'shard-failures', failed: 2 }, 1);
    const pages = [];
    for await (const p of backfillRange(apiFor(server), {
      wazuh: 4,
      fromMs: 0,
      toMs: Date.UTC(2100, 0, 1),
      pit: new PitSupport(),
    }))
      pages.push(p);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      complete: false,
      shardsNote: '1 of 3 shards answered',
      documents: [],
      resumeAfter: null,
    });
    const empty = backfillRange(apiFor(server), { wazuh: 4, fromMs: 10, toMs: 10, pit: new PitSupport() });
    await expect(empty.next()).rejects.toMatchObject({ problem: 'config' });
  });
});

describe('the Wazuh 5 FIM inventory sweep', () => {
  async function sweepAll(server: IndexerServer, o: { pageSize?: number; stopAfter?: number } = {}) {
    const pages: SweepPage[] = [];
    for await (const page of sweepFimStates(apiFor(server), { pit: new PitSupport(), pageSize: o.pageSize ?? 70 })) {
      pages.push(page);
      if (pages.length === o.stopAfter) break;
    }
    return pages;
  }

  it('every file once, each hash once across agents, progress (files read, unique hashes, total)', async () => {
    const corpus = generateEvents5Corpus({ seed: 63, count: 2_500, copiedShare: 0.3 });
    const states = fimStates5(corpus.fleet);
    const shared = [...states.filesBySha256.values()].filter((n) => n > 1).length;
    expect(shared).toBeGreaterThan(10); // the same file on several agents
    const server = await serve({ preset: 'wazuh-5.x' });
    server.upsertFimStates(states.docs);
    const pages = await sweepAll(server);
    const files = pages.flatMap((p) => p.files);
    expect(files).toHaveLength(states.docs.length);
    expect(new Set(files.map((f) => `${f.agentId}\u0000${f.path}`)).size).toBe(states.docs.length);
    const newHashes = pages.flatMap((p) => p.newHashes.map((f) => f.hashes.sha256));
    expect(newHashes).toHaveLength(states.uniqueSha256);
    expect(new Set(newHashes).size).toBe(states.uniqueSha256);
    expect(pages[pages.length - 1].progress).toEqual({
      filesRead: states.docs.length,
      uniqueHashes: states.uniqueSha256,
      total: states.docs.length,
    });
    expect(pages.every((p) => p.complete && p.unreadable === 0)).toBe(true);
    expect(server.pits.open()).toHaveLength(0);
  });

  it('resumes where it stopped, with the hashes already reported', async () => {
    const corpus = generateEvents5Corpus({ seed: 64, count: 1_500 });
    const states = fimStates5(corpus.fleet);
    const server = await serve({ preset: 'wazuh-5.x' });
    server.upsertFimStates(states.docs);
    const seen = new Set<string>();
    const first: SweepPage[] = [];
    for await (const p of sweepFimStates(apiFor(server), { pit: new PitSupport(), pageSize: 40, seen })) {
      first.push(p);
      if (first.length === 3) break;
    }
    const rest: SweepPage[] = [];
    for await (const p of sweepFimStates(apiFor(server), {
      pit: new PitSupport(),
      pageSize: 40,
      seen,
      resumeAfter: first[2].resumeAfter,
    }))
      rest.push(p);
    const all = [...first, ...rest];
    expect(all.flatMap((p) => p.files)).toHaveLength(states.docs.length);
    expect(all.flatMap((p) => p.newHashes)).toHaveLength(states.uniqueSha256);
  });

  it('a user without the states index is told; its one shard failing is an error to retry', async () => {
    const corpus = generateEvents5Corpus({ seed: 65, count: 300 });
    const server = await serve({ preset: 'wazuh-5.x' });
    server.upsertFimStates(fimStates5(corpus.fleet).docs);
    const it = sweepFimStates(apiFor(server, { username: 'alerts-only', password: 'alerts-only-password' }), {
      pit: new PitSupport(),
    });
    await expect(it.next()).rejects.toMatchObject({
      problem: 'forbidden',
      message: 'forbidden: this user cannot read wazuh-states-fim-files (403)',
    });
    // the states index has one shard: when it fails, the indexer answers "all shards failed" (503), not a page
    server.fail('pit-search', { kind: 'shard-failures', failed: 1 }, 1);
    await expect(sweepAll(server)).rejects.toMatchObject({ problem: 'overloaded', status: 503 });
    expect((await sweepAll(server)).flatMap((p) => p.files).length).toBeGreaterThan(0);
  });
});
