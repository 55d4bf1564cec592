// The scale benchmark's data directory (tests/bench/scale/buildDataDir.ts), built small: the engine, started on it,
// answers through its real API exactly what the builder says it stored (alerts by state, agent and event, files by
// state, the queue, the history, the busiest file's page). And the events the builder stores without JSON are the
// ones the real parser reads from the same alerts written as JSON. So the builder cannot drift from the schema or
// the parser unnoticed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonAlert } from '../../electron/core/wazuh/alertsJson';
import Database from 'better-sqlite3';
import { DB_FILE, scaleDataDir, type ScaleDataDir } from '../bench/scale/buildDataDir';
import { densify } from '../bench/scale/densify';
import { ScaleEventStream, type StreamItem } from '../bench/scale/events';
import { fimEventOf } from '../bench/scale/toDomain';
import { fimJson } from '../generators/wazuhJson';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { aggregatesByGroupBy, keptAggregates } from '../helpers/fileListByGroupBy';
import { makeTempDir } from '../helpers/tempDir';

const N = 2_000;
const END = Date.UTC(2026, 5, 1);
const STATES = ['clean', 'unknown', 'malicious', 'suspicious', 'error', 'pending'] as const;

function fimSpecs(items: StreamItem[]) {
  return items.flatMap((i) => (i.kind === 'fim' ? [i.spec] : []));
}

