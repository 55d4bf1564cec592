// Opening a source file: a FIFO, a socket or a device is refused, and the open itself never blocks (a FIFO put in
// place between the look and the open opens at once and is refused on its handle).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NotRegularFileError,
  openChecked,
  openRegularFile,
  sourcePathProblem,
} from '../../../../../electron/core/sources/file/regularFile';
import { makeTempDir } from '../../../../helpers/tempDir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function dir(): string {
  const t = makeTempDir('fimv-regular-');
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('openRegularFile', () => {
  it('opens a regular file', async () => {
    const f = path.join(dir(), 'alerts.json');
    fs.writeFileSync(f, '{}\n');
    const fh = await openRegularFile(f);
    expect((await fh.readFile('utf8')).trim()).toBe('{}');
    await fh.close();
  });

  it('refuses a FIFO, a device, a folder, saying what it is', async () => {
    const d = dir();
    const fifo = path.join(d, 'f');
    execFileSync('mkfifo', [fifo]);
    await expect(openRegularFile(fifo)).rejects.toThrow(`${fifo} is not a regular file (it is a FIFO (named pipe))`);
    await expect(openRegularFile('/dev/zero')).rejects.toThrow('it is a character device');
    await expect(openRegularFile(d)).rejects.toBeInstanceOf(NotRegularFileError);
    await expect(openRegularFile(path.join(d, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the open itself returns at once on a FIFO (no writer) and refuses its handle', async () => {
    const fifo = path.join(dir(), 'f');
    execFileSync('mkfifo', [fifo]);
    // a blocking open would never settle: the test would time out instead of failing
    await expect(openChecked(fifo)).rejects.toThrow('is not a regular file (it is a FIFO (named pipe))');
  });

  it('refuses a socket', async () => {
    const sock = path.join(dir(), 's');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    await expect(openRegularFile(sock)).rejects.toThrow('it is a socket');
    await expect(openChecked(sock)).rejects.toBeInstanceOf(NotRegularFileError); // ENXIO on open
  });
});

describe('sourcePathProblem', () => {
  it('a file, a folder or a missing path can be a source; a FIFO, or a folder whose alerts.json is one, cannot', () => {
    const d = dir();
    const file = path.join(d, 'alerts.json');
    fs.writeFileSync(file, '');
    expect(sourcePathProblem(file, file)).toBeNull();
    expect(sourcePathProblem(path.join(d, 'later.json'), null)).toBeNull();
    const folder = path.join(d, 'logs');
    fs.mkdirSync(folder);
    expect(sourcePathProblem(folder, path.join(folder, 'alerts.json'))).toBeNull();
    execFileSync('mkfifo', [path.join(folder, 'alerts.json')]);
    expect(sourcePathProblem(folder, path.join(folder, 'alerts.json'))).toMatch(/alerts\.json is not a regular file/);
    fs.rmSync(path.join(folder, 'alerts.json'));
    fs.mkdirSync(path.join(folder, 'alerts.json'));
    expect(sourcePathProblem(folder, path.join(folder, 'alerts.json'))).toMatch(/it is a folder/);
    expect(sourcePathProblem('/dev/urandom', '/dev/urandom')).toMatch(/character device/);
  });
});
