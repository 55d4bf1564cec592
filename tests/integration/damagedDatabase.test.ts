// What a damaged (or missing) database may not take with it: the sources and settings (config.json, never written
// over from a state that was not read), the day's quota (quota.json), and the files' privacy (0600).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/db/database';
import { MIRROR_FILE } from '../../electron/core/settings/configMirror';
import { utcDayStart } from '../../electron/core/lookups/quota';
import { QUOTA_FILE } from '../../electron/core/lookups/quotaMemory';
import { startVtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { GOOD_KEY, startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function setup(alerts = 30, seed = 41) {
  const t = makeTempDir('fimv-damaged-');
  cleanups.push(t.cleanup);
  const gen = new WazuhAlertGenerator({ seed });
  const stream = gen.stream({ count: alerts, format: 'json' });
  const file = path.join(t.dir, 'alerts.json');
  fs.writeFileSync(file, stream.map((a) => a.text + '\n').join(''));
  const fim = new Set(stream.filter((a) => a.kind === 'fim').map((a) => a.alertId)).size;
  return { dir: t.dir, dataDir: path.join(t.dir, 'data'), file, fim };
}

async function engine(
  dataDir: string,
  extra: Parameters<typeof startTestEngine>[0] | object = {},
): Promise<TestEngine> {
  const e = await startTestEngine({ dataDir, ...extra });
  cleanups.push(() => e.stop());
  return e;
}

/** A first run that configures a source and a setting in the app (known to the database and config.json only). */
async function configured(dataDir: string, file: string, fim: number): Promise<void> {
  const first = await startTestEngine({ dataDir });
  await first.h.addSource({ path: file, fromEnd: false });
  await first.h.putSettings({ threshold: 3, filters: { pathExclude: ['/tmp/**'] } });
  await first.until((s) => s.fimEvents === fim, 15_000, 'the first ingest');
  await first.stop();
}

const mirrorOf = (dataDir: string) =>
  JSON.parse(fs.readFileSync(path.join(dataDir, MIRROR_FILE), 'utf8')) as {
    sources: { path: string }[];
    settings: { threshold: number; filters: { pathExclude: string[] } };
  };

async function notices(e: TestEngine): Promise<string> {
  return (await e.h.getDiagnostics({})).notices.join('\n');
}

describe('a damaged or missing database', () => {
  it('a zero-length database file is damaged: moved aside, sources and settings restored from config.json', async () => {
    const { dataDir, file, fim } = setup();
    await configured(dataDir, file, fim);
    fs.truncateSync(path.join(dataDir, DB_FILE), 0); // cut short (a full disk, a bad copy)

    const second = await engine(dataDir);
    const s = await second.until((x) => x.fimEvents === fim, 15_000, 'the rebuild');
    expect(s.sources.map((x) => x.path)).toEqual([file]);
    expect((await second.h.getSettings({})).threshold).toBe(3);
    expect(await notices(second)).toMatch(/damaged \(the file is empty \(0 bytes\).*moved to .*corrupt-/);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${DB_FILE}.corrupt-`))).toBe(true);
    // config.json still holds what was configured, not the defaults of an empty database
    expect(mirrorOf(dataDir).sources.map((x) => x.path)).toEqual([file]);
    expect(mirrorOf(dataDir).settings.threshold).toBe(3);
  });

  it('a missing database beside a config.json: restored from it, and said', async () => {
    const { dataDir, file, fim } = setup();
    await configured(dataDir, file, fim);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, DB_FILE + suffix), { force: true });

    const second = await engine(dataDir);
    await second.until((x) => x.fimEvents === fim, 15_000, 'the rebuild');
    expect((await second.h.getSettings({})).filters.pathExclude).toEqual(['/tmp/**']);
    expect(await notices(second)).toMatch(/There was no database .* restored|sources and settings of config\.json/);
    expect(mirrorOf(dataDir).settings.threshold).toBe(3);
  });

  it('an unreadable config.json is never written over: kept aside, and said', async () => {
    const { dataDir, file, fim } = setup();
    await configured(dataDir, file, fim);
    const damaged = '{"sources": [{"path": "/var/ossec/logs/alerts", "fromEnd": tr'; // cut mid-way
    fs.writeFileSync(path.join(dataDir, MIRROR_FILE), damaged);
    fs.truncateSync(path.join(dataDir, DB_FILE), 0);

    const second = await engine(dataDir);
    const text = await notices(second);
    expect(text).toMatch(/config\.json could not be read \(not JSON.*\): it was kept as .*config\.json\.unreadable-/);
    expect(text).toMatch(/could not be restored: fix it and put it back as config\.json/);
    const kept = fs.readdirSync(dataDir).find((f) => f.startsWith(`${MIRROR_FILE}.unreadable-`))!;
    expect(fs.readFileSync(path.join(dataDir, kept), 'utf8')).toBe(damaged); // byte for byte
  });

  it('settings that cannot be read from the database are restored from config.json', async () => {
    const { dataDir, file, fim } = setup();
    await configured(dataDir, file, fim);
    const db = new Database(path.join(dataDir, DB_FILE));
    db.prepare("UPDATE settings SET value = 'not json' WHERE key = 'settings'").run();
    db.close();

    const second = await engine(dataDir);
    expect((await second.h.getSettings({})).threshold).toBe(3);
    expect(await notices(second)).toContain(
      'The stored settings could not be read: they were restored from config.json.',
    );
    expect(mirrorOf(dataDir).settings.threshold).toBe(3);
  });
});

describe('the quota after a rebuild', () => {
  it('a database rebuilt mid-day does not spend the day’s quota again', async () => {
    const { dataDir, file } = setup(0);
    const vt = await startVtEmulator();
    cleanups.push(() => vt.close());
    const gen = new WazuhAlertGenerator({ seed: 43 });
    const files = Array.from({ length: 10 }, (_, i) => vt.addFile({ sha256: (i + 1).toString(16).padStart(64, 'b') }));
    fs.writeFileSync(file, files.map((f) => gen.fimAlert({ event: 'modified', hashes: f }) + '\n').join(''));
    const midday = utcDayStart(Date.now()) + 12 * 3_600_000;
    const options = {
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      quota: { perMinute: 100, perDay: 5, perMonth: 1000 },
      clock: { now: () => midday },
    };
    const dayUsedUp = (s: Awaited<ReturnType<TestEngine['stats']>>) =>
      s.fimEvents === 10 && s.vtStatus === 'rate-limited' && /day's quota is used up/.test(s.vtStatusMessage);

    const first = await startTestEngine({ dataDir, ...options });
    await first.until(dayUsedUp, 20_000, "the day's quota used");
    await first.stop();
    expect(vt.fileRequests()).toBe(5);

    const db = path.join(dataDir, DB_FILE);
    const bytes = fs.readFileSync(db);
    bytes.write('this is not a database, it was damaged', 0);
    fs.writeFileSync(db, bytes);

    const second = await engine(dataDir, options);
    // the rebuilt engine read the alerts again, queued the files, and found the day used up: it waits
    const s = await second.until(dayUsedUp, 20_000, 'the rebuilt engine to wait for the next day');
    expect(await notices(second)).toMatch(/damaged/);
    expect(s.queue).toBe(10);
    expect(s.quota.day.used).toBe(5);
    expect(vt.fileRequests()).toBe(5);
    expect(fs.statSync(path.join(dataDir, QUOTA_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('the database files are readable by their owner only', () => {
  it('in a folder that already existed (0755): the database, its WAL and its shared memory are 0600', async () => {
    const { dir } = setup(0);
    const dataDir = path.join(dir, 'shared-folder');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const e = await engine(dataDir);
    await e.h.putSettings({ threshold: 2 }); // a write: the WAL and shared memory files exist now
    for (const suffix of ['', '-wal', '-shm']) {
      const mode = fs.statSync(path.join(dataDir, DB_FILE + suffix)).mode & 0o777;
      expect(mode.toString(8), DB_FILE + suffix).toBe('600');
    }
  });

  it('files an older build left world-readable (0644) are made 0600', async () => {
    const { dataDir } = setup(0);
    const first = await startTestEngine({ dataDir });
    await first.stop();
    fs.chmodSync(path.join(dataDir, DB_FILE), 0o644);
    const e = await engine(dataDir);
    await e.h.putSettings({ threshold: 2 });
    for (const suffix of ['', '-wal', '-shm'])
      expect((fs.statSync(path.join(dataDir, DB_FILE + suffix)).mode & 0o777).toString(8)).toBe('600');
  });
});
