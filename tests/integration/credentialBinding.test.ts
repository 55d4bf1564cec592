// Issue 9, "the key leaves with the token": a token holder moves the VirusTotal base URL over the HTTP API and waits
// for the next look-up to carry x-apikey there. A credential is bound to the destination it was given for: these
// tests run the real headless process, play the token holder over HTTP, and count what each server received.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadless, waitUntil, type HeadlessProcess } from '../helpers/headlessProcess';
import { GOOD_KEY, startTestEngine } from '../helpers/engine';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import type { Stats } from '../../shared/contract';
import { DEFAULT_SETTINGS, type SettingsView } from '../../shared/settings';

const ATTACKER_KEY = 'b'.repeat(64);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-bind-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function emulator(keys: string[]): Promise<VtEmulator> {
  const vt = await startVtEmulator({ apiKeys: keys, perMinute: null });
  cleanups.push(() => vt.close());
  return vt;
}

async function headless(args: string[], env: Record<string, string> = {}): Promise<HeadlessProcess> {
  const h = await startHeadless(args, env);
  cleanups.push(() => h.stop());
  return h;
}

/** PUT /api/settings as the token holder; the status and the body, whatever they are. */
async function put(h: HeadlessProcess, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(new URL('/api/settings', h.url), {
    method: 'PUT',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The desktop app's own Settings (IPC): the local user chooses `baseUrl` for the data directory. */
async function chooseLocally(dataDir: string, update: Record<string, unknown>): Promise<void> {
  const t = await startTestEngine({ dataDir, transport: 'ipc' });
  await t.h.putSettings(update);
  await t.stop();
}

/** Until `h` has stored `fimEvents` FIM events and has nothing queued or out: their look-ups are done. */
async function lookedUp(h: HeadlessProcess, fimEvents: number, what: string): Promise<void> {
  await waitUntil(
    () => h.api<Stats>('/api/stats'),
    (s) => s.fimEvents === fimEvents && s.queue === 0 && s.inFlight === 0,
    20_000,
    what,
  );
}

function appendFim(file: string, seed: number, hash: string): void {
  const line = new WazuhAlertGenerator({ seed }).fimAlert({
    event: 'added',
    hashes: { md5: null, sha1: null, sha256: hash },
  });
  fs.appendFileSync(file, `${line}\n`);
}

describe('the VirusTotal key is sent only where the local user chose', () => {
  it('a base URL moved over HTTP is refused (403, saying where it can be changed), and the key stays home', async () => {
    const dir = tempDir();
    const home = await emulator([GOOD_KEY]);
    const attacker = await emulator([]);
    const alerts = path.join(dir, 'alerts.json');
    fs.writeFileSync(alerts, '');
    await chooseLocally(path.join(dir, 'data'), { baseUrl: home.url });
    const h = await headless(['--data-dir', path.join(dir, 'data'), '--alerts', alerts], { VT_API_KEY: GOOD_KEY });

    for (const baseUrl of [attacker.url, `${attacker.url}/`, 'http://attacker.example']) {
      const refused = await put(h, { baseUrl });
      expect(refused.status, baseUrl).toBe(403);
      const error = refused.json.error as { code: string; message: string; fields: Record<string, string> };
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/--vt-url/);
      expect(error.message).toMatch(/desktop app/);
      expect(error.fields.baseUrl).toBeTruthy();
    }
    // a key removed in the same request is not "the key to use there"
    expect((await put(h, { baseUrl: attacker.url, apiKey: null })).status).toBe(403);
    // the form sends every field: the same address is no change
    expect((await put(h, { baseUrl: home.url, threshold: 2 })).status).toBe(200);

    appendFim(alerts, 1, '1'.repeat(64));
    await lookedUp(h, 1, 'the look-up');
    expect(home.requests.filter((r) => r.kind === 'file').map((r) => r.key)).toEqual([GOOD_KEY]);
    expect(attacker.requests).toEqual([]);
  });

  it('with the key to use there, the address changes; the key from VT_API_KEY never goes there, even after a restart', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const home = await emulator([GOOD_KEY]);
    const attacker = await emulator([ATTACKER_KEY]);
    const alerts = path.join(dir, 'alerts.json');
    fs.writeFileSync(alerts, '');
    await chooseLocally(data, { baseUrl: home.url });
    let h = await headless(['--data-dir', data, '--alerts', alerts], { VT_API_KEY: GOOD_KEY });

    const moved = await put(h, { baseUrl: attacker.url, apiKey: ATTACKER_KEY });
    expect(moved.status).toBe(200);
    expect((moved.json as unknown as SettingsView).baseUrl).toBe(attacker.url);
    appendFim(alerts, 2, '2'.repeat(64));
    await lookedUp(h, 1, 'the look-up at the new address');

    await h.stop();
    h = await headless(['--data-dir', data, '--alerts', alerts], { VT_API_KEY: GOOD_KEY });
    await h.api('/api/rescan', { method: 'POST', body: { hash: '2'.repeat(64) } });
    appendFim(alerts, 3, '3'.repeat(64));
    await lookedUp(h, 2, 'the look-ups after the restart');
    const keysSeen = attacker.requests.map((r) => r.key);
    expect(keysSeen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(keysSeen)).toEqual(new Set([ATTACKER_KEY]));
    expect(home.requests).toEqual([]);
  });

  it('without a key for it, an address set over HTTP gets no key at all, and the status says why', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const attacker = await emulator([]);
    // an address set over HTTP with a key, then that key removed: VT_API_KEY must not fill the gap
    let h = await headless(['--data-dir', data]);
    expect((await put(h, { baseUrl: attacker.url, apiKey: ATTACKER_KEY })).status).toBe(200);
    expect((await put(h, { apiKey: null })).status).toBe(200);
    await h.stop();
    h = await headless(['--data-dir', data], { VT_API_KEY: GOOD_KEY });
    const stats = await h.api<Stats>('/api/stats');
    expect(stats.vtStatus).toBe('no-key');
    expect(stats.vtStatusMessage).toMatch(/set over the HTTP API: the key in VT_API_KEY is not sent there/);
    await h.api('/api/settings/test-key', { method: 'POST', body: {} });
    expect(attacker.requests).toEqual([]);
  });

  it('saving the desktop app’s Settings with the address unchanged does not choose an address set over HTTP', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const attacker = await emulator([ATTACKER_KEY]);
    const alerts = path.join(dir, 'alerts.json');
    fs.writeFileSync(alerts, '');
    let h = await headless(['--data-dir', data]);
    expect((await put(h, { baseUrl: attacker.url, apiKey: ATTACKER_KEY })).status).toBe(200);
    await h.stop();
    // the analyst opens the desktop app and changes only the theme: its form sends every setting back, both addresses
    // too (renderer/src/views/settings/settingsForm.ts)
    const local = await startTestEngine({ dataDir: data, transport: 'ipc' });
    const shown = (await local.h.getSettings({})) as unknown as Record<string, unknown>;
    const update = { ...Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, shown[k]])), theme: 'dark' };
    expect(update).toMatchObject({ baseUrl: attacker.url, malwareBazaarUrl: DEFAULT_SETTINGS.malwareBazaarUrl });
    await local.h.putSettings(update as never);
    await local.stop();

    h = await headless(['--data-dir', data, '--alerts', alerts], { VT_API_KEY: GOOD_KEY });
    appendFim(alerts, 5, '5'.repeat(64));
    await lookedUp(h, 1, 'the look-up');
    expect(new Set(attacker.requests.map((r) => r.key))).toEqual(new Set([ATTACKER_KEY]));
    // changing it there is choosing it: the key from VT_API_KEY goes to the address the analyst typed
    await h.stop();
    const home = await emulator([GOOD_KEY]);
    await chooseLocally(data, { baseUrl: home.url });
    h = await headless(['--data-dir', data, '--alerts', alerts], { VT_API_KEY: GOOD_KEY });
    appendFim(alerts, 6, '6'.repeat(64));
    await lookedUp(h, 2, 'the look-up at home');
    expect(home.requests.filter((r) => r.kind === 'file').map((r) => r.key)).toEqual([GOOD_KEY]);
  });

  it('--vt-url is the local user’s choice for this run: the key goes there, whatever was saved over HTTP', async () => {
    const dir = tempDir();
    const home = await emulator([GOOD_KEY]);
    const attacker = await emulator([ATTACKER_KEY]);
    const alerts = path.join(dir, 'alerts.json');
    fs.writeFileSync(alerts, '');
    const h = await headless(['--data-dir', path.join(dir, 'data'), '--alerts', alerts, '--vt-url', home.url], {
      VT_API_KEY: GOOD_KEY,
    });
    expect((await put(h, { baseUrl: attacker.url, apiKey: ATTACKER_KEY })).status).toBe(200);
    appendFim(alerts, 4, '4'.repeat(64));
    await lookedUp(h, 1, 'the look-up');
    expect(home.requests.filter((r) => r.kind === 'file').map((r) => r.key)).toEqual([GOOD_KEY]);
    expect(attacker.requests).toEqual([]);
    expect(h.stderr()).toMatch(new RegExp(`look-ups go to ${home.url.replace(/[.:/]/g, '\\$&')}`));
  });
});

