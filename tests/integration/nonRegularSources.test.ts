// A FIFO, a socket or a device as a source, against a real headless process. Opening a FIFO for reading blocked
// one of libuv's four file-I/O threads for good: with four of them nothing else was read, the UI stopped answering,
// and SIGINT never finished. Now only regular files (and folders) are sources: refused when added over HTTP,
// an error state when given with --alerts or when a path turns into one later, and a stop always ends.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus, Stats } from '../../shared/contract';
import { LOCK_FILE } from '../../electron/core/dataDirLock';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startHeadless, waitUntil, type HeadlessProcess } from '../helpers/headlessProcess';
import { makeTempDir } from '../helpers/tempDir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const t = makeTempDir('fimv-nonregular-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function fifo(p: string): string {
  execFileSync('mkfifo', [p]);
  return p;
}

async function socketAt(p: string): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(p, resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return p;
}

async function start(args: string[]): Promise<HeadlessProcess> {
  const h = await startHeadless(args);
  cleanups.push(() => h.stop());
  return h;
}

async function post(h: HeadlessProcess, body: unknown): Promise<{ status: number; message: string }> {
  const res = await fetch(new URL('/api/sources', h.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const json = (await res.json()) as { error?: { message: string } };
  return { status: res.status, message: json.error?.message ?? '' };
}

async function healthy(h: HeadlessProcess): Promise<void> {
  const res = await fetch(new URL('/api/health', h.url), { signal: AbortSignal.timeout(1000) });
  expect(res.status).toBe(200);
}

/** SIGTERM as systemd sends it: exit 0, within the 10 s deadline, the lock released. */
async function stopsCleanly(h: HeadlessProcess, dataDir: string): Promise<void> {
  const started = Date.now();
  const code = await h.kill('SIGTERM');
  expect(code, h.stderr()).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
}

const sourceAt = (sources: SourceStatus[], p: string) => sources.find((s) => s.path === p);

describe('sources that are not regular files', () => {
  it('are refused when added over HTTP, with what they are', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'logs-alerts');
    fs.mkdirSync(folder);
    fifo(path.join(folder, 'alerts.json'));
    const cases: [string, RegExp][] = [
      [fifo(path.join(dir, 'alerts.fifo')), /alerts\.fifo is not a regular file \(it is a FIFO \(named pipe\)\)/],
      [await socketAt(path.join(dir, 'alerts.sock')), /alerts\.sock is not a regular file \(it is a socket\)/],
      ['/dev/zero', /\/dev\/zero is not a regular file \(it is a character device\)/],
      ['/dev/urandom', /\/dev\/urandom is not a regular file \(it is a character device\)/],
      [folder, /logs-alerts\/alerts\.json is not a regular file \(it is a FIFO \(named pipe\)\)/],
      // no file can have a NUL in its path: refused, not kept as a source that fails at every retry
      [path.join(dir, 'a\u0000b.json'), /cannot hold a NUL character/],
    ];
    const dataDir = path.join(dir, 'data');
    const h = await start(['--data-dir', dataDir]);
    for (const [p, message] of cases) {
      const r = await post(h, { path: p, fromEnd: false });
      expect(r.status, p).toBe(400);
      expect(r.message, p).toMatch(message);
    }
    expect(await h.api<SourceStatus[]>('/api/sources')).toEqual([]);
    await healthy(h);
    await stopsCleanly(h, dataDir);
  });

  it('the app’s own data folder is no source: its files (the keys, the database) are refused, links to them too', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const h = await start(['--data-dir', dataDir]);
    await h.api('/api/settings', { method: 'PUT', body: { apiKey: 'k'.repeat(64) } });
    const keyFile = 'vt-api-key';
    expect(fs.existsSync(path.join(dataDir, keyFile))).toBe(true);
    fs.symlinkSync(path.join(dataDir, keyFile), path.join(dir, 'looks-like-alerts.json'));
    fs.symlinkSync(dataDir, path.join(dir, 'logs'));
    for (const p of [
      path.join(dataDir, keyFile),
      path.join(dataDir, 'fim-verdict.sqlite'),
      dataDir,
      path.join(dataDir, 'not-yet', 'alerts.json'),
      path.join(dir, 'other', '..', 'data', keyFile),
      path.join(dir, 'looks-like-alerts.json'), // a link to the key file
      path.join(dir, 'logs', 'alerts.json'), // through a link to the folder
    ]) {
      const r = await post(h, { path: p, fromEnd: false });
      expect(r.status, p).toBe(400);
      expect(r.message, p).toMatch(/is in FIM Verdict's own data folder: its files are not Wazuh alerts/);
    }
    expect(await h.api<SourceStatus[]>('/api/sources')).toEqual([]);
    // beside it is fine
    const beside = path.join(dir, 'alerts.json');
    fs.writeFileSync(beside, '');
    expect((await post(h, { path: beside, fromEnd: false })).status).toBe(200);
    await stopsCleanly(h, dataDir);
  });

  it('given with --alerts: each shows the message, the engine starts, reads its real sources, and stops in time', async () => {
    const dir = tempDir();
    // more FIFOs than libuv has file-I/O threads: each used to hold one for good
    const fifos = [1, 2, 3, 4, 5].map((i) => fifo(path.join(dir, `alerts-${i}.json`)));
    const socket = await socketAt(path.join(dir, 'alerts.sock'));
    const folder = path.join(dir, 'logs-alerts');
    fs.mkdirSync(folder);
    fifo(path.join(folder, 'alerts.json'));
    const gen = new WazuhAlertGenerator({ seed: 31 });
    const real = path.join(dir, 'alerts.json');
    fs.writeFileSync(real, Array.from({ length: 20 }, () => gen.fimAlert({ event: 'modified' }) + '\n').join(''));
    const odd = [...fifos, socket, '/dev/zero', '/dev/urandom', folder];
    const dataDir = path.join(dir, 'data');
    const h = await start(['--data-dir', dataDir, ...odd.flatMap((p) => ['--alerts', p]), '--alerts', real]);

    const stats = await waitUntil(
      () => h.api<Stats>('/api/stats'),
      (s) =>
        sourceAt(s.sources, real)?.alertsRead === 20 && odd.every((p) => sourceAt(s.sources, p)?.state === 'error'),
      30_000,
      'the real source read and the others in error',
    );
    for (const p of odd) {
      const s = sourceAt(stats.sources, p)!;
      expect(s.message, p).toMatch(
        /is not a regular file \(it is (a FIFO \(named pipe\)|a socket|a character device)\)/,
      );
      expect(s.bytesRead, p).toBe(0);
    }
    expect(sourceAt(stats.sources, folder)!.message).toContain(`${folder}/alerts.json is not a regular file`);
    await healthy(h);
    // the UI is served too (static files use the same file-I/O threads)
    const page = await fetch(new URL(`/?token=${h.token}`, h.url), { signal: AbortSignal.timeout(2000) });
    expect(page.status).toBeLessThan(500);
    expect(h.stderr()).toContain('alerts-1.json is not a regular file');

    await stopsCleanly(h, dataDir);
    const again = await start(['--data-dir', dataDir]); // the lock is free: a restart starts
    await healthy(again);
    await stopsCleanly(again, dataDir);
  });

  it('a path that turns into a FIFO after it was added is refused when it is opened', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const h = await start(['--data-dir', dataDir]);
    const gen = new WazuhAlertGenerator({ seed: 32 });

    // added while missing (waited for), then created as a FIFO
    const later = path.join(dir, 'later.json');
    expect((await post(h, { path: later, fromEnd: false })).status).toBe(200);
    fifo(later);
    // followed as a regular file, then replaced by a FIFO (as a rotation would replace it)
    const swapped = path.join(dir, 'swapped.json');
    fs.writeFileSync(swapped, gen.fimAlert({ event: 'added' }) + '\n');
    expect((await post(h, { path: swapped, fromEnd: false })).status).toBe(200);
    await waitUntil(
      () => h.api<Stats>('/api/stats'),
      (s) => sourceAt(s.sources, swapped)?.alertsRead === 1,
      20_000,
      'the regular file read',
    );
    fs.renameSync(swapped, `${swapped}.1`);
    fifo(swapped);

    const stats = await waitUntil(
      () => h.api<Stats>('/api/stats'),
      (s) => [later, swapped].every((p) => /is not a regular file/.test(sourceAt(s.sources, p)?.message ?? '')),
      20_000,
      'both refused at open',
    );
    for (const p of [later, swapped]) {
      expect(sourceAt(stats.sources, p)!.state).toBe('error');
      expect(sourceAt(stats.sources, p)!.message).toBe(
        `${p} is not a regular file (it is a FIFO (named pipe)): only alert files (alerts.json, alerts.log) and logs/alerts folders are read`,
      );
    }
    await healthy(h);
    await stopsCleanly(h, dataDir);
  });
});
