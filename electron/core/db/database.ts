// Opens the one SQLite database: WAL, foreign keys, numbered migrations on user_version (hashed, see
// migrations.ts), and a corrupted file detected at start, moved aside and replaced by a fresh one.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_CHECKPOINT_FRAMES } from './checkpointer';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  /** set when a damaged database was moved aside and a new one created */
  recovered: { movedTo: string; reason: string } | null;
  /** no database was there: this one is new (recovered, or a first start, or the file was deleted) */
  created: boolean;
}

export interface OpenOptions {
  /** better-sqlite3 built for another ABI (the Electron copy), see electron/main/nativeBinding.ts */
  nativeBinding?: string;
  /** log statements slower than this (ms); 0 = off */
  slowQueryMs?: number;
  log?: (message: string) => void;
  /**
   * Read the whole file at open (PRAGMA quick_check: ~1 s per GB). Default true. False where the last run stopped
   * cleanly: the engine then checks it in the background (db/backgroundCheck.ts); a damaged header is still
   * found at open, as SQLite reads it.
   */
  fullCheck?: boolean;
}

export const DB_FILE = 'fim-verdict.sqlite';

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

function applyPragmas(db: Db): void {
  // a new database gives the pages retention frees back to the file system (ingest/retention.ts); on one created
  // before, this changes nothing (it would take a VACUUM) and freed pages are reused by new rows instead
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32000');
  // checkpoint every ~40 MB of WAL instead of 4 MB: a checkpoint rewrites the pages of every random-key index
  // (the hash indexes), and a large backlog would otherwise pay for one at nearly every commit (measured: -20%);
  // once the engine runs, a worker thread checkpoints instead (checkpointer.ts)
  db.pragma(`wal_autocheckpoint = ${ENGINE_CHECKPOINT_FRAMES}`);
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database was written by a newer FIM Verdict (schema ${current}, this build knows ${MIGRATIONS.length}); update the app`,
    );
  }
  // An applied migration whose text changed since is a bug we want to see at once, not a silent divergence.
  if (current > 0) {
    const applied = db.prepare('SELECT version, sha256 FROM migrations_applied').all() as {
      version: number;
      sha256: string;
    }[];
    for (const row of applied) {
      const m = MIGRATIONS.find((x) => x.version === row.version);
      if (m && migrationHash(m) !== row.sha256)
        throw new Error(`migration ${row.version} (${m.name}) changed after it was applied`);
    }
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // PRAGMA foreign_keys cannot change inside a transaction: around it
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    if (m.rebuildsTable && foreignKeys) db.pragma('foreign_keys = OFF');
    try {
      applyMigration(db, m, foreignKeys && m.rebuildsTable === true);
    } finally {
      if (m.rebuildsTable && foreignKeys) db.pragma('foreign_keys = ON');
    }
  }
}

/** One migration and its record, in one transaction. */
function applyMigration(db: Db, m: Migration, checkForeignKeys: boolean): void {
  db.transaction(() => {
    db.exec(m.sql);
    if (checkForeignKeys) {
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration ${m.version} (${m.name}) broke ${broken.length} reference(s)`);
    }
    db.prepare('INSERT INTO migrations_applied (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)').run(
      m.version,
      m.name,
      migrationHash(m),
      Date.now(),
    );
    db.pragma(`user_version = ${m.version}`);
  })();
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function openOnce(file: string, options: OpenOptions): Db {
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    verbose: undefined,
  });
  try {
    applyPragmas(db);
    const check = options.fullCheck === false ? 'ok' : db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      const err = new Error(`integrity check failed: ${String(check).replace(/\s*\n\s*/g, ' ')}`) as Error & {
        code: string;
      };
      err.code = 'SQLITE_CORRUPT';
      throw err;
    }
    migrate(db);
    // statement journals in memory: an alert row's insert fires the triggers that keep the Files view's aggregates
    // (migration 10), and its journal, spilled to a temp file, more than doubled the ingest time (+137%; +17% in
    // memory; docs/BENCHMARKS.md). Set after the migrations, whose temp tables can be large.
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The database, its WAL and its shared-memory file: readable by their owner only (SQLite gives the last two the
 * mode of the first), also in a folder that already existed with 0755.
 */
function ownerOnly(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600)); // a new database starts as an empty file of this mode
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      fs.chmodSync(file + suffix, 0o600); // files an older build made world-readable (0644)
    } catch {
      // not there
    }
  }
}

/**
 * A database file cut to nothing: SQLite would open it as a new, empty database, and everything configured would
 * be lost silently. (A new database is never empty once opened: setting WAL mode writes its first page.)
 */
function emptyFileError(): Error {
  const err = new Error('the file is empty (0 bytes): it was cut short') as Error & { code: string };
  err.code = 'SQLITE_NOTADB';
  return err;
}

/**
 * Open (or create) the database in dataDir, owner-only. A corrupted (or empty) file is moved aside with a timestamp
 * and rebuilt. `created`: there was no database (a first start, or it was deleted or moved aside).
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): OpenResult {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DB_FILE);
  const existed = fs.existsSync(file);
  try {
    if (existed && fs.statSync(file).size === 0) throw emptyFileError();
    ownerOnly(file);
    return { db: openOnce(file, options), recovered: null, created: !existed };
  } catch (error) {
    if (!isCorruption(error)) throw error;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const movedTo = `${file}.corrupt-${stamp}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
    }
    const reason = (error as Error).message;
    options.log?.(
      `the database ${file} is damaged (${reason}); it was moved to ${movedTo} and a new one is rebuilt from the alert files`,
    );
    ownerOnly(file);
    return { db: openOnce(file, options), recovered: { movedTo, reason }, created: true };
  }
}
