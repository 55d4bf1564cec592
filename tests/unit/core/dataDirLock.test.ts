import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir, processStartTime } from '../../../electron/core/dataDirLock';
import { startHeadless } from '../../helpers/headlessProcess';
import { makeTempDir } from '../../helpers/tempDir';

let cleanup = () => {};
afterEach(() => cleanup());

/** The pid named by a lock file ("<pid> <start time>", or the pid alone from an older build). */
const lockPid = (dir: string) => Number.parseInt(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'), 10);
const linuxOnly = it.skipIf(process.platform !== 'linux');

describe('one engine per data directory', () => {
  it('refuses a second owner while the first runs, and names it', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const release = lockDataDir(t.dir);
    // a live process other than us holds it: pretend with our parent's pid (and start time, as a holder writes it)
    fs.writeFileSync(path.join(t.dir, LOCK_FILE), `${process.ppid} ${processStartTime(process.ppid) ?? ''}`);
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
    expect(lockPid(t.dir)).toBe(process.pid);
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
        expect(lockPid(t.dir)).toBe(process.pid);
        release();
      } finally {
        holder.kill('SIGKILL');
      }
    },
  );

  linuxOnly('writes its pid and its start time', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const release = lockDataDir(t.dir);
    expect(fs.readFileSync(path.join(t.dir, LOCK_FILE), 'utf8')).toBe(
      `${process.pid} ${processStartTime(process.pid)}`,
    );
    release();
    expect(fs.existsSync(path.join(t.dir, LOCK_FILE))).toBe(false);
  });

  linuxOnly(
    'takes over a lock whose pid now belongs to another program (another start time, or not FIM Verdict)',
    async () => {
      const t = makeTempDir();
      cleanup = t.cleanup;
      const other = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        await new Promise((resolve) => other.once('spawn', resolve));
        const pid = other.pid!;
        const start = processStartTime(pid)!;
        // a FIM Verdict that crashed, whose pid the `sleep` got: the start time in the lock is not the sleep's
        fs.writeFileSync(path.join(t.dir, LOCK_FILE), `${pid} ${Number(start) - 1000}`);
        let release = lockDataDir(t.dir);
        expect(lockPid(t.dir)).toBe(process.pid);
        release();
        // a lock from an older build (the pid alone): the process's command line is not FIM Verdict's
        fs.writeFileSync(path.join(t.dir, LOCK_FILE), String(pid));
        release = lockDataDir(t.dir);
        expect(lockPid(t.dir)).toBe(process.pid);
        release();
      } finally {
        other.kill('SIGKILL');
      }
    },
  );

  linuxOnly('a live FIM Verdict engine keeps its lock: a second one is refused with the usual message', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const dataDir = path.join(t.dir, 'data');
    const engine = await startHeadless(['--data-dir', dataDir]);
    try {
      expect(lockPid(dataDir)).toBe(engine.child.pid);
      expect(() => lockDataDir(dataDir)).toThrow(
        `another FIM Verdict (pid ${engine.child.pid}) is already using ${dataDir}: stop it, or pass another --data-dir`,
      );
      // an older build's lock (the pid alone) names a process whose command line is FIM Verdict's: refused too
      fs.writeFileSync(path.join(dataDir, LOCK_FILE), String(engine.child.pid));
      expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    } finally {
      await engine.stop();
    }
  });
});
