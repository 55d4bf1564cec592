import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../../electron/core/dataDirLock';
import { makeTempDir } from '../../helpers/tempDir';

let cleanup = () => {};
afterEach(() => cleanup());

describe('one engine per data directory', () => {
  it('refuses a second owner while the first runs, and names it', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const release = lockDataDir(t.dir);
    // a live process other than us holds it: pretend with our parent's pid
    fs.writeFileSync(path.join(t.dir, LOCK_FILE), String(process.ppid));
    expect(() => lockDataDir(t.dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(t.dir)).toThrow(/already using .*pass another --data-dir/);
    fs.writeFileSync(path.join(t.dir, LOCK_FILE), String(process.pid));
    release();
    expect(fs.existsSync(path.join(t.dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that is gone (kill -9)', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(t.dir, LOCK_FILE), dead);
    const release = lockDataDir(t.dir);
    expect(fs.readFileSync(path.join(t.dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    release();
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose owner was killed but not reaped yet (a zombie)',
    async () => {
      const t = makeTempDir();
      cleanup = t.cleanup;
      // `sleep 0` exits at once, and its parent (exec'd into `sleep 3`) never reaps it: a zombie for 3 s
      const holder = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 3'], { stdio: ['ignore', 'pipe', 'ignore'] });
      try {
        const zombie = Number(
          await new Promise<string>((resolve) => holder.stdout.once('data', (d) => resolve(String(d)))),
        );
        await new Promise((r) => setTimeout(r, 200)); // `sleep 0` has exited by now
        expect(fs.readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
        fs.writeFileSync(path.join(t.dir, LOCK_FILE), String(zombie));
        const release = lockDataDir(t.dir);
        expect(fs.readFileSync(path.join(t.dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
        release();
      } finally {
        holder.kill('SIGKILL');
      }
    },
  );
});
