// The database refusing writes (disk full, read-only) and a damaged database file at start: a clear message,
// the cursor not advanced, nothing lost or repeated when writing works again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/db/database';
import { EngineCore } from '../../electron/core/engineCore';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { memorySecretStore, startTestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function alertsFile(dir: string, n: number, seed: number) {
  const gen = new WazuhAlertGenerator({ seed });
  const stream = gen.stream({ count: n, format: 'json' });
  const file = path.join(dir, 'alerts.json');
  fs.writeFileSync(file, stream.map((a) => a.text + '\n').join(''));
  return { file, stream, fim: new Set(stream.filter((a) => a.kind === 'fim').map((a) => a.alertId)).size };
}

/** An engine whose database connection the test can reach (to make it refuse writes). */
function startCore(dataDir: string, source: string) {
  const core = new EngineCore({ dataDir, secrets: memorySecretStore(), transport: 'http' });
  core.sources.addAtStart(source, false);
  core.sources.startAll();
  cleanups.push(() => core.stop());
  return { core, h: core.handlers };
}

describe('the database refuses writes', () => {
  for (const fault of [
    {
      name: 'the disk is full',
      make: (core: EngineCore) => core.db.pragma(`max_page_count = ${core.db.pragma('page_count', { simple: true })}`),
      undo: (core: EngineCore) => core.db.pragma('max_page_count = 1073741823'),
      says: /cannot store alerts: the disk is full.*nothing is lost, retrying/,
    },
    {
      name: 'the database is read-only',
      make: (core: EngineCore) => core.db.pragma('query_only = ON'),
      undo: (core: EngineCore) => core.db.pragma('query_only = OFF'),
      says: /cannot store alerts: the database is read-only.*nothing is lost, retrying/,
    },
  ]) {
    it(`${fault.name}: says so, does not move the cursor, and loses nothing when it works again`, async () => {
      const t = makeTempDir('fimv-fault-');
      cleanups.push(t.cleanup);
      const { file, stream, fim } = alertsFile(t.dir, 300, 31);
      const size = fs.statSync(file).size;
      fs.writeFileSync(file, ''); // the source exists, empty, while the fault is set
      const { core, h } = startCore(path.join(t.dir, 'data'), file);
      // an empty file: the tailer waits for a first alert to tell the format
      await until(
        () => h.listSources({}),
        (s) => s[0]?.state === 'waiting',
      );
      fault.make(core);
      fs.writeFileSync(file, stream.map((a) => a.text + '\n').join(''));
      const failing = await until(
        () => h.listSources({}),
        (s) => s[0]?.state === 'error',
      );
      expect(failing[0].message).toMatch(fault.says);
      expect(failing[0].offset).toBe(0); // the cursor did not move
      expect(failing[0].alertsRead).toBe(0);
      fault.undo(core);
      const done = await until(
        () => h.listSources({}),
        (s) => s[0]?.offset === size,
        20_000,
      );
      expect(done[0].state).toBe('following');
      const stats = await h.getStats({});
      expect(stats.alertsRead).toBe(stream.length);
      expect(stats.fimEvents).toBe(fim);
    });
  }
});

describe('a damaged database at start', () => {
  it('is moved aside with a message, and rebuilt from the alert files with the sources and settings kept', async () => {
    const t = makeTempDir('fimv-corrupt-');
    cleanups.push(t.cleanup);
    const { file, fim } = alertsFile(t.dir, 200, 32);
    const dataDir = path.join(t.dir, 'data');
    const first = await startTestEngine({ dataDir });
    await first.h.addSource({ path: file, fromEnd: false }); // known only to the database and config.json
    await first.h.putSettings({ threshold: 3 });
    await first.until((s) => s.fimEvents === fim, 15_000, 'the first ingest');
    await first.stop();

    const db = path.join(dataDir, DB_FILE);
    const bytes = fs.readFileSync(db);
    bytes.write('this is not a database, it was damaged', 0); // the header SQLite checks
    fs.writeFileSync(db, bytes);
    for (const side of ['-wal', '-shm']) fs.rmSync(db + side, { force: true });

    const second = await startTestEngine({ dataDir });
    cleanups.push(() => second.stop());
    const s = await second.until((s) => s.fimEvents === fim, 15_000, 'the rebuild');
    expect(s.sources.map((x) => x.path)).toEqual([file]);
    const diag = await second.h.getDiagnostics({});
    expect(diag.notices.join(' ')).toMatch(/damaged.*moved to .*corrupt-.*read again from its start/);
    expect((await second.h.getSettings({})).threshold).toBe(3);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${DB_FILE}.corrupt-`))).toBe(true);
  });
});
