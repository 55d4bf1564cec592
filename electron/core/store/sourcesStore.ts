// The sources table: each followed path, its cursor, and its counters (moved in the ingest transaction).
import type { Db } from '../db/database';

export interface SourceRow {
  id: number;
  path: string;
  kind: 'file' | 'folder';
  from_end: number;
  format: 'json' | 'log' | null;
  added_at: number;
  cur_path: string | null;
  cur_dev: number | null;
  cur_ino: number | null;
  cur_fp_len: number | null;
  cur_fp_hash: string | null;
  cur_offset: number;
  bytes_read: number;
  alerts_read: number;
  fim_events: number;
  registry_events: number;
  other_alerts: number;
  wazuh_verdicts: number;
  parse_errors: number;
  oversize_lines: number;
  last_alert_at: number | null;
}

export interface StoredCursor {
  path: string | null;
  identity: { dev: number; ino: number; fpLen: number; fpHash: string } | null;
  offset: number;
}

export interface CounterDelta {
  bytes: number;
  alertsRead: number;
  fimEvents: number;
  registryEvents: number;
  otherAlerts: number;
  wazuhVerdicts: number;
  parseErrors: number;
  oversizeLines: number;
  lastAlertAt: number | null;
}

export const emptyDelta = (): CounterDelta => ({
  bytes: 0,
  alertsRead: 0,
  fimEvents: 0,
  registryEvents: 0,
  otherAlerts: 0,
  wazuhVerdicts: 0,
  parseErrors: 0,
  oversizeLines: 0,
  lastAlertAt: null,
});

export function cursorOf(row: SourceRow): StoredCursor | null {
  if (row.cur_dev === null || row.cur_ino === null || row.cur_fp_hash === null) {
    return row.cur_offset > 0 ? { path: row.cur_path, identity: null, offset: row.cur_offset } : null;
  }
  return {
    path: row.cur_path,
    identity: { dev: row.cur_dev, ino: row.cur_ino, fpLen: row.cur_fp_len ?? 0, fpHash: row.cur_fp_hash },
    offset: row.cur_offset,
  };
}

export class SourcesStore {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      all: db.prepare('SELECT * FROM sources ORDER BY id'),
      get: db.prepare('SELECT * FROM sources WHERE id = ?'),
      byPath: db.prepare('SELECT * FROM sources WHERE path = ?'),
      insert: db.prepare('INSERT INTO sources (path, kind, from_end, added_at) VALUES (?, ?, ?, ?)'),
      remove: db.prepare('DELETE FROM sources WHERE id = ?'),
      format: db.prepare('UPDATE sources SET format = ? WHERE id = ?'),
      kind: db.prepare(`UPDATE sources SET kind = ?, cur_path = NULL, cur_dev = NULL, cur_ino = NULL, cur_fp_len = NULL,
          cur_fp_hash = NULL, cur_offset = 0 WHERE id = ?`),
      advance: db.prepare(`UPDATE sources SET
          cur_path = @path, cur_dev = @dev, cur_ino = @ino, cur_fp_len = @fpLen, cur_fp_hash = @fpHash, cur_offset = @offset,
          bytes_read = bytes_read + @bytes, alerts_read = alerts_read + @alertsRead, fim_events = fim_events + @fimEvents,
          registry_events = registry_events + @registryEvents, other_alerts = other_alerts + @otherAlerts,
          wazuh_verdicts = wazuh_verdicts + @wazuhVerdicts, parse_errors = parse_errors + @parseErrors,
          oversize_lines = oversize_lines + @oversizeLines, last_alert_at = COALESCE(@lastAlertAt, last_alert_at)
        WHERE id = @id`),
      count: db.prepare(`UPDATE sources SET
          bytes_read = bytes_read + @bytes, alerts_read = alerts_read + @alertsRead, fim_events = fim_events + @fimEvents,
          registry_events = registry_events + @registryEvents, other_alerts = other_alerts + @otherAlerts,
          wazuh_verdicts = wazuh_verdicts + @wazuhVerdicts, parse_errors = parse_errors + @parseErrors,
          oversize_lines = oversize_lines + @oversizeLines, last_alert_at = COALESCE(@lastAlertAt, last_alert_at)
        WHERE id = @id`),
      totals: db.prepare(`SELECT COALESCE(SUM(alerts_read),0) AS alertsRead, COALESCE(SUM(fim_events),0) AS fimEvents,
          COALESCE(SUM(registry_events),0) AS registryEvents, COALESCE(SUM(other_alerts),0) AS otherAlerts,
          COALESCE(SUM(wazuh_verdicts),0) AS wazuhVerdicts, COALESCE(SUM(parse_errors),0) AS parseErrors,
          COALESCE(SUM(oversize_lines),0) AS oversizeLines FROM sources`),
    };
  }

  list(): SourceRow[] {
    return this.stmts.all.all() as SourceRow[];
  }
  get(id: number): SourceRow | undefined {
    return this.stmts.get.get(id) as SourceRow | undefined;
  }
  byPath(path: string): SourceRow | undefined {
    return this.stmts.byPath.get(path) as SourceRow | undefined;
  }
  add(path: string, kind: 'file' | 'folder', fromEnd: boolean, now: number): SourceRow {
    const existing = this.byPath(path);
    if (existing) return existing;
    const id = Number(this.stmts.insert.run(path, kind, fromEnd ? 1 : 0, now).lastInsertRowid);
    return this.get(id)!;
  }
  remove(id: number): boolean {
    return this.stmts.remove.run(id).changes > 0;
  }
  /** A path that turned out to be of the other kind (it did not exist when added): its cursor starts over. */
  setKind(id: number, kind: 'file' | 'folder'): void {
    this.stmts.kind.run(kind, id);
  }

  setFormat(id: number, format: 'json' | 'log'): void {
    this.stmts.format.run(format, id);
  }

  /** Move the cursor and the counters together (called inside the ingest transaction). */
  advance(id: number, cursor: StoredCursor, delta: CounterDelta): void {
    this.stmts.advance.run({
      id,
      path: cursor.path,
      dev: cursor.identity?.dev ?? null,
      ino: cursor.identity?.ino ?? null,
      fpLen: cursor.identity?.fpLen ?? null,
      fpHash: cursor.identity?.fpHash ?? null,
      offset: cursor.offset,
      ...delta,
    });
  }

  /** Counters only (backfill imports: no cursor). */
  count(id: number, delta: CounterDelta): void {
    this.stmts.count.run({ id, ...delta });
  }

  totals(): Omit<CounterDelta, 'bytes' | 'lastAlertAt'> {
    return this.stmts.totals.get() as Omit<CounterDelta, 'bytes' | 'lastAlertAt'>;
  }
}
