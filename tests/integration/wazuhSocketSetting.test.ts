// The Wazuh 5 queue socket as a setting: the local user (the desktop app's Settings, IPC) sets it and the engine
// starts posting verdicts to it, changes it and what waited goes to the new socket (the outbox in SQLite is kept),
// removes it and nothing more is queued; --wazuh-socket wins over the stored value for its run; and over the HTTP
// API (PUT /api/settings) it is refused with a 403 saying where it is set, changing nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract';
import { startHttpServer } from '../../electron/headless/server';
import { startWazuhQueueSocket, type QueueSocketServer } from '../emulator/wazuhQueueSocket';
import { startVtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { GOOD_KEY, startTestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function stand() {
  const t = makeTempDir('fimv-wqs-');
  cleanups.push(t.cleanup);
  const vt = await startVtEmulator({ apiKeys: [GOOD_KEY], perMinute: null });
  cleanups.push(() => vt.close());
  const socket = async (name: string): Promise<QueueSocketServer> => {
    const q = await startWazuhQueueSocket({ socketPath: path.join(t.dir, name) });
    cleanups.push(() => q.close());
    return q;
  };
  const file = vt.addFile({ sha256: 'ab'.repeat(32), malicious: 5, undetected: 60, harmless: 2 });
  const gen = new WazuhAlertGenerator({ seed: 21 });
  const alerts = path.join(t.dir, 'alerts.json');
  fs.writeFileSync(alerts, '');
  let written = 0;
  const write = (n: number) => {
    const lines = Array.from({ length: n }, () =>
      gen.fimAlert({ event: 'modified', hashes: { md5: file.md5!, sha1: file.sha1!, sha256: file.sha256 } }),
    );
    fs.appendFileSync(alerts, lines.join('\n') + '\n');
    written += n;
    return written;
  };
  const options = {
    dataDir: path.join(t.dir, 'data'),
    sources: [{ path: alerts, fromEnd: false }],
    vtBaseUrl: vt.url,
    apiKeyFromEnv: GOOD_KEY,
    quota: { perMinute: 1000, perDay: 100_000, perMonth: 1_000_000 },
  };
  return { dir: t.dir, socket, write, options };
}

describe('the Wazuh 5 queue socket setting', () => {
  it('set by the local user: posting starts; changed: what waited goes to the new socket; removed: off', async () => {
    const s = await stand();
    const a = await s.socket('a.sock');
    const b = await s.socket('b.sock');
    const e = await startTestEngine({ ...s.options, transport: 'ipc' });
    cleanups.push(() => e.stop());
    expect((await e.h.getSettings({})).wazuhSocket).toBeNull();
    expect((await e.stats()).wazuhQueue).toBeNull();

    // a bad path is refused with its reason, and nothing changes
    const put = async (update: Parameters<typeof e.h.putSettings>[0]) => e.h.putSettings(update);
    await expect(put({ wazuhSocket: 'queue-http.sock' })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/not an absolute path/),
    });
    await expect(put({ wazuhSocket: path.join(s.dir, 'data') })).rejects.toMatchObject({
      message: expect.stringMatching(/it is a folder/),
    });
    expect((await e.h.getSettings({})).wazuhSocket).toBeNull();

    // set: the verdicts known from now on are posted there
    expect((await e.h.putSettings({ wazuhSocket: a.socketPath })).wazuhSocket).toBe(a.socketPath);
    let n = s.write(4);
    let st = await e.until((x) => x.alertsRead === n && x.wazuhQueue?.sent === 4, 20_000, 'posted to a');
    expect(st.wazuhQueue).toMatchObject({ socket: a.socketPath, pending: 0, state: 'idle' });
    expect(a.events).toHaveLength(4);

    // the socket goes away: the verdicts wait in SQLite; pointed at another socket, they go there at once
    await a.goAway();
    n = s.write(3);
    await e.until((x) => x.wazuhQueue?.pending === 3 && x.wazuhQueue.state === 'retrying', 20_000, 'waiting for a');
    await e.h.putSettings({ wazuhSocket: b.socketPath });
    st = await e.until((x) => x.wazuhQueue?.sent === 7, 20_000, 're-pointed to b');
    expect(st.wazuhQueue).toMatchObject({ socket: b.socketPath, pending: 0, setAside: 0, state: 'idle' });
    expect(b.events).toHaveLength(3);
    expect(a.events).toHaveLength(4);
    expect((await e.h.getDiagnostics({})).notices.join('\n')).not.toMatch(/Wazuh 5 queue socket/);

    // removed: no status, and the alerts read meanwhile are not queued
    expect((await e.h.putSettings({ wazuhSocket: null })).wazuhSocket).toBeNull();
    n = s.write(2);
    st = await e.until((x) => x.alertsRead === n && x.queue === 0, 20_000, 'read while off');
    expect(st.wazuhQueue).toBeNull();
    await e.h.putSettings({ wazuhSocket: b.socketPath });
    st = await e.stats();
    expect(st.wazuhQueue).toMatchObject({ socket: b.socketPath, pending: 0, sent: 7 });
    // on again: a new alert of the file is posted, and with it those of the file read while it was off (the rule
    // for alerts whose verdict was known before the socket was set: docs/INDEXER-SOURCE.md)
    n = s.write(1);
    await e.until((x) => x.alertsRead === n && x.wazuhQueue?.sent === 10, 20_000, 'on again');
    expect(b.events).toHaveLength(6);
  });

  it('--wazuh-socket wins over the stored setting for its run; the stored one applies without the flag', async () => {
    const s = await stand();
    const flag = await s.socket('flag.sock');
    const stored = await s.socket('stored.sock');
    let e = await startTestEngine({ ...s.options, transport: 'ipc', wazuhSocket: flag.socketPath });
    cleanups.push(() => e.stop());
    const view = await e.h.putSettings({ wazuhSocket: stored.socketPath });
    expect(view.wazuhSocket).toBe(flag.socketPath);
    const settings = await e.h.getSettings({});
    expect(settings.overriddenByFlags).toContain('wazuhSocket');
    let n = s.write(2);
    await e.until((x) => x.alertsRead === n && x.wazuhQueue?.sent === 2, 20_000, 'posted to the flag’s socket');
    expect(flag.events).toHaveLength(2);
    expect(stored.events).toHaveLength(0);

    await e.stop();
    e = await startTestEngine({ ...s.options, transport: 'ipc' });
    expect((await e.h.getSettings({})).wazuhSocket).toBe(stored.socketPath);
    n = s.write(1);
    await e.until((x) => x.alertsRead === n && x.wazuhQueue?.sent === 3, 20_000, 'posted to the stored socket');
    expect(stored.events).toHaveLength(1);
  });
});

