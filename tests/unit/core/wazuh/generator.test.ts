// The alert generator others reuse: deterministic, realistic, and read back exactly by the parsers.
import { describe, expect, it } from 'vitest';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { parseLogAlert } from '../../../../electron/core/wazuh/alertsLog';
import {
  createRng,
  fimAlert,
  generateAlerts,
  joinAlerts,
  resetDefaultGenerator,
  splitAlertsLog,
  wazuhTimestamp,
  WazuhAlertGenerator,
} from '../../../generators/wazuhAlerts';
import { recordProblems } from './helpers';

describe('createRng', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(8).next()).not.toBe(createRng(7).next());
    const r = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(-3, 3);
      expect(n >= -3 && n <= 3 && Number.isInteger(n)).toBe(true);
    }
    expect(r.hex(64)).toMatch(/^[0-9a-f]{64}$/);
    expect(r.hex(5)).toMatch(/^[0-9a-f]{5}$/);
  });
});

describe('WazuhAlertGenerator', () => {
  it('gives the same stream for the same seed, another for another seed', () => {
    const a = generateAlerts(42, { count: 300, format: 'json' }).map((x) => x.text);
    expect(generateAlerts(42, { count: 300, format: 'json' }).map((x) => x.text)).toEqual(a);
    expect(generateAlerts(43, { count: 300, format: 'json' }).map((x) => x.text)).not.toEqual(a);
    resetDefaultGenerator(5);
    const first = fimAlert();
    resetDefaultGenerator(5);
    expect(fimAlert()).toBe(first);
  });

  it('writes increasing, unique alert ids in Wazuh form', () => {
    const alerts = generateAlerts(1, { count: 2000, format: 'json' });
    const ids = alerts.map((a) => a.alertId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{10}\.\d+$/);
    for (let i = 1; i < alerts.length; i++) expect(alerts[i].epochMs).toBeGreaterThanOrEqual(alerts[i - 1].epochMs);
  });

  it('produces Linux and Windows paths, non-ASCII paths, several agents, repeated files and every kind', () => {
    const alerts = generateAlerts(2, { count: 3000, format: 'json', nonAsciiShare: 0.2 });
    const fims = alerts.filter((a) => a.fim).map((a) => a.fim!);
    expect(fims.some((f) => /^[A-Za-z]:\\/.test(f.path))).toBe(true);
    expect(fims.some((f) => f.path.startsWith('/'))).toBe(true);
    expect(fims.some((f) => [...f.path].some((c) => c.charCodeAt(0) > 0x7f))).toBe(true);
    expect(new Set(fims.map((f) => f.agent.name)).size).toBeGreaterThan(3);
    expect(new Set(fims.map((f) => f.path)).size).toBeLessThan(fims.length);
    expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(['fim', 'other', 'registry', 'wazuh-vt']));
    expect(new Set(fims.map((f) => f.event))).toEqual(new Set(['added', 'modified', 'deleted']));
  });

  it('honours the mix', () => {
    const onlyFim = generateAlerts(3, {
      count: 200,
      format: 'json',
      mix: { fim: 1, other: 0, registry: 0, 'wazuh-vt': 0 },
    });
    expect(onlyFim.every((a) => a.kind === 'fim')).toBe(true);
  });

  it('writes timestamps with the manager offset, as Wazuh does', () => {
    const gen = new WazuhAlertGenerator({
      seed: 1,
      tzOffsetMinutes: 120,
      startEpochMs: Date.UTC(2022, 8, 9, 21, 43, 15, 168),
    });
    const line = JSON.parse(gen.fimAlert({ epochMs: Date.UTC(2022, 8, 9, 21, 43, 15, 168) })) as { timestamp: string };
    expect(line.timestamp).toBe('2022-09-09T23:43:15.168+0200');
    expect(wazuhTimestamp(0, -330)).toBe('1969-12-31T18:30:00.000-0530');
  });

  it.each(['json', 'log'] as const)('round-trips through the %s parser', (format) => {
    const alerts = generateAlerts(9, { count: 1500, format, generation: 'mixed', nonAsciiShare: 0.3 });
    const content = joinAlerts(alerts, format);
    const texts = format === 'json' ? content.split('\n').filter((l) => l !== '') : splitAlertsLog(content);
    expect(texts).toHaveLength(alerts.length);
    texts.forEach((text, i) => {
      const a = alerts[i];
      const r = format === 'json' ? parseJsonAlert(text) : parseLogAlert(text);
      expect(recordProblems(r)).toEqual([]);
      expect(r.kind).toBe(a.kind);
      if (r.kind === 'fim' && a.fim) {
        expect(r.event.alertId).toBe(a.alertId);
        expect(r.event.path).toBe(a.fim.path);
        expect(r.event.event).toBe(a.fim.event);
        expect(r.event.after).toEqual(a.expectedAfter);
        if (format === 'json') expect(r.event.epochMs).toBe(a.epochMs);
      }
      if (r.kind === 'wazuh-vt' && a.vt) {
        expect(r.record.ruleId).toBe(a.vt.ruleId);
        expect(r.record.source.md5).toBe(a.vt.source?.md5 ?? null);
      }
    });
  });

  it('makes Wazuh VirusTotal results refer to earlier FIM alerts', () => {
    const alerts = generateAlerts(4, { count: 2000, format: 'json' });
    const fimIds = new Set(alerts.filter((a) => a.kind === 'fim').map((a) => a.alertId));
    const sourced = alerts.filter((a) => a.vt?.source);
    expect(sourced.length).toBeGreaterThan(10);
    expect(sourced.filter((a) => fimIds.has(a.vt!.source!.alertId)).length).toBeGreaterThan(sourced.length / 2);
  });
});
