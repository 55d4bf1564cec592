// /api/diagnostics showed the first 300 characters of every unreadable line of any file added as a source: whoever
// holds the token could read the app user's other JSON-like files that way. Now only records that look like Wazuh
// alerts have an excerpt (ingest/excerpts.ts); the others show their offset, length and reason, and why not more.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract';

type Diagnostics = ApiOutput<'getDiagnostics'>;
import { DB_FILE } from '../../electron/core/db/database';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startHeadless, waitUntil, type HeadlessProcess } from '../helpers/headlessProcess';
import { makeTempDir } from '../helpers/tempDir';

const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'analyst:x:1000:1000:Analyst,,,:/home/analyst:/bin/bash',
].join('\n');

let h: HeadlessProcess;
let cleanup: () => void;
let dir: string;
let brokenAlert: string;
let lead: string;

beforeAll(async () => {
  const t = makeTempDir('fimv-excerpts-');
  cleanup = t.cleanup;
  dir = t.dir;
  const gen = new WazuhAlertGenerator({ seed: 51 });
  // Files that hold no Wazuh alert are not read at all ('unrecognized', wazuh/recognize.ts); a hostile source passes
  // that gate with one real alert first. Behind it: /etc/passwd after a JSON line, a credentials file, and a JSON
  // line that the alert parser reads (it holds a "syscheck" key) with a secret in it.
  lead = `${gen.fimAlert({ event: 'added' })}\n`;
  fs.writeFileSync(path.join(dir, 'passwd.json'), `${lead}{"note":"looks like JSON"}\n${PASSWD}\n`);
  fs.writeFileSync(
    path.join(dir, 'credentials.json'),
    lead +
      '{"aws_access_key_id":"AKIAEXAMPLE","aws_secret_access_key":"SECRET-CREDENTIAL-1"}\n' +
      '{"syscheck":{"path":"/x"},"token":"SECRET-TOKEN-2" oops}\n' +
      '{"kind":"not an alert","id":"42","rule":"x","password":"SECRET-PASSWORD-3"}\n',
  );
  // an alerts.log whose first block is no alert
  fs.writeFileSync(path.join(dir, 'notes.log'), `password=SECRET-LOG-4\n${gen.fimLogBlock('4.x', { event: 'added' })}`);
  // a real alert, cut short: its excerpt is what the analyst needs
  const alert = gen.fimAlert({ event: 'modified', path: '/var/www/html/index.php' });
  brokenAlert = alert.slice(0, alert.length - 40);
  fs.writeFileSync(path.join(dir, 'alerts.json'), `${brokenAlert}\n${gen.fimAlert({ event: 'added' })}\n`);

  h = await startHeadless(['--data-dir', path.join(dir, 'data')]);
  for (const name of ['passwd.json', 'credentials.json', 'notes.log', 'alerts.json'])
    await h.api('/api/sources', { method: 'POST', body: { path: path.join(dir, name), fromEnd: false } });
});
afterAll(async () => {
  await h?.stop();
  cleanup?.();
});

describe('/api/diagnostics shows excerpts of Wazuh alerts only', () => {
  it('never the content of other files; their offset, length and reason instead', async () => {
    const diag = await waitUntil(
      () => h.api<Diagnostics>('/api/diagnostics'),
      (d) => d.parseErrors.length >= 1 + PASSWD.split('\n').length + 3 + 1 + 1,
      30_000,
      'every unreadable record counted',
    );
    const text = JSON.stringify(diag);
    for (const secret of ['SECRET', 'root:x:0:0', 'analyst:x:1000', '/bin/bash', 'AKIAEXAMPLE'])
      expect(text, secret).not.toContain(secret);

    const passwd = diag.parseErrors.filter((e) => e.sourcePath.endsWith('passwd.json'));
    const at = Buffer.byteLength(lead);
    expect(passwd.map((e) => e.offset).sort((a, b) => a - b)).toEqual([0, 27, 59, 107].map((o) => o + at));
    for (const e of passwd) {
      expect(e.reason).toMatch(e.offset === at ? /^not an alert/ : /not a valid JSON alert/);
      expect(e.excerpt).toMatch(
        /^\(withheld: \d+ bytes that do not look like a Wazuh alert: the line has no "rule", "agent" and alert "id"; only alerts are shown\)$/,
      );
    }
    expect(passwd.find((e) => e.offset === at + 27)!.excerpt).toContain('withheld: 31 bytes');
    const log = diag.parseErrors.find((e) => e.sourcePath.endsWith('notes.log'))!;
    expect(log.offset).toBe(0);
    expect(log.excerpt).toMatch(/^\(withheld: 21 bytes .*the block does not start with "\*\* Alert <id>:"/);

    // the alert cut short keeps its excerpt
    const cut = diag.parseErrors.find((e) => e.sourcePath.endsWith('alerts.json'))!;
    expect(cut.excerpt).toBe(brokenAlert.slice(0, 300));
  });
});

describe('excerpts an older build kept', () => {
  it('are withheld once, at the first start of this build', async () => {
    const dataDir = path.join(dir, 'old-data');
    const first = await startHeadless(['--data-dir', dataDir]);
    await first.stop();
    // what an older build left: an excerpt of any line, and no mark that the rule was applied
    const db = new Database(path.join(dataDir, DB_FILE));
    const insert = db.prepare(
      'INSERT INTO parse_errors (source_id, source_path, offset, reason, excerpt, at) VALUES (NULL, ?, ?, ?, ?, ?)',
    );
    insert.run('/home/analyst/.aws/credentials.json', 0, 'not an alert', '{"aws_secret":"SECRET-OLD-5"}', Date.now());
    insert.run('/var/ossec/logs/alerts/alerts.json', 10, 'cut', brokenAlert.slice(0, 300), Date.now());
    db.prepare("DELETE FROM counters WHERE name = 'parseErrors.excerptRule'").run();
    db.close();

    const again = await startHeadless(['--data-dir', dataDir]);
    try {
      const diag = await again.api<Diagnostics>('/api/diagnostics');
      expect(JSON.stringify(diag)).not.toContain('SECRET-OLD');
      expect(diag.parseErrors.map((e) => e.excerpt)).toEqual([
        brokenAlert.slice(0, 300),
        '(withheld: kept by an older version, which stored excerpts of any line; only alerts are shown)',
      ]);
    } finally {
      await again.stop();
    }
  });
});
