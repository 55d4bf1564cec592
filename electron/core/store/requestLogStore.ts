// The persisted request log behind the quota gate (table request_log).
import type { Db } from '../db/database';
import type { RequestLog } from '../lookups/quota';

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
