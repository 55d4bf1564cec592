// One engine per data directory: two would each follow the same sources and double every request. A lock file
// holds the owner's pid; a lock left by a process that no longer runs (kill -9, power loss) is taken over.
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'engine.lock';

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
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
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

/** Take the lock (or throw DataDirLockedError); returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataDirLockedError(dataDir, pid);
      fs.rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`cannot lock ${dataDir}`);
}
