// When the whole database is read at start (PRAGMA quick_check, ~1 s per GB) and when it is read in the background
// instead. A damaged file is most likely after a run that did not stop cleanly (killed, a crash, power lost): then
// it is checked before anything uses it, as always. After a clean stop the engine serves at once and a worker
// thread checks the file meanwhile (backgroundCheck.ts); what it finds is said in Diagnostics and leaves a marker,
// so that the next start checks first and moves a damaged file aside, as a damage found at start always was.
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE } from './database';

/** Beside the database: the next start must check the whole file first (the background check found or missed). */
export const CHECK_MARKER = 'check-database-at-start';

export interface StartCheckPlan {
  /** check the whole file before serving */
  full: boolean;
  /** why, in words (Diagnostics) */
  reason: string;
}

export function planStartCheck(dataDir: string, previousRunUnclean: boolean): StartCheckPlan {
  if (previousRunUnclean) return { full: true, reason: 'the last run did not stop cleanly' };
  if (fs.existsSync(path.join(dataDir, CHECK_MARKER))) {
    return { full: true, reason: 'the last check in the background asked for a check at start' };
  }
  try {
    if (fs.statSync(path.join(dataDir, `${DB_FILE}-wal`)).size > 0) {
      return { full: true, reason: 'a write-ahead log was left by a run that did not stop cleanly' };
    }
  } catch {
    // no log: the last connection closed it
  }
  return { full: false, reason: 'the last run stopped cleanly' };
}

/** The next start checks the whole file first; `why` is kept in the marker for whoever looks. */
export function askCheckAtNextStart(dataDir: string, why: string): void {
  fs.writeFileSync(path.join(dataDir, CHECK_MARKER), `${why}\n`, { mode: 0o600 });
}

/** A full check passed (or the damaged file was moved aside): no marker any more. */
export function checkDone(dataDir: string): void {
  fs.rmSync(path.join(dataDir, CHECK_MARKER), { force: true });
}
