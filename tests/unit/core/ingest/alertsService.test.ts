// The ingest stage on its own (the alerts service and its ingestor): batches as sources hand them over the seam,
// bytes or records parsed already, stored in one transaction with the source's commit; a fake look-ups face and a
// fake clock. All or nothing: a commit that throws stores nothing.
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../shared/contract';
import type { ParsedRecord } from '../../../../shared/domain';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { silentLog } from '../../../../electron/core/base/runtime';
import { EventHub } from '../../../../electron/core/events/eventHub';
import { AlertsService } from '../../../../electron/core/ingest/alertsService';
import { IntegrationOutput } from '../../../../electron/core/output/integrationOutput';
import type { SourceBatch } from '../../../../electron/core/sources/alertSource';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { SourcesStore, type CounterDelta } from '../../../../electron/core/store/sourcesStore';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { useTempDatabase } from '../../../helpers/tempDatabase';

const openDb = useTempDatabase('fimv-alerts-');

function setup(filters = DEFAULT_SETTINGS.filters) {
  const db = openDb();
  const clock = { now: () => 1_700_000_000_000 };
  const files = new FilesStore(db);
  const planned: { fileId: number; level: number; reason: string }[] = [];
  const woken: number[] = [];
  const events = new EventHub(silentLog);
  const seen: ApiEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const alerts = new AlertsService({
    db,
    clock,
    events,
    lookups: {
      planning: {
        ensureFile: (hashes, at) => files.ensureRow(hashes, at),
        plan: (file, level, reason) => {
          planned.push({ fileId: file.id, level, reason });
          return 'queued';
        },
        importWazuh: () => null,
      },
      fileUpdated: () => {},
      wake: () => woken.push(1),
    },
    output: new IntegrationOutput(db, silentLog),
    settings: { current: () => ({ filters, retention: DEFAULT_SETTINGS.retention }), onChange: () => {} },
  });
  const source = new SourcesStore(db).add('/var/ossec/logs/alerts/alerts.json', 'file', false, 0);
  return { alerts, files, planned, woken, seen, sourceId: source.id, sources: new SourcesStore(db) };
}

function lines(count: number, seed = 7): string[] {
  const gen = new WazuhAlertGenerator({ seed });
  return gen.stream({ count, format: 'json' }).map((a) => a.text);
}

/** A batch of alerts.json lines as the file source hands it over (records are ranges of one buffer). */
function rawBatch(text: string[], commit: (delta: CounterDelta) => void): SourceBatch {
  const buf = Buffer.from(text.join('\n') + '\n');
  const ranges: [number, number][] = [];
  let at = 0;
  for (const line of text) {
    const len = Buffer.byteLength(line);
    ranges.push([at, at + len]);
    at += len + 1;
  }
  return {
    records: {
      kind: 'raw',
      format: 'json',
      forEachRecord: (visit) => ranges.forEach(([s, e]) => visit(buf, s, e, s)),
      oversize: [],
    },
    origin: '/var/ossec/logs/alerts/alerts.json',
    reason: 'live',
    bytes: buf.length,
    commit,
  };
}

