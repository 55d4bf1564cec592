// Where an alert stands in the Live table (GET /api/alerts/position): the offset /api/alerts gives the same row,
// for a Wazuh alert id and for a time or a day, under filters and a snapshot; a row not shown is a 404 with a
// clear message, and a bad question a 400.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertItem } from '../../shared/contract';
import { dispatch } from '../../electron/core/api/dispatch';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let t: TestEngine;
let cleanup: () => void;
let all: AlertItem[];

beforeAll(async () => {
  const tmp = makeTempDir('fimv-position-');
  cleanup = tmp.cleanup;
  const gen = new WazuhAlertGenerator({ seed: 15, startEpochMs: Date.UTC(2026, 1, 27, 20) });
  const stream = gen.stream({ count: 700, format: 'json', mix: { fim: 100, other: 0, 'wazuh-vt': 0, registry: 0 } });
  const file = path.join(tmp.dir, 'alerts.json');
  fs.writeFileSync(file, stream.map((a) => a.text + '\n').join(''));
  t = await startTestEngine({ dataDir: path.join(tmp.dir, 'data'), sources: [{ path: file, fromEnd: false }] });
  await t.until((s) => s.fimEvents === 700, 15_000, 'the alerts stored');
  all = (await t.h.listAlerts({ limit: 1000, offset: 0 })).items;
  expect(all).toHaveLength(700);
});

afterAll(async () => {
  await t?.stop();
  cleanup?.();
});

/** The handler answers at once: an async wrapper so that its errors are rejections. */
const locate = async (input: Parameters<TestEngine['h']['locateAlert']>[0]) => await t.h.locateAlert(input);

/** The index of the newest row at or before `ms`, as the table orders them. */
const expectedAtOrBefore = (rows: AlertItem[], ms: number) => rows.findIndex((r) => r.epochMs <= ms);

describe('the position of an alert', () => {
  it('of a Wazuh alert id is its offset in /api/alerts', async () => {
    for (const index of [0, 1, 99, 100, 350, 698, 699]) {
      const row = all[index];
      const place = await t.h.locateAlert({ alertId: row.alertId });
      expect(place).toEqual({ offset: index, id: row.id, alertId: row.alertId, epochMs: row.epochMs });
    }
  });

  it('of a time is the newest alert at or before it', async () => {
    for (const index of [0, 5, 321, 699]) {
      const ms = all[index].epochMs + 1;
      const place = await t.h.locateAlert({ at: new Date(ms).toISOString() });
      expect(place.offset).toBe(expectedAtOrBefore(all, ms));
    }
    const newest = await t.h.locateAlert({ at: new Date(all[0].epochMs + 86_400_000).toISOString() });
    expect(newest.offset).toBe(0);
    const oldest = await t.h.locateAlert({ at: new Date(all[699].epochMs).toISOString() });
    expect(oldest.offset).toBe(699);
  });

  it('of a day is the newest alert of that day or before it (the server day)', async () => {
    const firstDay = new Date(all[699].epochMs);
    const day = `${firstDay.getFullYear()}-${String(firstDay.getMonth() + 1).padStart(2, '0')}-${String(firstDay.getDate()).padStart(2, '0')}`;
    const end = new Date(firstDay);
    end.setHours(24, 0, 0, 0);
    const place = await t.h.locateAlert({ at: day });
    expect(place.offset).toBe(expectedAtOrBefore(all, end.getTime() - 1));
    expect(new Date(place.epochMs).getDate()).toBe(firstDay.getDate());
  });

  it('counts only the rows the table pages through: filters and the snapshot', async () => {
    const agent = all[400].agent.name!;
    const mine = (await t.h.listAlerts({ limit: 1000, offset: 0, agent })).items;
    const target = mine[Math.floor(mine.length / 2)];
    const place = await t.h.locateAlert({ alertId: target.alertId, agent });
    expect(place.offset).toBe(mine.indexOf(target));
    const page = await t.h.listAlerts({ limit: 1, offset: place.offset, agent });
    expect(page.items[0].id).toBe(target.id);

    const maxId = all[300].id; // a snapshot that ends at row 300
    const snap = await t.h.locateAlert({ alertId: all[500].alertId, maxId });
    expect(snap.offset).toBe(200);
    const other = all.find((r) => r.agent.name !== agent)!;
    await expect(locate({ alertId: other.alertId, agent })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('is counted under every filter exactly as the list pages: state, agent, event, q (path, hash), triage, maxId', async () => {
    const withHash = all.find((r) => r.sha256)!;
    const filters = [
      ...[...new Set(all.map((r) => r.verdict.state))].map((state) => ({ state })),
      { state: 'skipped' as const },
      { agent: all[10].agent.name! },
      { agent: all[10].agent.id! },
      ...(['added', 'modified', 'deleted'] as const).map((event) => ({ event })),
      { q: all[42].path.slice(1, 8) },
      { q: withHash.sha256!.slice(0, 6) },
      { q: withHash.sha256!.slice(0, 6).toUpperCase() },
      { triage: 'new' as const },
      { event: 'modified' as const, maxId: all[350].id },
    ];
    for (const filter of filters) {
      const rows = (await t.h.listAlerts({ limit: 1000, offset: 0, ...filter })).items;
      expect(rows.length, JSON.stringify(filter)).toBeGreaterThan(0);
      for (const index of new Set([0, Math.floor(rows.length / 2), rows.length - 1])) {
        const row = rows[index];
        const byId = await t.h.locateAlert({ alertId: row.alertId, ...filter });
        expect(byId.offset, JSON.stringify(filter)).toBe(index);
        const byTime = await t.h.locateAlert({ at: new Date(row.epochMs).toISOString(), ...filter });
        expect(byTime.offset, JSON.stringify(filter)).toBe(expectedAtOrBefore(rows, row.epochMs));
      }
      const shown = new Set(rows.map((r) => r.id));
      const hidden = all.find((r) => !shown.has(r.id));
      if (hidden)
        await expect(locate({ alertId: hidden.alertId, ...filter })).rejects.toMatchObject({ code: 'not-found' });
    }
  });

  it('of nothing shown is a 404 that says so; a bad question is a 400', async () => {
    await expect(locate({ alertId: '1.2' })).rejects.toThrow(/no alert 1\.2 among the alerts shown/);
    await expect(locate({ at: '2001-01-01' })).rejects.toThrow(/no alert at or before 2001-01-01/);
    const backend = t.engine.backend;
    for (const input of [{}, { at: '2026-01-01', alertId: '1.2' }, { at: 'yesterday' }, { alertId: 'x y' }]) {
      const result = await dispatch(backend, 'locateAlert', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('bad-request');
    }
  });
});
