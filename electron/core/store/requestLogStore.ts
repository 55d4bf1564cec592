// The persisted request log behind the quota gate (table request_log).
import type { Db } from '../db/database';

/** The request log the gate counts from (SQLite in the app, an array in tests). */
export interface RequestLog {
  record(at: number, kind: string): void;
  countSince(since: number): number;
  /** the time of the request that is `n`-th newest (1 = newest) at or after `since`, or null */
  nthNewestSince(since: number, n: number): number | null;
  prune(before: number): void;
}

export function sqliteRequestLog(db: Db): RequestLog {
  const insert = db.prepare('INSERT INTO request_log (at, kind) VALUES (?, ?)');
  const count = db.prepare('SELECT COUNT(*) AS n FROM request_log WHERE at >= ?').pluck();
  const nth = db.prepare('SELECT at FROM request_log WHERE at >= ? ORDER BY at DESC LIMIT 1 OFFSET ?').pluck();
  const prune = db.prepare('DELETE FROM request_log WHERE at < ?');
  return {
    record: (at, kind) => void insert.run(at, kind),
    countSince: (since) => count.get(since) as number,
    nthNewestSince: (since, n) => (nth.get(since, n - 1) as number | undefined) ?? null,
    prune: (before) => void prune.run(before),
  };
}