describe('AlertsService.store', () => {
  it('stores a batch of bytes: FIM events planned, every record counted, the commit in the same transaction', () => {
    const { alerts, planned, woken, seen, sourceId } = setup();
    const text = lines(200);
    const fim = text.filter((l) => parseJsonAlert(l).kind === 'fim').length;
    const commits: CounterDelta[] = [];
    const result = alerts.store(
      sourceId,
      rawBatch(text, (d) => commits.push({ ...d })),
    );
    expect(commits).toHaveLength(1);
    expect(commits[0]).toMatchObject({ alertsRead: text.length, fimEvents: fim });
    expect(result.insertedAlerts).toBe(fim);
    expect(alerts.fimEvents()).toBe(fim);
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((p) => p.reason === 'live')).toBe(true);
    expect(woken).toHaveLength(1); // new work for the scheduler, once per batch
    const pushed = seen.find((e) => e.type === 'alerts');
    expect(pushed && pushed.type === 'alerts' && pushed.items.length).toBe(fim);
  });

  it('stores nothing when the source cannot write its cursor: the batch is delivered again later, counted once', () => {
    const { alerts, sourceId, sources } = setup();
    const text = lines(50, 9);
    const failing = rawBatch(text, () => {
      throw new Error('disk full');
    });
    expect(() => alerts.store(sourceId, failing)).toThrow('disk full');
    expect(alerts.fimEvents()).toBe(0);
    expect(sources.get(sourceId)!.counters.alertsRead).toBe(0);
    alerts.store(
      sourceId,
      rawBatch(text, (d) => sources.count(sourceId, d)),
    );
    expect(sources.get(sourceId)!.counters.alertsRead).toBe(text.length);
    expect(alerts.fimEvents()).toBe(text.filter((l) => parseJsonAlert(l).kind === 'fim').length);
  });

  it('stores records a source parsed itself (an indexer) the same way', () => {
    const { alerts, sourceId } = setup();
    const text = lines(80, 11);
    const records: { record: ParsedRecord; offset: number }[] = text.map((l, i) => ({
      record: parseJsonAlert(l),
      offset: i,
    }));
    const commits: CounterDelta[] = [];
    const result = alerts.store(sourceId, {
      records: { kind: 'parsed', records },
      origin: 'https://indexer:9200',
      reason: 'live',
      bytes: 0,
      commit: (d) => commits.push({ ...d }),
    });
    const fim = records.filter((r) => r.record.kind === 'fim').length;
    expect(result.insertedAlerts).toBe(fim);
    expect(commits[0]).toMatchObject({ alertsRead: text.length, fimEvents: fim });
    // the same records again (an overlap re-read): stored once per (manager, alert id)
    const again = alerts.store(sourceId, {
      records: { kind: 'parsed', records },
      origin: 'https://indexer:9200',
      reason: 'live',
      bytes: 0,
      commit: () => {},
    });
    expect(again.insertedAlerts).toBe(0);
  });

  it('keeps a filtered event as skipped, with the reason, and asks nothing about it', () => {
    const { alerts, planned, sourceId } = setup({ ...DEFAULT_SETTINGS.filters, extensions: ['.never'] });
    const text = lines(60, 13);
    alerts.store(
      sourceId,
      rawBatch(text, () => {}),
    );
    expect(planned).toEqual([]);
    const page = alerts.list({ limit: 10, offset: 0, state: 'skipped' });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items[0].verdict.reason).toMatch(/filtered|deleted|no hash/);
  });
});

describe('replayed records (an indexer overlap re-read, a backfill over what was polled)', () => {
  it('are counted as read only when the store inserts them; replayed non-FIM records are not counted again', () => {
    const { alerts, sourceId, sources } = setup();
    const text = lines(120, 17);
    const parsed = text.map((l, i) => ({ record: parseJsonAlert(l), offset: i }));
    const fim = parsed.filter((r) => r.record.kind === 'fim');
    const others = parsed.length - fim.length;
    const half = fim.slice(0, Math.floor(fim.length / 2));
    const count = (d: CounterDelta) => sources.count(sourceId, d);
    const batch = (records: typeof parsed, replay: boolean): SourceBatch => ({
      records: { kind: 'parsed', records: records.map((r) => ({ ...r, replay })) },
      origin: 'https://indexer:9200',
      reason: 'live',
      bytes: 0,
      commit: count,
    });
    alerts.store(sourceId, batch(half, false));
    expect(sources.get(sourceId)!.counters.alertsRead).toBe(half.length);
    // everything again as a replay: the FIM events not stored yet are read now, the rest were read before
    const result = alerts.store(sourceId, batch(parsed, true));
    expect(result.insertedAlerts).toBe(fim.length - half.length);
    const counters = sources.get(sourceId)!.counters;
    expect(counters.alertsRead).toBe(fim.length);
    expect(counters.fimEvents).toBe(fim.length);
    expect(counters.otherAlerts + counters.registryEvents).toBe(0);
    expect(others).toBeGreaterThan(0);
    // the same replay once more: nothing new, nothing counted
    alerts.store(sourceId, batch(parsed, true));
    expect(sources.get(sourceId)!.counters.alertsRead).toBe(fim.length);
  });
});