describe('the integration log is not a way to write files', () => {
  it('over HTTP its path cannot be set, changed or turned off', async () => {
    const dir = tempDir();
    const rc = path.join(dir, '.bashrc');
    fs.writeFileSync(rc, '# mine\n');
    const h = await headless(['--data-dir', path.join(dir, 'data')]);
    for (const integrationLog of [rc, path.join(dir, 'new.json')]) {
      const r = await put(h, { integrationLog });
      expect(r.status).toBe(403);
      const error = r.json.error as { message: string; fields: Record<string, string> };
      expect(error.message).toMatch(/--integration-log/);
      expect(error.fields.integrationLog).toBeTruthy();
    }
    const log = path.join(dir, 'vt.json');
    await h.stop();
    const h2 = await headless(['--data-dir', path.join(dir, 'data'), '--integration-log', log]);
    expect((await put(h2, { integrationLog: null })).status).toBe(403);
    expect((await put(h2, { integrationLog: log, threshold: 3 })).status).toBe(200); // unchanged: fine
    expect(fs.readFileSync(rc, 'utf8')).toBe('# mine\n');
    expect(fs.existsSync(path.join(dir, 'new.json'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')(
    'a flag path in a missing folder, through a symbolic link, or in a folder others can write is refused at start',
    async () => {
      const dir = tempDir();
      const target = path.join(dir, 'target');
      fs.writeFileSync(target, 'x');
      fs.symlinkSync(target, path.join(dir, 'link.json'));
      const open = path.join(dir, 'open');
      fs.mkdirSync(open);
      fs.chmodSync(open, 0o777);
      for (const [log, reason] of [
        [path.join(dir, 'missing', 'vt.json'), /its folder .*missing does not exist/],
        [path.join(dir, 'link.json'), /symbolic link/],
        [path.join(open, 'vt.json'), /other users can write into its folder/],
        [dir, /not a regular file/],
      ] as const) {
        await expect(startHeadless(['--data-dir', path.join(dir, 'data'), '--integration-log', log])).rejects.toThrow(
          reason,
        );
      }
      expect(fs.readFileSync(target, 'utf8')).toBe('x');
    },
  );
});
