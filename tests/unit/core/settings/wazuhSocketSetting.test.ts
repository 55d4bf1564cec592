// The wazuhSocket setting: its shape (shared/settings.ts), the path check the local user gets (queueSocketPath.ts),
// and the settings service: --wazuh-socket wins for its run over the stored value, the HTTP API may not change it,
// the desktop app (IPC) may, and every saved change is told to the listeners (the output re-points from there).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings, wazuhSocketShapeProblem } from '../../../../shared/settings';
import { openDatabase } from '../../../../electron/core/db/database';
import { wazuhSocketPathProblem } from '../../../../electron/core/output/queueSocketPath';
import { SettingsService, type SettingsChange } from '../../../../electron/core/settings/settingsService';
import { memorySecretStore } from '../../../helpers/engine';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function service(transport: 'ipc' | 'http', flags: { wazuhSocket?: string } = {}, dir?: string) {
  let dataDir = dir;
  if (!dataDir) {
    const t = makeTempDir('fimv-wqset-');
    cleanups.push(t.cleanup);
    dataDir = t.dir;
  }
  const opened = openDatabase(dataDir);
  cleanups.push(() => opened.db.close());
  const s = new SettingsService({
    db: opened.db,
    flags,
    secrets: memorySecretStore(),
    transport,
    newDatabase: opened.created,
    mirror: { save: () => {} },
  });
  const changes: SettingsChange[] = [];
  s.onChange((c) => changes.push(c));
  return { s, changes, dataDir };
}

describe('the wazuhSocket setting', () => {
  it('is off by default; an absolute path without control characters, at most 107 bytes', () => {
    expect(DEFAULT_SETTINGS.wazuhSocket).toBeNull();
    const parse = (wazuhSocket: unknown) => Settings.safeParse({ ...DEFAULT_SETTINGS, wazuhSocket }).success;
    expect(parse('/var/wazuh-manager/queue/sockets/queue-http.sock')).toBe(true);
    expect(parse('  /run/q.sock  ')).toBe(true); // trimmed
    expect(parse('queue-http.sock')).toBe(false);
    expect(parse('')).toBe(false);
    expect(parse(3)).toBe(false);
    expect(wazuhSocketShapeProblem('/run/q\u0000.sock')).toMatch(/control characters/);
    expect(wazuhSocketShapeProblem('/run/q\u202e.sock')).toMatch(/control characters/);
    expect(wazuhSocketShapeProblem(`/${'é'.repeat(54)}`)).toMatch(/at most 107 bytes; this one has 109/); // bytes, not characters
    expect(wazuhSocketShapeProblem(`/${'é'.repeat(53)}`)).toBeNull();
  });

  it('the local user may name a socket, or a path with nothing there yet; not a file or a folder', async () => {
    const t = makeTempDir('fimv-wqpath-');
    cleanups.push(t.cleanup);
    const socketPath = path.join(t.dir, 'q.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    expect(wazuhSocketPathProblem(socketPath)).toBeNull();
    expect(wazuhSocketPathProblem(path.join(t.dir, 'absent.sock'))).toBeNull();
    fs.writeFileSync(path.join(t.dir, 'file'), '');
    expect(wazuhSocketPathProblem(path.join(t.dir, 'file'))).toMatch(/not a socket/);
    expect(wazuhSocketPathProblem(t.dir)).toMatch(/it is a folder/);
  });

  it('the desktop app sets, changes and removes it, each change told; the HTTP API may not', () => {
    const { s, changes } = service('ipc');
    s.change({ wazuhSocket: '/run/a.sock' });
    expect(s.current().wazuhSocket).toBe('/run/a.sock');
    expect(changes.at(-1)?.settings.wazuhSocket).toBe('/run/a.sock');
    s.change({ wazuhSocket: null });
    expect(changes.at(-1)?.settings.wazuhSocket).toBeNull();
    expect(() => s.change({ wazuhSocket: 'relative.sock' })).toThrow(/not an absolute path/);
    expect(s.view().lockedOverHttp).toEqual([]);

    const http = service('http');
    expect(() => http.s.change({ wazuhSocket: '/run/a.sock' })).toThrow(/--wazuh-socket/);
    expect(http.s.current().wazuhSocket).toBeNull();
    expect(http.changes).toHaveLength(0);
    expect(http.s.view().lockedOverHttp).toContain('wazuhSocket');
  });

  it('--wazuh-socket wins for its run; the stored value is kept for a run without it', () => {
    const t = makeTempDir('fimv-wqflag-');
    cleanups.push(t.cleanup);
    const withFlag = service('ipc', { wazuhSocket: '/run/flag.sock' }, t.dir);
    withFlag.s.change({ wazuhSocket: '/run/stored.sock' });
    expect(withFlag.s.current().wazuhSocket).toBe('/run/flag.sock');
    expect(withFlag.s.stored().wazuhSocket).toBe('/run/stored.sock');
    expect(withFlag.s.overriddenByFlags()).toContain('wazuhSocket');
    withFlag.s.change({ threshold: 2 });
    expect(withFlag.changes.at(-1)?.settings.wazuhSocket).toBe('/run/flag.sock');
    cleanups.pop()?.(); // close this run's database
    const without = service('ipc', {}, t.dir);
    expect(without.s.current().wazuhSocket).toBe('/run/stored.sock');
    expect(without.s.overriddenByFlags()).not.toContain('wazuhSocket');
  });
});