describe('the Wazuh 5 queue socket over the HTTP API', () => {
  it('is refused (403, saying where it is set), whatever the value; nothing changes', async () => {
    const s = await stand();
    const q = await s.socket('queue-http.sock');
    const e = await startTestEngine({ ...s.options, wazuhSocket: q.socketPath });
    cleanups.push(() => e.stop());
    const token = 'q'.repeat(40);
    const server = await startHttpServer({ backend: e.engine.backend, token, port: 0, staticDir: null });
    cleanups.push(() => server.close());
    const call = async (method: 'GET' | 'PUT', body?: unknown) => {
      const res = await fetch(new URL('/api/settings', server.url), {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: res.status,
        json: (await res.json()) as ApiOutput<'getSettings'> & { error?: { message: string } },
      };
    };
    const before = (await call('GET')).json;
    expect(before.wazuhSocket).toBe(q.socketPath);
    expect(before.lockedOverHttp).toContain('wazuhSocket');
    for (const wazuhSocket of [path.join(s.dir, 'attacker.sock'), '/dev/log', null]) {
      const refused = await call('PUT', { wazuhSocket, threshold: 7 });
      expect(refused.status).toBe(403);
      expect(String(refused.json.error?.message)).toMatch(/--wazuh-socket .* desktop app/);
    }
    // the same value sent back by a form is "unchanged"
    expect((await call('PUT', { wazuhSocket: q.socketPath, threshold: 2 })).status).toBe(200);
    const after = (await call('GET')).json;
    expect(after.wazuhSocket).toBe(q.socketPath);
    expect(after.threshold).toBe(2); // the refused updates changed nothing, not even their other fields
    const n = s.write(1);
    const st = await e.until((x) => x.alertsRead === n && x.wazuhQueue?.sent === 1, 20_000, 'still posting');
    expect(st.wazuhQueue?.socket).toBe(q.socketPath);
  });
});
