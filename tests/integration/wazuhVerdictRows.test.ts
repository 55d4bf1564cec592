// Wazuh's own VirusTotal alerts carry their file like any alert: path, agent and alert id in Live (listAlerts),
// History (the entry's name) and the top agents, even when the FIM alert they answered was never read.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { WAZUH_FIXTURES } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/tempDir';

const fixture = (name: string) => fs.readFileSync(path.join(WAZUH_FIXTURES, name), 'utf8');

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function engineOn(fileName: string, content: string): Promise<TestEngine> {
  const t = makeTempDir('fimv-wazuh-rows-');
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, fileName);
  fs.writeFileSync(file, content);
  const e = await startTestEngine({ dataDir: path.join(t.dir, 'data'), sources: [{ path: file, fromEnd: false }] });
  cleanups.push(() => e.stop());
  return e;
}

describe("Wazuh's own VirusTotal alerts", () => {
  it('an 87105 alone (alerts.json): its file, agent and alert id in Live, History and the top agents', async () => {
    const t = await engineOn('alerts.json', fixture('virustotal-87105-detected.json'));
    const s = await t.until((s) => s.wazuhVerdicts === 1, 10_000, 'the answer imported');
    expect(s.fimEvents).toBe(0); // no FIM alert was read

    const page = await t.h.listAlerts({ limit: 10, offset: 0 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      alertId: '1668706222.103798', // the FIM alert Wazuh answered
      path: '/media/user/software/eicar.com',
      agent: { id: '010', name: 'Ubuntu' },
      rule: { id: '87105', level: 12 },
      event: 'unknown',
      md5: '44d88612fea8a8f36de82e1278abb02f',
      sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
      verdict: { state: 'malicious', positives: 66, total: 68, origin: 'wazuh' },
    });

    const history = await t.h.listHistory({ limit: 10, offset: 0 });
    expect(history.items[0]).toMatchObject({ origin: 'wazuh', name: '/media/user/software/eicar.com' });
    const summary = await t.h.historySummary({ days: 30 });
    expect(summary.topAgents).toEqual([{ agentId: '010', agentName: 'Ubuntu', maliciousFiles: 1 }]);
    // the agents filter of Live lists it too
    expect(await t.h.listAgents({})).toEqual([{ id: '010', name: 'Ubuntu', alerts: 1 }]);
  });

  it('alerts.log (3.x): the 87103 of a file whose FIM alert is not there names the source agent', async () => {
    const t = await engineOn('alerts.log', fixture('alerts-2017-seed.log') + '\n');
    await t.until((s) => s.wazuhVerdicts === 4 && s.fimEvents === 1, 10_000, 'the seed read');
    const page = await t.h.listAlerts({ limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    const clean = page.items.find((i) => i.path.endsWith('my-clean-program.exe'));
    expect(clean).toMatchObject({
      alertId: '1510684374.31421',
      agent: { id: '006', name: 'agent_centos' },
      verdict: { state: 'unknown', origin: 'wazuh' },
    });
    // the 87105 about suspicious-file.exe answered a FIM alert that is stored: no second row
    const suspicious = page.items.filter((i) => i.path.endsWith('suspicious-file.exe'));
    expect(suspicious).toHaveLength(1);
    expect(suspicious[0]).toMatchObject({ event: 'added', verdict: { state: 'malicious', positives: 7 } });
  });

  it('the FIM alert read after Wazuh’s answer takes the place of its row (one row, counted as a FIM event)', async () => {
    const gen = new WazuhAlertGenerator({ seed: 99, startEpochMs: Date.now() - 60_000 });
    const hashes = { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64) };
    const fim = gen.fimAlert({ event: 'modified', path: '/srv/app/run.sh', agent: 'web-01', hashes });
    const fimId = (JSON.parse(fim) as { id: string }).id;
    const answer = gen.wazuhVtAlert({ outcome: 'clean', file: '/srv/app/run.sh', ...hashes, sourceAlertId: fimId });
    const t = await engineOn('alerts.json', answer + '\n' + fim + '\n');
    await t.until((s) => s.wazuhVerdicts === 1 && s.fimEvents === 1, 10_000, 'both read');
    const page = await t.h.listAlerts({ limit: 10, offset: 0 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ alertId: fimId, event: 'modified', path: '/srv/app/run.sh' });
    expect(page.items[0].agent.name).toBe('web-01');
  });
});
