// Retention through the engine: it removes what Diagnostics said it would (the alerts past the kept days, the
// oldest while the database is over its size), keeps every file, verdict and answer in the history, keeps the
// Live view's figures right (totals, agents, FIM events), and by default keeps everything.
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../shared/domain';
import type { EngineCore } from '../../electron/core/engineCore';
import { Answers } from '../../electron/core/lookups/answers';
import { FilesStore } from '../../electron/core/store/filesStore';
import { LookupsStore } from '../../electron/core/store/lookupsStore';
import { QueueStore } from '../../electron/core/store/queueStore';
import { SourcesStore } from '../../electron/core/store/sourcesStore';
import { parseJsonAlert } from '../../electron/core/wazuh/alertsJson';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { openCore } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1, 12);
const AGES_DAYS = [200, 120, 91, 89, 30, 1]; // `perAge` alerts each (default 60), of the same 20 files, on 3 agents

let cleanup: () => void = () => {};
let core: EngineCore | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
  cleanup();
});

function engine(perAge = 60): { core: EngineCore; sourceId: number; clock: { t: number } } {
  const clock = { t: NOW };
  const t = makeTempDir('fimv-retention-');
  cleanup = t.cleanup;
  const c = (core = openCore(t.dir, () => clock.t));
  const gen = new WazuhAlertGenerator({ seed: 3 });
  const paths = Array.from({ length: 20 }, (_, i) => `/srv/app/file-${i}.bin`);
  const hashes = paths.map((_, i) => ({ sha256: (i + 10).toString(16).padStart(64, '0') }));
  const records: ParsedRecord[] = [];
  for (const age of AGES_DAYS)
    for (let k = 0; k < perAge; k++) {
      const line = gen.fimAlert({
        event: 'modified',
        path: paths[k % 20],
        hashes: { md5: null, sha1: null, ...hashes[k % 20] },
        agent: ['web-01', 'web-02', 'db-01'][k % 3],
        epochMs: NOW - age * DAY + k * 100,
        alertId: `${Math.floor((NOW - age * DAY) / 1000)}.${age * 100_000 + k}`,
      });
      records.push(parseJsonAlert(line));
    }
  const sources = new SourcesStore(c.db);
  const sourceId = sources.add('/var/ossec/logs/alerts/alerts.json', 'file', false, NOW).id;
  c.alerts.store(sourceId, {
    records: { kind: 'parsed', records: records.map((record, offset) => ({ record, offset })) },
    origin: 'test',
    reason: 'live',
    bytes: 0,
    commit: (delta) => sources.count(sourceId, delta),
  });
  // an answer for every file (the history retention must keep), through the one answer path
  const files = new FilesStore(c.db);
  const queue = new QueueStore(c.db);
  const answers = new Answers({
    db: c.db,
    files,
    lookups: new LookupsStore(c.db),
    queue,
    settings: () => c.settings.current(),
    now: () => NOW,
  });
  hashes.forEach((h, i) => {
    const file = files.byHash(h.sha256)!;
    answers.record({
      why: null,
      providerDetails: null,
      verdict:
        i % 4 === 0 ? { state: 'malicious', positives: 9, total: 70 } : { state: 'clean', positives: 0, total: 70 },
      scanDate: NOW - 2 * DAY,
      permalink: null,
      revealed: null,
      details: null,
      api: 'v3',
      httpStatus: 200,
      raw: null,
      file: { id: file.id, hash: h.sha256 },
      origin: 'virustotal',
      reason: 'live',
      at: NOW - 300 * DAY + i,
      answeredAt: NOW - 300 * DAY + i,
      wazuhAlertId: null,
      askedFor: 'live',
    });
  });
  return { core: c, sourceId, clock };
}

const history = (c: EngineCore) => c.handlers.listHistory({ limit: 1000, offset: 0 });

