// One engine per data directory: two would each follow the same sources and double every request. A lock file
// holds the owner's pid and, on Linux, its start time (field 22 of /proc/<pid>/stat, clock ticks since boot):
// "<pid> <start>". A lock is stale, and taken over, when its owner no longer runs (kill -9, power loss), is a zombie,
// or is another program that got the pid since: its start time differs (a lock written by an older build holds the
// pid only: then the process's command line must be FIM Verdict's).
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'engine.lock';

/** Field 22 of /proc/<pid>/stat (when the process started), or null where /proc is not there. */
export function processStartTime(pid: number): string | null {
  const fields = procStatFields(pid);
  return fields ? (fields[19] ?? null) : null;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses): state first. */
function procStatFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process killed (kill -9) stays in the process table as a zombie until its parent reaps it, and signal 0 still
 * reaches it; it holds nothing. Where the parent died too, that can last (a container's init may not reap), and a
 * restart right after the kill would be refused. Linux tells the state in /proc; elsewhere: not known, false.
 */
function isZombie(pid: number): boolean {
  const state = procStatFields(pid)?.[0];
  return state === 'Z' || state === 'X';
}

/** How FIM Verdict runs: the desktop app, its development build, or the headless CLI. */
const OUR_COMMAND_LINE = /fim[- ]verdict|headless[\\/]cli\.[cm]?[jt]s|out[\\/]main[\\/]index\.js/i;

/** A lock without a start time (an older build): is the pid's command line FIM Verdict's? Unknown: yes. */
function looksLikeUs(pid: number): boolean {
  try {
    return OUR_COMMAND_LINE.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
  } catch {
    return true; // no /proc, or not ours to read: the old rule (alive = holding)
  }
}

interface LockOwner {
  pid: number;
  start: string | null;
}

function parseLock(text: string): LockOwner | null {
  const [pid, start] = text.trim().split(/\s+/);
  const n = Number.parseInt(pid ?? '', 10);
  return Number.isInteger(n) && n > 0 ? { pid: n, start: start ?? null } : null;
}

/** Does the process named by the lock still hold it? */
function holds(owner: LockOwner): boolean {
  if (owner.pid === process.pid || !alive(owner.pid)) return false;
  const start = processStartTime(owner.pid);
  if (owner.start !== null && start !== null) return start === owner.start;
  return looksLikeUs(owner.pid);
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another FIM Verdict (pid ${pid}) is already using ${dataDir}: stop it, or pass another --data-dir`);
    this.name = 'DataDirLockedError';
  }
}

/** What this process writes in its lock. */
function ownLock(): string {
  const start = processStartTime(process.pid);
  return start === null ? String(process.pid) : `${process.pid} ${start}`;
}

export interface DataDirLock {
  release(): void;
  /**
   * The lock of an earlier run was still there, its owner gone: that run did not stop cleanly (killed, a crash,
   * power lost). A clean stop (and the forced exit, which closes the database first) removes its lock.
   */
  previousRunUnclean: boolean;
}

/** Take the lock (or throw DataDirLockedError); returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  return takeDataDirLock(dataDir).release;
}

/** Take the lock (or throw DataDirLockedError), and tell whether the run before this one stopped cleanly. */
export function takeDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  let previousRunUnclean = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, ownLock());
      fs.closeSync(fd);
      const release = () => {
        try {
          if (parseLock(fs.readFileSync(file, 'utf8'))?.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      return { release, previousRunUnclean };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
        throw e;
      }
      const owner = parseLock(text);
      if (owner && holds(owner)) throw new DataDirLockedError(dataDir, owner.pid);
      fs.rmSync(file, { force: true }); // stale: its owner is gone, or the pid is another program's now
      previousRunUnclean = true;
    }
  }
  throw new Error(`cannot lock ${dataDir}`);
}
