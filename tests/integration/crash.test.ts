// kill -9 in the middle of work, then a restart: no alert lost or repeated, no queued look-up lost, no answered
// file asked again. These run the real headless process.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/contract';
import { startVtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator, joinAlerts } from '../generators/wazuhAlerts';
import { GOOD_KEY } from '../helpers/engine';
import { startHeadless, waitUntil, type HeadlessProcess } from '../helpers/headlessProcess';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
function track(p: HeadlessProcess): HeadlessProcess {
  cleanups.push(() => p.kill('SIGKILL'));
  return p;
}

function storedAlertIds(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'fim-verdict.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT alert_id FROM alerts').pluck().all() as string[]).sort();
  } finally {
    db.close();
  }
}

/** The sha256 of every file with an answer stored in the database. */
function answeredFiles(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'fim-verdict.sqlite'), { readonly: true });
  try {
    return db
      .prepare('SELECT DISTINCT f.sha256 FROM lookups l JOIN files f ON f.id = l.file_id')
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('kill -9 and restart', () => {
  it('a large ingest killed in the middle resumes with exactly the alerts written, none twice', async () => {
    const t = makeTempDir('fimv-crash-');
    cleanups.push(t.cleanup);
    const gen = new WazuhAlertGenerator({ seed: 21 });
    const alerts = gen.stream({ count: 60_000, format: 'json' });
    const file = path.join(t.dir, 'alerts.json');
    fs.writeFileSync(file, joinAlerts(alerts, 'json'));
    const dataDir = path.join(t.dir, 'data');
    const args = ['--alerts', file, '--data-dir', dataDir];

    const first = track(await startHeadless(args));
    const mid = await waitUntil(
      () => first.api<Stats>('/api/stats'),
      (s) => s.alertsRead > 0,
      60_000,
      'ingest to start',
    );
    await first.kill('SIGKILL');
    expect(mid.alertsRead).toBeLessThan(alerts.length); // killed in the middle, not after

    const second = track(await startHeadless(args));
    const s = await waitUntil(
      () => second.api<Stats>('/api/stats'),
      (s) => s.alertsRead >= alerts.length,
      120_000,
      'ingest to finish',
    );
    expect(s.alertsRead).toBe(alerts.length); // counted with the cursor: nothing read twice
    const fimIds = [...new Set(alerts.filter((a) => a.kind === 'fim').map((a) => a.alertId))].sort();
    expect(s.fimEvents).toBe(fimIds.length);
    await second.kill('SIGTERM');
    expect(storedAlertIds(dataDir)).toEqual(fimIds);
  });

  it('queued look-ups survive a kill -9: every file answered, none answered twice', async () => {
    const t = makeTempDir('fimv-crash-');
    cleanups.push(t.cleanup);
    const vt = await startVtEmulator({ slowMs: 150 });
    cleanups.push(() => vt.close());
    vt.setMode('slow');
    const gen = new WazuhAlertGenerator({ seed: 22 });
    const files = Array.from({ length: 12 }, (_, i) =>
      vt.addFile({ sha256: (i + 10).toString(16).padStart(64, '0'), malicious: i % 3 }),
    );
    const lines = files.flatMap((f) => [1, 2].map(() => gen.fimAlert({ event: 'modified', hashes: f })));
    const file = path.join(t.dir, 'alerts.json');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const dataDir = path.join(t.dir, 'data');
    const args = [
      '--alerts',
      file,
      '--data-dir',
      dataDir,
      '--vt-url',
      vt.url,
      '--quota-per-minute',
      '60',
      '--quota-per-day',
      '1000',
      '--quota-per-month',
      '10000',
    ];

    const first = track(await startHeadless(args, { VT_API_KEY: GOOD_KEY }));
    await waitUntil(
      () => first.api<Stats>('/api/stats'),
      (s) => s.lookups >= 4,
      30_000,
      'some answers',
    );
    await first.kill('SIGKILL');
    // what the killed process had stored as answered (an answer on the wire at the kill was not stored: fair to ask again)
    const answeredBefore = answeredFiles(dataDir);
    expect(answeredBefore.length).toBeGreaterThan(0);
    const requestsBefore = vt.requests.length;

    const second = track(await startHeadless(args, { VT_API_KEY: GOOD_KEY }));
    const s = await waitUntil(
      () => second.api<Stats>('/api/stats'),
      (s) => s.fimEvents === 24 && s.queue === 0 && s.inFlight === 0,
      60_000,
      'all answers',
    );
    expect(s.files.pending).toBe(0);
    for (const f of files) expect(vt.countFor(f.sha256)).toBeGreaterThanOrEqual(1);
    // at most the one request in flight at the kill is asked again; an answered file never is
    expect(vt.fileRequests()).toBeLessThanOrEqual(files.length + 1);
    const afterRestart = vt.requests.slice(requestsBefore);
    for (const h of answeredBefore) expect(afterRestart.filter((r) => r.hash === h)).toEqual([]);
    // and the quota window counted the requests of the killed process. A request is counted just before it leaves
    // (the quota is never overspent), so a kill between the two counts one that VirusTotal never received: at most one
    expect(s.quota.minute.used).toBeGreaterThanOrEqual(vt.fileRequests());
    expect(s.quota.minute.used).toBeLessThanOrEqual(vt.fileRequests() + 1);
  });
});