describe('retention', () => {
  it('keeps every alert by default', async () => {
    const { core: c } = engine();
    expect(c.stats.diagnostics().retention).toMatchObject({ days: null, maxGB: null, nextAlerts: 0, reason: null });
    expect(await c.alerts.applyRetention()).toBe(0);
    expect(c.alerts.list({ limit: 1, offset: 0 }).total).toBe(360);
  });

  it('removes the alerts past the kept days, as Diagnostics said, and keeps files, verdicts and history', async () => {
    const { core: c, clock } = engine();
    const filesBefore = c.lookups.counts().files;
    const historyBefore = await history(c);
    expect(historyBefore.total).toBe(20);
    const malicious = c.alerts.list({ limit: 1000, offset: 0, state: 'malicious' }).items.map((a) => a.path);
    const agentsBefore = c.alerts.agents();
    const snapshot = c.alerts.list({ limit: 100, offset: 0 });
    expect(snapshot.total).toBe(360);
    // the file of the oldest alert, triaged: its alerts go, its triage stays
    const oldest = c.alerts.list({ limit: 1, offset: 359 }).items[0];
    expect(oldest.sha256).not.toBeNull();
    await c.handlers.setTriage({ hashes: [oldest.sha256!], state: 'acknowledged', note: 'seen in the golden image' });

    // set while nothing is past it yet (a change of the rules applies them at once), then time passes
    clock.t = NOW - 365 * DAY;
    c.settings.update({ retention: { days: 90 } });
    await c.alerts.applyRetention();
    clock.t = NOW;
    const preview = c.stats.diagnostics().retention;
    expect(preview).toMatchObject({ days: 90, maxGB: null, nextAlerts: 180, reason: 'age' });
    expect(preview.before).toBe(new Date(NOW - 90 * DAY).toISOString());
    const removed = await c.alerts.applyRetention();
    expect(removed).toBe(180);

    // what is left: the alerts of the last 90 days, all of them
    const all = c.alerts.list({ limit: 1000, offset: 0 });
    expect(all.total).toBe(180);
    expect(all.items.every((a) => a.epochMs >= NOW - 90 * DAY)).toBe(true);
    expect(c.alerts.fimEvents()).toBe(180);
    // an older snapshot of the Live table counts again too
    expect(c.alerts.list({ limit: 100, offset: 0, maxId: snapshot.maxId }).total).toBe(180);
    expect(c.alerts.agents().reduce((n, a) => n + a.alerts, 0)).toBe(180);
    expect(
      c.alerts
        .agents()
        .map((a) => a.id)
        .sort(),
    ).toEqual(agentsBefore.map((a) => a.id).sort());
    // files, their verdicts, their triage and the answers stay
    expect(c.lookups.counts().files).toBe(filesBefore);
    expect(c.alerts.list({ limit: 1000, offset: 0 }).items.some((a) => a.alertId === oldest.alertId)).toBe(false);
    const triaged = await c.handlers.listFiles({ limit: 10, offset: 0, triage: 'acknowledged', sort: 'risk' });
    expect(triaged.items.map((f) => [f.sha256, f.triage.state, f.triage.note])).toEqual([
      [oldest.sha256, 'acknowledged', 'seen in the golden image'],
    ]);
    expect(await history(c)).toEqual(historyBefore);
    expect(new Set(c.alerts.list({ limit: 1000, offset: 0, state: 'malicious' }).items.map((a) => a.path))).toEqual(
      new Set(malicious),
    );
    expect(c.stats.diagnostics().retention).toMatchObject({ nextAlerts: 0, before: null, reason: null });
    expect(await c.alerts.applyRetention()).toBe(0);
  });

  it('removes the oldest alerts while the database uses more than the kept size', async () => {
    const { core: c } = engine(1500);
    const used = c.stats.diagnostics().retention.usedBytes;
    expect(used).toBeGreaterThan(1.2e6);
    // a limit of 85% of what is used: some of the oldest go, never the newest
    const maxGB = (used * 0.85) / 1e9;
    const limits = { days: null, maxGB };
    // a change of the rules applies them at once
    c.settings.update({ retention: limits });
    const removed = await c.alerts.applyRetention();
    expect(removed).toBeGreaterThan(0);
    const left = c.alerts.list({ limit: 1000, offset: 0 });
    expect(left.total).toBe(9000 - removed);
    expect(c.stats.diagnostics().retention.usedBytes).toBeLessThanOrEqual(maxGB * 1e9);
    // the oldest went first: what is left is the newest
    const oldestLeft = c.alerts.list({ limit: 1, offset: left.total - 1 }).items[0].epochMs;
    const newestGone = NOW - 200 * DAY + (removed - 1) * 100;
    expect(removed).toBeLessThan(9000 - 1500);
    expect(oldestLeft).toBeGreaterThan(newestGone - 1);
    expect(c.stats.diagnostics().retention).toMatchObject({ nextAlerts: 0, reason: null });
    expect(c.lookups.counts().files).toBe(20);
  });
});
