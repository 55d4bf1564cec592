// The engine end to end under plain Node: real files, a real SQLite database, the VirusTotal emulator on
// 127.0.0.1. Counts and ids are compared with what was written.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { datedFolder } from '../../electron/core/sources/file/datedFiles';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { GOOD_KEY, startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';
import { FIXTURES_DIR } from '../helpers/fixtures';

const FIXTURES = FIXTURES_DIR;
const fixture = (p: string) => fs.readFileSync(path.join(FIXTURES, p), 'utf8').trim();

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function temp() {
  const t = makeTempDir('fimv-engine-');
  cleanups.push(t.cleanup);
  return t.dir;
}
async function emulator(options: Parameters<typeof startVtEmulator>[0] = {}): Promise<VtEmulator> {
  const vt = await startVtEmulator(options);
  cleanups.push(() => vt.close());
  return vt;
}
async function engine(o: Parameters<typeof startTestEngine>[0]): Promise<TestEngine> {
  const e = await startTestEngine(o);
  cleanups.push(() => e.stop());
  return e;
}

describe('ingest: every FIM alert stored once, everything else counted', () => {
  it('counts a mixed alerts.json exactly, with malformed, oversize, duplicate and partial lines', async () => {
    const dir = temp();
    const gen = new WazuhAlertGenerator({ seed: 7 });
    const stream = gen.stream({ count: 400, format: 'json' });
    const otherCut = gen.otherAlert('sshd');
    const lines = [
      fixture('wazuh/fim-added-agent.json'),
      fixture('wazuh/fim-modified-manager.json'),
      fixture('wazuh/virustotal-87105-detected.json'),
      fixture('wazuh/virustotal-87102-credentials.json'),
      ...stream.map((a) => a.text),
      '{"timestamp":"2024-01-01T00:00:00.000+0000","rule":{"level":3', // cut
      'not json at all',
      '{bad json}', // starts and ends like an object: broken inside all the same
      otherCut.replace('"location"', '"location":,'), // a non-FIM alert broken inside
      otherCut.slice(0, 60) + otherCut, // a cut line glued to the next
      '{"foo":1}', // JSON, but no alert
      stream[0].text, // the same alert again: stored once
      '{"x":' + '"a'.repeat(600_000) + '"}', // 1.2 MB line: skipped and counted
    ];
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, lines.join('\n') + '\n' + stream[1].text.slice(0, 40)); // partial last line waits
    const t = await engine({ dataDir: path.join(dir, 'data'), sources: [{ path: file, fromEnd: false }] });

    const fim = stream.filter((a) => a.kind === 'fim');
    const validLines = 4 + stream.length + 1; // + the duplicate
    const s = await t.until((s) => s.alertsRead === validLines && s.parseErrors === 7, 15_000, 'all lines read');
    expect(s.fimEvents).toBe(fim.length + 2);
    expect(s.registryEvents).toBe(stream.filter((a) => a.kind === 'registry').length);
    expect(s.wazuhVerdicts).toBe(2 + stream.filter((a) => a.kind === 'wazuh-vt').length);
    expect(s.oversizeLines).toBe(1);
    expect(s.vtStatus).toBe('no-key');

    const page = await t.h.listAlerts({ limit: 1000, offset: 0 });
    // + the file of the 87105 fixture: its FIM alert (1668706222.103798) is not in the file, Wazuh's answer names it
    expect(page.total).toBe(fim.length + 3);
    expect(page.items.find((i) => i.alertId === '1668706222.103798')).toMatchObject({
      path: '/media/user/software/eicar.com',
      event: 'unknown',
    });
    const ids = new Set(page.items.map((i) => i.alertId));
    for (const a of fim) expect(ids.has(a.alertId)).toBe(true);
    expect(ids.has('1668705462.50453')).toBe(true);
    // newest first
    const times = page.items.map((i) => i.epochMs);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const diag = await t.h.getDiagnostics({});
    expect(diag.parseErrors.map((e) => e.reason).join('\n')).toMatch(/1 MiB/);
    expect(diag.parseErrors.length).toBe(7);
    expect(diag.parseErrors.map((e) => e.reason)).toContain('not an alert: no "id" string and no "rule" object');
    expect(diag.parseErrors.filter((e) => /not a valid JSON alert/.test(e.reason))).toHaveLength(5);

    // the partial line completes: one more alert
    fs.appendFileSync(file, stream[1].text.slice(40) + '\n');
    await t.until((s) => s.alertsRead === validLines + 1, 10_000, 'the completed line');
    expect((await t.stats()).fimEvents).toBe(fim.length + 2); // stream[1] again: already stored
  });

  const dayOf = (back: number) => {
    const d = new Date();
    d.setDate(d.getDate() - back);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };

  it('a file source at logs/alerts/alerts.json stopped across two day changes reads the missed days, each alert once', async () => {
    const dir = temp();
    const gen = new WazuhAlertGenerator({ seed: 23 });
    const root = path.join(dir, 'logs', 'alerts');
    const dated = (back: number) => {
      const d = new Date();
      d.setDate(d.getDate() - back);
      const folder = datedFolder(root, d);
      fs.mkdirSync(folder, { recursive: true });
      return path.join(folder, `ossec-alerts-${String(d.getDate()).padStart(2, '0')}.json`);
    };
    const live = path.join(root, 'alerts.json');
    const write = (file: string, n: number) => {
      const alerts = Array.from({ length: n }, () => gen.fimAlert({ event: 'added' }));
      fs.appendFileSync(file, alerts.join('\n') + '\n');
      return alerts.map((a) => (JSON.parse(a) as { id: string }).id);
    };
    const ids = write(dated(2), 3);
    fs.linkSync(dated(2), live);
    const options = { dataDir: path.join(dir, 'data'), sources: [{ path: live, fromEnd: false }] };
    const first = await startTestEngine(options);
    await first.until((s) => s.fimEvents === 3, 10_000, 'day -2');
    await first.stop();

    ids.push(...write(dated(2), 2)); // the end of day -2, written after we stopped
    ids.push(...write(dated(1), 4)); // all of day -1
    ids.push(...write(dated(0), 1)); // today
    fs.unlinkSync(live);
    fs.linkSync(dated(0), live);
    fs.writeFileSync(`${dated(2)}.gz`, gzipSync(fs.readFileSync(dated(2))));
    fs.unlinkSync(dated(2));

    const second = await engine(options);
    const s = await second.until((s) => s.fimEvents === ids.length, 10_000, 'every day');
    const page = await second.h.listAlerts({ limit: 100, offset: 0 });
    expect(page.items.map((i) => i.alertId).sort()).toEqual([...ids].sort());
    expect(s.alertsRead).toBe(ids.length);
    // its folder's dated files can be backfilled too: all three days were read, nothing is counted twice
    const [source] = await second.h.listSources({});
    const job = await second.h.startBackfill({ id: source.id, from: dayOf(2), to: dayOf(0) });
    await second.until(() =>
      second.events.some((e) => e.type === 'backfill' && e.job.id === job.id && e.job.state === 'done'),
    );
    expect((await second.h.listBackfills({}))[0]).toMatchObject({ filesTotal: 3, filesAlreadyRead: 3, alertsRead: 0 });
    expect((await second.stats()).alertsRead).toBe(ids.length);
  });

  it('a backfill over days the source already read counts nothing twice, and takes what --from-end skipped', async () => {
    const dir = temp();
    const gen = new WazuhAlertGenerator({ seed: 29 });
    const root = path.join(dir, 'logs', 'alerts');
    const day = (back: number) => {
      const d = new Date();
      d.setDate(d.getDate() - back);
      const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      fs.mkdirSync(datedFolder(root, d), { recursive: true });
      return { iso, file: path.join(datedFolder(root, d), `ossec-alerts-${iso.slice(8)}.json`) };
    };
    const write = (file: string, n: number) =>
      fs.appendFileSync(file, Array.from({ length: n }, () => gen.fimAlert({ event: 'added' })).join('\n') + '\n');
    const live = path.join(root, 'alerts.json');
    const [older, yesterday, today] = [day(2), day(1), day(0)];
    write(older.file, 3); // before the source existed: only a backfill reads it
    write(yesterday.file, 4);
    fs.linkSync(yesterday.file, live);
    const options = { dataDir: path.join(dir, 'data'), sources: [{ path: root, fromEnd: false }] };
    const first = await startTestEngine(options);
    await first.until((s) => s.fimEvents === 4, 10_000, 'yesterday, live');
    await first.stop();
    write(yesterday.file, 1); // then the day changes while stopped
    write(today.file, 2);
    fs.unlinkSync(live);
    fs.linkSync(today.file, live);
    fs.writeFileSync(`${yesterday.file}.gz`, gzipSync(fs.readFileSync(yesterday.file)));
    fs.unlinkSync(yesterday.file);

    const t = await engine(options);
    await t.until((s) => s.fimEvents === 7, 10_000, 'the rest of yesterday and today');
    const [source] = await t.h.listSources({});
    const job = await t.h.startBackfill({ id: source.id, from: older.iso, to: today.iso });
    await t.until(() => t.events.some((e) => e.type === 'backfill' && e.job.id === job.id && e.job.state === 'done'));
    const [done] = await t.h.listBackfills({});
    expect(done).toMatchObject({ filesTotal: 3, filesDone: 3, filesAlreadyRead: 2, alertsRead: 3, fimEvents: 3 });
    let s = await t.stats();
    expect({ alertsRead: s.alertsRead, fimEvents: s.fimEvents }).toEqual({ alertsRead: 10, fimEvents: 10 });
    // again: all three were read now
    const again = await t.h.startBackfill({ id: source.id, from: older.iso, to: today.iso });
    await t.until(() => t.events.some((e) => e.type === 'backfill' && e.job.id === again.id && e.job.state === 'done'));
    expect((await t.h.listBackfills({}))[0]).toMatchObject({ filesAlreadyRead: 3, alertsRead: 0 });
    s = await t.stats();
    expect(s.alertsRead).toBe(10);

    // another source on the same folder, started at the end: a backfill of today takes the part it skipped, once
    await t.stop();
    const fromEnd = await engine({ dataDir: path.join(dir, 'data2'), sources: [{ path: root, fromEnd: true }] });
    const [src2] = await fromEnd.h.listSources({});
    await fromEnd.until((s) => s.sources[0]?.state === 'following', 10_000, 'following from the end');
    write(today.file, 1);
    await fromEnd.until((s) => s.fimEvents === 1, 10_000, 'the new line');
    const job2 = await fromEnd.h.startBackfill({ id: src2.id, from: today.iso, to: today.iso });
    await fromEnd.until(() =>
      fromEnd.events.some((e) => e.type === 'backfill' && e.job.id === job2.id && e.job.state === 'done'),
    );
    s = await fromEnd.stats();
    expect({ alertsRead: s.alertsRead, fimEvents: s.fimEvents }).toEqual({ alertsRead: 3, fimEvents: 3 });
  });

  it('a logs/alerts folder that does not exist yet is waited for, then followed as a folder', async () => {
    const dir = temp();
    const root = path.join(dir, 'logs', 'alerts'); // no trailing slash, nothing there: it could be a file
    const t = await engine({ dataDir: path.join(dir, 'data'), sources: [{ path: root, fromEnd: false }] });
    await t.until((s) => s.sources[0]?.state === 'waiting', 10_000, 'waiting');
    const day = dayOf(0);
    // not known as a folder yet: no dated files to backfill
    await expect(t.h.startBackfill({ id: 1, from: day, to: day })).rejects.toMatchObject({ code: 'bad-request' });
    fs.mkdirSync(root, { recursive: true });
    // a folder now, waiting for its alerts.json: what the tailer will read then is not known, a backfill waits
    await t.until((s) => s.sources[0]?.kind === 'folder' && s.sources[0]?.state === 'waiting', 10_000, 'a folder');
    await expect(t.h.startBackfill({ id: 1, from: day, to: day })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/start the backfill once it is following/),
    });
    const gen = new WazuhAlertGenerator({ seed: 31 });
    fs.writeFileSync(path.join(root, 'alerts.json'), gen.fimAlert({ event: 'added' }) + '\n');
    await t.until((s) => s.fimEvents === 1 && s.sources[0]?.state === 'following', 10_000, 'the folder followed');
    expect((await t.h.listSources({}))[0]).toMatchObject({ kind: 'folder' });
    const job = await t.h.startBackfill({ id: 1, from: day, to: day });
    expect(job).toMatchObject({ sourceId: 1, filesTotal: 0 }); // accepted (no dated files here)
  });

  it('reads alerts.log of all three generations', async () => {
    const dir = temp();
    const file = path.join(dir, 'alerts.log');
    const content = ['alerts-2016-fim.log', 'alerts-2017-seed.log', 'alerts-4.4-fim-and-vt.log']
      .map((f) => fixture(`wazuh/${f}`) + '\n\n')
      .join('');
    fs.writeFileSync(file, content);
    const t = await engine({ dataDir: path.join(dir, 'data'), sources: [{ path: file, fromEnd: false }] });
    await t.until((s) => s.fimEvents === 3 && s.alertsRead === 8, 10_000, 'all blocks');
    expect((await t.stats()).parseErrors).toBe(0);
    expect((await t.stats()).wazuhVerdicts).toBe(5);
    const page = await t.h.listAlerts({ limit: 10, offset: 0 });
    const paths = page.items.map((i) => i.path).sort();
    // my-clean-program.exe: known from Wazuh's 87103 answer only (its FIM alert is not in the file)
    expect(paths).toEqual([
      '/media/user/software/my-clean-program.exe',
      '/media/user/software/suspicious-file.exe',
      '/root/evil.bin',
      '/test/hello',
    ]);
    const seed = page.items.find((i) => i.path.endsWith('suspicious-file.exe'))!;
    expect(seed.md5).toBe('9519135089d69ad7ae6b00a78480bb2b');
    expect(seed.event).toBe('added');
  });
});

