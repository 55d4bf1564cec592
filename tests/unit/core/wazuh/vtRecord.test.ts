import { describe, expect, it } from 'vitest';
import { parseScanDate, parseWazuhVt } from '../../../../electron/core/wazuh/vtRecord';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { parseLogAlert } from '../../../../electron/core/wazuh/alertsLog';
import { vtJson, vtLog, WazuhAlertGenerator } from '../../../generators/wazuhAlerts';
import { vt } from './helpers';

const meta = { alertId: '1.2', timestamp: 't', epochMs: 5, manager: 'm', ruleId: '87105' };

describe('parseWazuhVt', () => {
  it('reads the alerts.json form (every value a string)', () => {
    const r = parseWazuhVt(
      {
        found: '1',
        malicious: '0',
        positives: '0',
        total: '70',
        scan_date: '2024-02-29 23:59:59',
        sha1: '3395856CE81F2B7382DEE72602F798B642F14140',
        permalink: 'https://www.virustotal.com/gui/file/x',
        source: { alert_id: '1.1', file: 'C:\\x\\Y.EXE', md5: '44D88612FEA8A8F36DE82E1278ABB02F', sha1: 'nope' },
      },
      meta,
    );
    expect(r).toEqual({
      ...meta,
      error: null,
      found: true,
      malicious: false,
      positives: 0,
      total: 70,
      scanDate: '2024-02-29 23:59:59',
      scanDateMs: Date.UTC(2024, 1, 29, 23, 59, 59),
      permalink: 'https://www.virustotal.com/gui/file/x',
      sha1: '3395856ce81f2b7382dee72602f798b642f14140',
      source: {
        alertId: '1.1',
        file: 'C:\\x\\Y.EXE',
        md5: '44d88612fea8a8f36de82e1278abb02f',
        sha1: null,
        agent: null,
      },
    });
  });

  it('reads the integration form (numbers) and the source agent', () => {
    const r = parseWazuhVt(
      { found: 0, malicious: 0, source: { alert_id: 7, agent: { id: '006', name: 'centos' } } },
      meta,
    );
    expect(r).toMatchObject({
      found: false,
      malicious: false,
      positives: null,
      source: { alertId: '7', agent: { id: '006', name: 'centos' } },
    });
  });

  it('reads error records with numeric or string codes, and a v3-style nested error', () => {
    expect(parseWazuhVt({ error: '401', description: 'Error: Check credentials' }, meta)?.error).toEqual({
      code: 401,
      description: 'Error: Check credentials',
    });
    expect(
      parseWazuhVt({ error: 204, description: 'Error: Public API request rate limit reached' }, meta)?.error,
    ).toEqual({
      code: 204,
      description: 'Error: Public API request rate limit reached',
    });
    expect(parseWazuhVt({ error: { code: 429, message: 'QuotaExceededError' } }, meta)?.error).toEqual({
      code: 429,
      description: 'QuotaExceededError',
    });
    expect(parseWazuhVt({ error: 'weird' }, meta)?.error).toEqual({ code: null, description: '' });
  });

  it('is null for what is not a record; wrong types become null fields', () => {
    for (const v of [null, undefined, 'x', 1, [], {}, { integration: 'virustotal' }])
      expect(parseWazuhVt(v, meta)).toBeNull();
    const r = parseWazuhVt(
      { found: 'yes?', positives: '-3', total: 1.5, scan_date: 17, permalink: {}, source: [] },
      meta,
    );
    expect(r).toMatchObject({
      found: null,
      positives: null,
      total: null,
      scanDate: null,
      scanDateMs: null,
      permalink: null,
    });
    expect(r?.source).toEqual({ alertId: null, file: null, md5: null, sha1: null, agent: null });
  });
});

describe('parseScanDate', () => {
  it('reads VirusTotal v2 dates as UTC and refuses impossible ones', () => {
    expect(parseScanDate('2017-11-14 17:24:37')).toBe(Date.UTC(2017, 10, 14, 17, 24, 37));
    expect(parseScanDate('2017-11-14T17:24:37Z')).toBe(Date.UTC(2017, 10, 14, 17, 24, 37));
    for (const bad of ['2017-02-30 00:00:00', '2017-11-14 24:00:00', '14/11/2017', '', null])
      expect(parseScanDate(bad)).toBeNull();
  });
});

describe('Wazuh VirusTotal alerts from the generator', () => {
  const gen = new WazuhAlertGenerator({ seed: 5 });
  it.each(['detected', 'clean', 'not-found', 'rate-limit', 'credentials', 'timeout'] as const)(
    '%s reads the same from alerts.json (strings) and alerts.log (numbers)',
    (outcome) => {
      const spec = gen.vtSpec({ outcome, sourceAgent: gen.agents[1] });
      const fromJson = vt(parseJsonAlert(JSON.stringify(vtJson(spec))));
      const fromLog = vt(parseLogAlert(vtLog(spec)));
      // alerts.log has neither the manager name nor the milliseconds
      const strip = (r: typeof fromJson) => ({
        ...r,
        timestamp: '',
        manager: '',
        epochMs: Math.floor(r.epochMs / 1000),
      });
      expect(strip(fromLog)).toEqual(strip(fromJson));
      expect(fromJson.ruleId).toBe(spec.ruleId);
      expect(fromJson.error).toEqual(spec.error);
      if (spec.found !== null) expect(fromJson.found).toBe(spec.found === 1);
      expect(fromJson.positives).toBe(spec.positives);
      expect(fromJson.source.md5).toBe(spec.source?.md5 ?? null);
    },
  );
});