describe('scale data directory', () => {
  const temp = makeTempDir('fimv-scale-test-');
  let built: ScaleDataDir;
  let t: TestEngine;

  beforeAll(async () => {
    built = await scaleDataDir({ alerts: N, seed: 7, endEpochMs: END, cacheRoot: temp.dir });
    // the engine writes to a data directory it starts on: a copy, as the benchmark does
    const copy = path.join(temp.dir, 'copy');
    fs.cpSync(built.dataDir, copy, { recursive: true });
    t = await startTestEngine({ dataDir: copy });
  });
  afterAll(async () => {
    await t?.stop();
    temp.cleanup();
  });

  it('stores every alert, and the files by state the builder planned', async () => {
    const m = built.meta.manifest;
    expect(m.alerts).toBe(N);
    const s = await t.stats();
    expect(s.fimEvents).toBe(N);
    expect(s.uniqueHashes).toBe(m.files);
    for (const state of STATES) expect(s.files[state], state).toBe(m.filesByState[state] ?? 0);
    // never answered (quota) and failing files stay queued; every other queued file was answered
    expect(s.queue).toBe((m.filesByState.pending ?? 0) + (m.filesByState.error ?? 0));
    // a realistic mix: most files clean, some of each other state (suspicious ones are 0.5%: maybe none of 200)
    expect(m.filesByState.clean).toBeGreaterThan(m.files / 2);
    for (const state of STATES.filter((x) => x !== 'suspicious'))
      expect(m.filesByState[state], state).toBeGreaterThan(0);
    expect(m.wazuhAnswers).toBeGreaterThan(0);
    expect(m.lookups).toBeGreaterThan(m.files / 2);
    expect(built.meta.diskBytes).toBeGreaterThan(0);
  });

  it('answers the Live filters with the counts the builder stored', async () => {
    const m = built.meta.manifest;
    const total = async (q: Record<string, string>) => (await t.h.listAlerts({ limit: 1, offset: 0, ...q })).total;
    expect(await total({})).toBe(N);
    for (const state of STATES) expect(await total({ state }), state).toBe(m.alertsByState[state] ?? 0);
    expect(await total({ state: 'skipped' })).toBe(m.skipped);
    for (const event of ['added', 'modified', 'deleted'] as const)
      expect(await total({ event }), event).toBe(m.byEvent[event] ?? 0);
    const agents = await t.h.listAgents({});
    expect(Object.fromEntries(agents.map((a) => [a.id, a.alerts]))).toEqual(m.byAgent);
    expect(agents.length).toBeGreaterThan(40);
  });

  it("serves the busiest file's page and the whole history", async () => {
    const m = built.meta.manifest;
    const file = await t.h.getHash({ hash: m.busiest.sha256 });
    expect(file.alertsTotal).toBe(m.busiest.alerts);
    expect(file.alerts.length).toBe(Math.min(200, m.busiest.alerts));
    expect(file.history.length).toBe(Math.min(500, m.busiest.lookups));
    expect(file.alerts.some((a) => a.path === m.busiest.path)).toBe(true);
    expect((await t.h.listHistory({ limit: 1, offset: 0 })).total).toBe(m.lookups);
    expect((await t.h.listHistory({ limit: 1, offset: 0, origin: 'wazuh' })).total).toBe(m.wazuhAnswers);
    // timestamps spread over the year before END
    const newest = (await t.h.listAlerts({ limit: 1, offset: 0 })).items[0];
    const oldest = (await t.h.listAlerts({ limit: 1, offset: N - 1 })).items[0];
    expect(newest.epochMs).toBeLessThanOrEqual(END);
    expect(newest.epochMs - oldest.epochMs).toBeGreaterThan(360 * 86_400_000);
  });

  it('stores the events the real parser reads from the same alerts written as JSON', () => {
    const specs = fimSpecs(new ScaleEventStream(3, 5_000, END).next(5_000));
    const kinds = new Set(specs.map((s) => `${s.event}/${s.os}/${s.mode}/${s.after.sha256 ? 'hash' : 'none'}`));
    expect(kinds.size).toBeGreaterThanOrEqual(20); // every kind of event, on both systems, in every mode
    for (const spec of specs) {
      const parsed = parseJsonAlert(JSON.stringify(fimJson(spec)));
      expect(parsed.kind).toBe('fim');
      expect(fimEventOf(spec)).toEqual((parsed as Extract<typeof parsed, { kind: 'fim' }>).event);
    }
  });

  it('is the same for the same seed and different for another', () => {
    const a = fimSpecs(new ScaleEventStream(11, 3_000, END).next(3_000));
    expect(fimSpecs(new ScaleEventStream(11, 3_000, END).next(3_000))).toEqual(a);
    expect(fimSpecs(new ScaleEventStream(12, 3_000, END).next(3_000))).not.toEqual(a);
  });

  it("densified x3 (the 10M run's directory): the engine answers the built year's figures three times", async () => {
    const m = built.meta.manifest;
    const dense = await densify({ factor: 3, alerts: N, seed: 7, cacheRoot: temp.dir }, () => {});
    expect(dense.meta.alerts).toBe(3 * N);
    expect(dense.meta.method).toMatch(/densified/);
    const again = await densify({ factor: 3, alerts: N, seed: 7, cacheRoot: temp.dir }, () => {});
    expect(again).toEqual(dense); // kept, and found again
    const copy = path.join(temp.dir, 'dense-copy');
    fs.cpSync(dense.dataDir, copy, { recursive: true });
    const d = await startTestEngine({ dataDir: copy });
    try {
      const total = async (q: Record<string, string>) => (await d.h.listAlerts({ limit: 1, offset: 0, ...q })).total;
      expect(await total({})).toBe(3 * N);
      expect((await d.stats()).fimEvents).toBe(3 * N);
      for (const state of STATES) expect(await total({ state }), state).toBe(3 * (m.alertsByState[state] ?? 0));
      for (const event of ['added', 'modified', 'deleted'] as const)
        expect(await total({ event }), event).toBe(3 * (m.byEvent[event] ?? 0));
      const agents = await d.h.listAgents({});
      expect(Object.fromEntries(agents.map((a) => [a.id, a.alerts]))).toEqual(dense.meta.manifest.byAgent);
      const file = await d.h.getHash({ hash: m.busiest.sha256 });
      expect(file.alertsTotal).toBe(3 * m.busiest.alerts);
      expect((await d.h.listHistory({ limit: 1, offset: 0 })).total).toBe(m.lookups); // the answers stay once
      // in time order, the copies 1 s after their alert: the oldest row is the year's oldest alert
      const builtOldest = (await t.h.listAlerts({ limit: 1, offset: N - 1 })).items[0];
      const oldest = (await d.h.listAlerts({ limit: 1, offset: 3 * N - 1 })).items[0];
      expect(oldest.epochMs).toBe(builtOldest.epochMs);
      expect(oldest.path).toBe(builtOldest.path);
    } finally {
      await d.stop();
    }
    // the per-file aggregates (and each file's order row) are what a GROUP BY over the rows gives
    const db = new Database(path.join(copy, DB_FILE), { readonly: true });
    try {
      expect(keptAggregates(db)).toEqual(aggregatesByGroupBy(db));
    } finally {
      db.close();
    }
  });

  it('reuses a built directory, and a rebuild from the same seed stores the same', async () => {
    const again = await scaleDataDir({ alerts: N, seed: 7, endEpochMs: END, cacheRoot: temp.dir });
    expect(again.dataDir).toBe(built.dataDir);
    expect(again.meta).toEqual(built.meta);
    const rebuilt = await scaleDataDir({ alerts: N, seed: 7, endEpochMs: END, cacheRoot: temp.dir, rebuild: true });
    expect(rebuilt.meta.manifest).toEqual(built.meta.manifest);
    expect(fs.readdirSync(temp.dir).filter((d) => d.includes('.building-'))).toEqual([]);
  });
});