describe('look-ups: one request per file, every answer kept', () => {
  it('asks once per unique file, attaches the verdict to every alert, writes the integration log', async () => {
    const dir = temp();
    const vt = await emulator();
    const gen = new WazuhAlertGenerator({ seed: 3 });
    const files = Array.from({ length: 6 }, (_, i) => {
      const spec = {
        sha256: (i + 1).toString(16).repeat(64).slice(0, 64),
        malicious: i < 2 ? 7 + i : 0,
        undetected: 60,
        harmless: 3,
      };
      return { ...vt.addFile(spec), malicious: spec.malicious };
    });
    const unknownSha = 'e'.repeat(64);
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const f = i % 7 === 6 ? { sha256: unknownSha, sha1: 'e'.repeat(40), md5: 'e'.repeat(32) } : files[i % 6];
      lines.push(gen.fimAlert({ event: 'modified', hashes: { md5: f.md5, sha1: f.sha1, sha256: f.sha256 } }));
    }
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const log = path.join(dir, 'integration.json');
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      quota: { perMinute: 1000, perDay: 100_000, perMonth: 1_000_000 },
      integrationLog: log,
    });
    const s = await t.until((s) => s.fimEvents === 60 && s.queue === 0 && s.inFlight === 0, 20_000, 'all answers');
    expect(vt.fileRequests()).toBe(7);
    for (const f of files) expect(vt.countFor(f.sha256)).toBe(1);
    expect(s.lookups).toBe(7);
    expect(s.uniqueHashes).toBe(7);
    expect(s.wazuhEquivalentRequests).toBe(60);
    expect(s.vtStatus).toBe('ok');

    const page = await t.h.listAlerts({ limit: 100, offset: 0 });
    for (const item of page.items) {
      const f = files.find((x) => x.sha256 === item.sha256);
      if (!f) {
        expect(item.verdict).toMatchObject({ state: 'unknown', positives: null, permalink: null });
        continue;
      }
      expect(item.verdict.state).toBe(f.malicious > 0 ? 'malicious' : 'clean');
      expect(item.verdict.positives).toBe(f.malicious);
      expect(item.verdict.total).toBe(f.malicious + 63);
      expect(item.verdict.permalink).toBe(`https://www.virustotal.com/gui/file/${f.sha256}`);
    }

    const records = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(60);
    const malicious = records.find((r) => r.virustotal.source.md5 === files[0].md5);
    expect(malicious).toEqual({
      virustotal: {
        found: 1,
        malicious: 1,
        source: expect.objectContaining({
          file: expect.any(String),
          md5: files[0].md5,
          sha1: files[0].sha1,
          agent: expect.any(Object),
        }),
        sha1: files[0].sha1,
        scan_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        positives: 7,
        total: 70,
        permalink: `https://www.virustotal.com/gui/file/${files[0].sha256}`,
      },
      integration: 'virustotal',
    });
    const notFound = records.find((r) => r.virustotal.source.md5 === 'e'.repeat(32));
    expect(notFound.virustotal).toEqual({ found: 0, malicious: 0, source: expect.any(Object) });

    // the file page: engines (detections first) and history
    const detail = await t.h.getHash({ hash: files[0].md5 });
    expect(detail.sha256).toBe(files[0].sha256);
    expect(detail.engines[0].category).toBe('malicious');
    expect(detail.history).toHaveLength(1);
    expect(detail.alertsTotal).toBe(page.items.filter((i) => i.sha256 === files[0].sha256).length);

    // a rescan spends exactly one more request and adds a history row
    await t.h.rescan({ hash: files[0].sha256 });
    await t.until(() => vt.countFor(files[0].sha256) === 2, 10_000, 'the rescan');
    await t.until((s) => s.queue === 0 && s.inFlight === 0);
    expect((await t.h.getHash({ hash: files[0].sha256 })).history).toHaveLength(2);
  });

  it('one file, three hashes: an md5-only alert and a sha256 alert of the same file cost one request', async () => {
    const dir = temp();
    const vt = await emulator();
    const f = vt.addFile({ sha256: 'c'.repeat(64), malicious: 3, undetected: 50 });
    const gen = new WazuhAlertGenerator({ seed: 5 });
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(
      file,
      [
        gen.fimAlert({ event: 'added', hashes: { md5: f.md5, sha1: null, sha256: null } }),
        gen.fimAlert({ event: 'modified', hashes: { md5: null, sha1: null, sha256: f.sha256 } }),
        gen.fimAlert({ event: 'modified', hashes: { md5: null, sha1: f.sha1, sha256: null } }),
      ].join('\n') + '\n',
    );
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      quota: { perMinute: 1, perDay: 100, perMonth: 1000 },
    });
    await t.until((s) => s.fimEvents === 3 && s.queue === 0 && s.inFlight === 0, 15_000, 'one answer');
    expect(vt.fileRequests()).toBe(1);
    const items = (await t.h.listAlerts({ limit: 10, offset: 0 })).items;
    expect(items.map((i) => i.verdict.state)).toEqual(['malicious', 'malicious', 'malicious']);
    expect((await t.stats()).uniqueHashes).toBe(1);
  });

  it('a wrong key stops everything at once with "Check credentials", and a new key resumes', async () => {
    const dir = temp();
    const vt = await emulator();
    const gen = new WazuhAlertGenerator({ seed: 9 });
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, Array.from({ length: 5 }, () => gen.fimAlert({ event: 'added' })).join('\n') + '\n');
    const log = path.join(dir, 'integration.json');
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      integrationLog: log,
      quota: { perMinute: 1000, perDay: 1000, perMonth: 1000 },
    });
    await t.h.putSettings({ apiKey: 'b'.repeat(64) });
    const s = await t.until((s) => s.vtStatus === 'credentials', 10_000, 'credentials state');
    expect(s.vtStatusMessage).toMatch(/Check credentials/);
    expect(vt.requests.length).toBe(1); // one refused look-up, then nothing
    expect(s.queue).toBe(5); // nothing lost
    const view = await t.h.getSettings({});
    expect(view.apiKeySet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('b'.repeat(64));
    const record = JSON.parse(fs.readFileSync(log, 'utf8').trim().split('\n')[0]);
    expect(record).toEqual({
      virustotal: { error: 403, description: 'Error: Check credentials', http_status: 401 },
      integration: 'virustotal',
    });
    await t.h.putSettings({ apiKey: GOOD_KEY });
    await t.until((s) => s.queue === 0 && s.vtStatus === 'ok', 10_000, 'resume with the good key');
    expect(vt.fileRequests()).toBe(6);
    const test = await t.h.testKey({});
    expect(test).toMatchObject({ ok: true, status: 'ok', plan: 'public' });
    expect((await t.stats()).quota.allowance?.daily?.allowed).toBe(500);
  });

  it('a 429 pauses every look-up until the window frees and says until when', async () => {
    const dir = temp();
    const vt = await emulator();
    vt.failNext(1000, { status: 429, retryAfter: 90 });
    const gen = new WazuhAlertGenerator({ seed: 11 });
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, Array.from({ length: 3 }, () => gen.fimAlert({ event: 'added' })).join('\n') + '\n');
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      quota: { perMinute: 1000, perDay: 1000, perMonth: 1000 },
    });
    const s = await t.until((s) => s.vtStatus === 'rate-limited', 10_000, 'rate-limited');
    const resumes = Date.parse(s.vtResumesAt!);
    expect(resumes - Date.now()).toBeGreaterThan(80_000);
    expect(vt.requests.length).toBe(1);
    expect(s.queue).toBe(3);
  });

  it("imports Wazuh's own answers as history without spending a request", async () => {
    const dir = temp();
    const vt = await emulator();
    const gen = new WazuhAlertGenerator({ seed: 13, startEpochMs: Date.now() - 60_000 });
    const hashes = { md5: '1'.repeat(32), sha1: '2'.repeat(40), sha256: '3'.repeat(64) };
    const fim = gen.fimAlert({ event: 'added', hashes });
    const verdict = gen.wazuhVtAlert({
      outcome: 'detected',
      md5: hashes.md5,
      sha1: hashes.sha1,
      sha256: hashes.sha256,
      scanDateMs: Math.floor((Date.now() - 3_600_000) / 1000) * 1000, // an hour old: fresh
    });
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, fim + '\n' + verdict + '\n');
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
    });
    const s = await t.until((s) => s.wazuhVerdicts === 1 && s.fimEvents === 1, 10_000, 'ingest');
    const detail = await t.h.getHash({ hash: hashes.md5 });
    expect(detail.history.some((h) => h.origin === 'wazuh')).toBe(true);
    expect(detail.verdict.origin).toBe('wazuh');
    expect(s.queue).toBe(0);
    expect(vt.fileRequests()).toBe(0);
    expect(detail.verdict).toMatchObject({ state: 'malicious', positives: 7 });
    expect(detail.verdict.permalink).toBe(`https://www.virustotal.com/gui/file/${hashes.sha256}`);
  });

  it('an old Wazuh answer is history, and the file is looked up again at low priority', async () => {
    const dir = temp();
    const vt = await emulator();
    vt.addFile({ sha256: '3'.repeat(64), md5: '1'.repeat(32), sha1: '2'.repeat(40), malicious: 9, undetected: 50 });
    const gen = new WazuhAlertGenerator({ seed: 14, startEpochMs: Date.now() - 60_000 });
    const hashes = { md5: '1'.repeat(32), sha1: '2'.repeat(40), sha256: '3'.repeat(64) };
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(
      file,
      gen.wazuhVtAlert({ outcome: 'clean', ...hashes, scanDateMs: Date.now() - 30 * 86_400_000 }) +
        '\n' +
        gen.fimAlert({ event: 'modified', hashes }) +
        '\n',
    );
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
    });
    await t.until((s) => s.fimEvents === 1 && s.queue === 0 && s.inFlight === 0, 10_000, 'the refresh');
    const detail = await t.h.getHash({ hash: hashes.sha256 });
    expect(detail.history.map((h) => h.origin)).toEqual(['virustotal', 'wazuh']);
    expect(detail.history[0].reason).toBe('refresh');
    expect(detail.verdict).toMatchObject({ state: 'malicious', positives: 9, origin: 'virustotal' });
    expect(vt.fileRequests()).toBe(1);
  });

  it('the minute window survives a restart: a restarted engine does not spend the same minute again', async () => {
    const dir = temp();
    const vt = await emulator();
    const gen = new WazuhAlertGenerator({ seed: 17 });
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, Array.from({ length: 5 }, () => gen.fimAlert({ event: 'added' })).join('\n') + '\n');
    const options = {
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      quota: { perMinute: 2, perDay: 100, perMonth: 1000 },
    };
    const first = await startTestEngine(options);
    await first.until((s) => s.lookups === 2 && s.inFlight === 0, 10_000, 'two look-ups');
    await first.stop();
    const second = await engine(options);
    const s = await second.until((s) => s.fimEvents === 5, 5000);
    expect(s.quota.minute).toMatchObject({ used: 2, left: 0 });
    expect(Date.parse(s.quota.minute.resetsAt!)).toBeGreaterThan(Date.now() + 50_000);
    expect(s.queue).toBe(3);
    expect(vt.fileRequests()).toBe(2);
  });

  it('a reanalysis polls VirusTotal within the quota, then fetches the new report as a new history row', async () => {
    const dir = temp();
    const vt = await emulator({ analysisPolls: 2 });
    const f = vt.addFile({ sha256: 'b'.repeat(64), malicious: 2, undetected: 60 });
    vt.configure({ reanalyseResult: { malicious: 30, undetected: 32 } });
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      quota: { perMinute: 1000, perDay: 1000, perMonth: 1000 },
      reanalysePollMs: 20,
    });
    await t.h.rescan({ hash: f.sha256, reanalyse: true });
    await t.until(
      () => t.events.some((e) => e.type === 'reanalyse' && e.progress.status === 'completed'),
      10_000,
      'the analysis',
    );
    await t.until((s) => s.queue === 0 && s.inFlight === 0, 10_000, 'the new report');
    const detail = await t.h.getHash({ hash: f.sha256 });
    expect(detail.verdict.positives).toBe(30);
    expect(detail.history).toHaveLength(1);
    const statuses = t.events.flatMap((e) => (e.type === 'reanalyse' ? [e.progress.status] : []));
    expect(statuses[0]).toBe('requested');
    expect(statuses).toContain('completed');
    const kinds = vt.requests.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'analyse')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'analysis').length).toBeGreaterThanOrEqual(2);
    expect(kinds.filter((k) => k === 'file')).toHaveLength(1);
    expect((await t.stats()).lookups).toBe(vt.requests.length);
  });

  it('a reanalysis ends once the new report is stored, and its history row says reanalysis', async () => {
    const dir = temp();
    const vt = await emulator({ analysisPolls: 1 });
    const f = vt.addFile({ sha256: 'e'.repeat(64), malicious: 2, undetected: 60 });
    vt.configure({ reanalyseResult: { malicious: 9, undetected: 62 } });
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      quota: { perMinute: 1000, perDay: 1000, perMonth: 1000 },
      reanalysePollMs: 20,
    });
    await t.h.rescan({ hash: f.sha256, reanalyse: true });
    const over = () =>
      t.events.flatMap((e) => (e.type === 'reanalyse' && e.progress.reportAt !== null ? [e.progress] : []));
    await t.until(() => over().length > 0, 10_000, 'the end of the reanalysis');
    const last = over()[0];
    expect(last.status).toBe('completed');
    expect(last.message).toBe(
      'the analysis is complete; the new report is stored: malicious: 9 of 71 engines say malicious',
    );
    // the file page says so too (a reload after the event, or a page opened later)
    const detail = await t.h.getHash({ hash: f.sha256 });
    expect(detail.reanalyse?.reportAt).toBe(last.reportAt);
    expect(detail.history[0]).toMatchObject({ reason: 'reanalyse', positives: 9, total: 71 });
  });

  it('an integration log that cannot be written is named in diagnostics with the fix', async () => {
    const dir = temp();
    const vt = await emulator();
    const f = vt.addFile({ sha256: '9'.repeat(64), malicious: 5, undetected: 60 });
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, new WazuhAlertGenerator({ seed: 41 }).fimAlert({ event: 'added', hashes: f }) + '\n');
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      integrationLog: path.join(blocker, 'vt.json'),
    });
    await t.until((s) => s.fimEvents === 1 && s.queue === 0 && s.inFlight === 0, 10_000, 'the answer');
    const diag = await t.h.getDiagnostics({});
    expect(diag.notices.join('\n')).toMatch(/cannot write the integration log .*not-a-folder.*writable/);
  });

  it('v2 keys: the legacy file/report answers give the same verdicts and permalinks', async () => {
    const dir = temp();
    const vt = await emulator();
    const f = vt.addFile({ sha256: '4'.repeat(64), malicious: 11, undetected: 59 });
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(
      file,
      new WazuhAlertGenerator({ seed: 43 }).fimAlert({
        event: 'added',
        hashes: { md5: f.md5, sha1: null, sha256: null },
      }) + '\n',
    );
    const t = await engine({ dataDir: path.join(dir, 'data'), vtBaseUrl: vt.url, apiKeyFromEnv: GOOD_KEY });
    await t.h.putSettings({ apiVersion: 'v2' });
    await t.h.addSource({ path: file, fromEnd: false });
    await t.until((s) => s.fimEvents === 1 && s.queue === 0 && s.inFlight === 0, 10_000, 'the v2 answer');
    expect(vt.requests.map((r) => r.apiVersion)).toEqual(['v2']);
    const item = (await t.h.listAlerts({ limit: 1, offset: 0 })).items[0];
    expect(item.verdict).toMatchObject({
      state: 'malicious',
      positives: 11,
      total: 70,
      permalink: `https://www.virustotal.com/gui/file/${f.sha256}`,
    });
  });

  it('a 503 is retried after a backoff (offline meanwhile, no storm), then answered', async () => {
    const dir = temp();
    const vt = await emulator();
    const f = vt.addFile({ sha256: '5'.repeat(64), malicious: 0, undetected: 70 });
    vt.failNext(1, { status: 503 });
    const file = path.join(dir, 'alerts.json');
    fs.writeFileSync(file, new WazuhAlertGenerator({ seed: 44 }).fimAlert({ event: 'added', hashes: f }) + '\n');
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      sources: [{ path: file, fromEnd: false }],
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
    });
    const offline = await t.until((s) => s.vtStatus === 'offline', 10_000, 'offline');
    expect(Date.parse(offline.vtResumesAt!)).toBeGreaterThan(Date.now() + 1000);
    expect(vt.requests).toHaveLength(1);
    const s = await t.until((s) => s.queue === 0 && s.inFlight === 0, 15_000, 'the retry');
    expect(s.vtStatus).toBe('ok');
    expect(vt.requests).toHaveLength(2);
  });

  it('a request that never answers times out ("API request timed out" in the integration log) and is retried', async () => {
    const dir = temp();
    const vt = await emulator();
    const f = vt.addFile({ sha256: '6'.repeat(64), malicious: 0, undetected: 70 });
    vt.failNext(1, 'hang');
    const file = path.join(dir, 'alerts.json');
    const log = path.join(dir, 'integration.json');
    fs.writeFileSync(file, new WazuhAlertGenerator({ seed: 45 }).fimAlert({ event: 'added', hashes: f }) + '\n');
    const t = await engine({
      dataDir: path.join(dir, 'data'),
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      integrationLog: log,
    });
    await t.h.putSettings({ timeoutSeconds: 1 });
    await t.h.addSource({ path: file, fromEnd: false });
    await t.until((s) => s.vtStatus === 'offline', 10_000, 'the timeout');
    await t.until((s) => s.queue === 0 && s.inFlight === 0, 20_000, 'the retry');
    const lines = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      virustotal: { error: 408, description: 'Error: API request timed out' },
      integration: 'virustotal',
    });
    expect(lines[1].virustotal).toMatchObject({ found: 1, malicious: 0 });
  });
});
