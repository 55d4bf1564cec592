// The whole-file check of the database is done where it is needed: after a clean stop the engine serves without
// it and checks in the background; after an unclean stop (its lock left behind) it checks before serving, as
// always. Damage the background check finds is said in Diagnostics and makes the next start move the file aside
// and rebuild it, as a damage found at start always did.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseCheck } from '../../shared/contract';
import { LOCK_FILE } from '../../electron/core/dataDirLock';
import { DB_FILE } from '../../electron/core/db/database';
import { CHECK_MARKER } from '../../electron/core/db/startCheck';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function engine(dataDir: string, extra: object = {}): Promise<TestEngine> {
  const e = await startTestEngine({ dataDir, ...extra });
  cleanups.push(() => e.stop());
  return e;
}

/** A data folder after one clean run that stored `alerts` alerts from a source. */
async function afterCleanRun(alerts = 60) {
  const t = makeTempDir('fimv-startcheck-');
  cleanups.push(t.cleanup);
  const gen = new WazuhAlertGenerator({ seed: 77 });
  const stream = gen.stream({ count: alerts, format: 'json' });
  const file = path.join(t.dir, 'alerts.json');
  fs.writeFileSync(file, stream.map((a) => a.text + '\n').join(''));
  const fim = new Set(stream.filter((a) => a.kind === 'fim').map((a) => a.alertId)).size;
  const dataDir = path.join(t.dir, 'data');
  const first = await startTestEngine({ dataDir, sources: [{ path: file, fromEnd: false }] });
  await first.until((s) => s.fimEvents === fim, 15_000, 'the first ingest');
  await first.stop();
  return { dataDir, file, fim };
}

/** Diagnostics' check, once it is no longer running. */
async function checkOutcome(e: TestEngine): Promise<DatabaseCheck> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const check = (await e.h.getDiagnostics({})).databaseCheck;
    if (check.state !== 'running') return check;
    if (Date.now() > deadline) throw new Error('the background check did not finish');
    await new Promise((resolve) => setTimeout(resolve, 25)); // the check's end is no event: read again
  }
}

/** A table nothing in the app reads, spread over many pages, one of its pages overwritten: damage only a whole-file
 * check finds (the header, the schema and every table the engine uses still read). */
function damageAPage(dataDir: string): void {
  const file = path.join(dataDir, DB_FILE);
  const db = new Database(file);
  db.exec('CREATE TABLE filler (n INTEGER, text TEXT)');
  const insert = db.prepare('INSERT INTO filler VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(i, `row ${i} `.repeat(20));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").pluck().get() as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize); // its root: an interior page
  fs.closeSync(fd);
}

describe('the database check at start', () => {
  it('after a clean stop: serves without reading the whole file, and checks it in the background', async () => {
    const { dataDir, fim } = await afterCleanRun();
    const e = await engine(dataDir);
    const diag = await e.h.getDiagnostics({});
    expect(diag.databaseCheck).toMatchObject({ when: 'background', reason: 'the last run stopped cleanly' });
    expect((await e.stats()).fimEvents).toBe(fim);
    const outcome = await checkOutcome(e);
    expect(outcome).toMatchObject({ when: 'background', state: 'ok', message: null });
    expect(outcome.finishedAt).not.toBeNull();
    expect(fs.existsSync(path.join(dataDir, CHECK_MARKER))).toBe(false);
  });

  it('after an unclean stop (its lock left behind): checks the whole file before serving', async () => {
    const { dataDir, fim } = await afterCleanRun();
    fs.writeFileSync(path.join(dataDir, LOCK_FILE), '999999999 1'); // a run that never released it: killed
    const e = await engine(dataDir);
    const diag = await e.h.getDiagnostics({});
    expect(diag.databaseCheck).toMatchObject({
      when: 'at-start',
      state: 'ok',
      reason: 'the last run did not stop cleanly',
    });
    expect((await e.stats()).fimEvents).toBe(fim);
  });

  it('a damage in the middle of the file: found in the background, said, and the next start rebuilds', async () => {
    const { dataDir, file, fim } = await afterCleanRun();
    damageAPage(dataDir);

    const second = await startTestEngine({ dataDir });
    const found = await checkOutcome(second);
    expect(found).toMatchObject({ when: 'background', state: 'damaged' });
    expect(found.message).toMatch(/filler|page|tree|corrupt|malformed/i);
    const diag = await second.h.getDiagnostics({});
    expect(diag.notices.join(' ')).toMatch(
      /The database is damaged .*Restart FIM Verdict: the damaged file is then moved aside/,
    );
    expect(fs.readFileSync(path.join(dataDir, CHECK_MARKER), 'utf8')).toMatch(/^damaged: /);
    await second.stop(); // a clean stop: the marker still asks for the check at start

    const third = await engine(dataDir);
    const s = await third.until((x) => x.fimEvents === fim, 15_000, 'the rebuild');
    expect(s.sources.map((x) => x.path)).toEqual([file]);
    const after = await third.h.getDiagnostics({});
    expect(after.databaseCheck).toMatchObject({
      when: 'at-start',
      state: 'ok',
      reason: 'the last check in the background asked for a check at start',
    });
    expect(after.databaseCheck.message).toMatch(/^damaged at start: integrity check failed/);
    expect(after.notices.join(' ')).toMatch(/damaged.*moved to .*corrupt-/);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${DB_FILE}.corrupt-`))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, CHECK_MARKER))).toBe(false);
  });
});
