// The sources table: each followed path, its cursor, and its counters (moved in the ingest transaction).
import type { SourceFormat } from '../../../shared/domain';
import type { Db } from '../db/database';

/** What a source has read so far (moved with its cursor, in the transaction that stores its alerts). */
export interface SourceCounters {
  bytesRead: number;
  alertsRead: number;
  fimEvents: number;
  registryEvents: number;
  otherAlerts: number;
  wazuhVerdicts: number;
  parseErrors: number;
  oversizeLines: number;
}

/** A source as stored: what it follows, where it stands, what it read. */
export interface SourceRecord {
  id: number;
  path: string;
  kind: 'file' | 'folder';
  fromEnd: boolean;
  format: SourceFormat | null;
  addedAt: number;
  /** the stored cursor, or null: nothing read yet */
  cursor: StoredCursor | null;
  counters: SourceCounters;
  lastAlertAt: number | null;
}

/** The sources table's row, as SQLite gives it. */
interface SourceRow {
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

function cursorOf(row: SourceRow): StoredCursor | null {
  if (row.cur_dev === null || row.cur_ino === null || row.cur_fp_hash === null) {
    return row.cur_offset > 0 ? { path: row.cur_path, identity: null, offset: row.cur_offset } : null;
  }
  return {
    path: row.cur_path,
    identity: { dev: row.cur_dev, ino: row.cur_ino, fpLen: row.cur_fp_len ?? 0, fpHash: row.cur_fp_hash },
    offset: row.cur_offset,
  };
}

function toRecord(r: SourceRow | undefined): SourceRecord | undefined {
  return (
    r && {
      id: r.id,
      path: r.path,
      kind: r.kind,
      fromEnd: r.from_end === 1,
      format: r.format,
      addedAt: r.added_at,
      cursor: cursorOf(r),
      counters: {
        bytesRead: r.bytes_read,
        alertsRead: r.alerts_read,
        fimEvents: r.fim_events,
        registryEvents: r.registry_events,
        otherAlerts: r.other_alerts,
        wazuhVerdicts: r.wazuh_verdicts,
        parseErrors: r.parse_errors,
        oversizeLines: r.oversize_lines,
      },
      lastAlertAt: r.last_alert_at,
    }
  );
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

  list(): SourceRecord[] {
    return (this.stmts.all.all() as SourceRow[]).map((r) => toRecord(r)!);
  }
  get(id: number): SourceRecord | undefined {
    return toRecord(this.stmts.get.get(id) as SourceRow | undefined);
  }
  byPath(path: string): SourceRecord | undefined {
    return toRecord(this.stmts.byPath.get(path) as SourceRow | undefined);
  }
  add(path: string, kind: 'file' | 'folder', fromEnd: boolean, now: number): SourceRecord {
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
