// The sources table: each source (its type, what it reads, its own settings), its cursor, and its counters (moved
// in the transaction that stores its alerts). A file source's cursor is a file position (the cur_* columns); any
// other type's is opaque JSON (the cursor column).
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

/** A file position: the file (its identity, where it was read) and the byte offset after the last record. */
export interface StoredCursor {
  path: string | null;
  identity: { dev: number; ino: number; fpLen: number; fpHash: string } | null;
  offset: number;
}

/** Where a source stands: a file position, or the opaque JSON cursor of another type (an indexer's sort values). */
export type SourceCursor = ({ kind: 'file' } & StoredCursor) | { kind: 'json'; json: string };

/** A source as stored: what it follows, where it stands, what it read. */
export interface SourceRecord {
  id: number;
  /** its kind in sources/registry.ts ('file') */
  type: string;
  /** what it reads: a file's or folder's path, or another type's address */
  path: string;
  /** file sources: a file, or a manager's logs/alerts folder (followed through its alerts.json) */
  kind: 'file' | 'folder';
  fromEnd: boolean;
  format: SourceFormat | null;
  addedAt: number;
  /** its own settings (JSON), never a credential; null for file sources */
  config: unknown;
  /** the stored cursor, or null: nothing read yet */
  cursor: SourceCursor | null;
  counters: SourceCounters;
  lastAlertAt: number | null;
}

/** The sources table's row, as SQLite gives it. */
interface SourceRow {
  id: number;
  type: string;
  path: string;
  kind: 'file' | 'folder' | null;
  from_end: number;
  format: 'json' | 'log' | null;
  added_at: number;
  config: string | null;
  cur_path: string | null;
  cur_dev: number | null;
  cur_ino: number | null;
  cur_fp_len: number | null;
  cur_fp_hash: string | null;
  cur_offset: number;
  cursor: string | null;
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

/** What one batch adds to a source's counters. */
export interface CounterDelta extends Omit<SourceCounters, 'bytesRead'> {
  bytes: number;
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

function cursorOf(row: SourceRow): SourceCursor | null {
  if (row.cursor !== null) return { kind: 'json', json: row.cursor };
  if (row.cur_dev === null || row.cur_ino === null || row.cur_fp_hash === null) {
    return row.cur_offset > 0 ? { kind: 'file', path: row.cur_path, identity: null, offset: row.cur_offset } : null;
  }
  return {
    kind: 'file',
    path: row.cur_path,
    identity: { dev: row.cur_dev, ino: row.cur_ino, fpLen: row.cur_fp_len ?? 0, fpHash: row.cur_fp_hash },
    offset: row.cur_offset,
  };
}

function configOf(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // the type's own check says what is missing
  }
}

function toRecord(r: SourceRow | undefined): SourceRecord | undefined {
  return (
    r && {
      id: r.id,
      type: r.type,
      path: r.path,
      kind: r.kind ?? 'file',
      fromEnd: r.from_end === 1,
      format: r.format,
      addedAt: r.added_at,
      config: configOf(r.config),
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

const COUNT = `bytes_read = bytes_read + @bytes, alerts_read = alerts_read + @alertsRead, fim_events = fim_events + @fimEvents,
  registry_events = registry_events + @registryEvents, other_alerts = other_alerts + @otherAlerts,
  wazuh_verdicts = wazuh_verdicts + @wazuhVerdicts, parse_errors = parse_errors + @parseErrors,
  oversize_lines = oversize_lines + @oversizeLines, last_alert_at = COALESCE(@lastAlertAt, last_alert_at)`;

/** A new source: what it reads, and for a type other than 'file' its own settings. */
export interface NewSource {
  type?: string;
  path: string;
  kind: 'file' | 'folder' | null;
  fromEnd: boolean;
  config?: unknown;
}

export class SourcesStore {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      all: db.prepare('SELECT * FROM sources ORDER BY id'),
      get: db.prepare('SELECT * FROM sources WHERE id = ?'),
      byPath: db.prepare('SELECT * FROM sources WHERE path = ?'),
      insert: db.prepare(`INSERT INTO sources (type, path, kind, from_end, added_at, config)
          VALUES (@type, @path, @kind, @fromEnd, @now, @config)`),
      remove: db.prepare('DELETE FROM sources WHERE id = ?'),
      format: db.prepare('UPDATE sources SET format = ? WHERE id = ?'),
      kind: db.prepare(`UPDATE sources SET kind = ?, cur_path = NULL, cur_dev = NULL, cur_ino = NULL, cur_fp_len = NULL,
          cur_fp_hash = NULL, cur_offset = 0 WHERE id = ?`),
      advance: db.prepare(`UPDATE sources SET
          cur_path = @path, cur_dev = @dev, cur_ino = @ino, cur_fp_len = @fpLen, cur_fp_hash = @fpHash, cur_offset = @offset,
          ${COUNT} WHERE id = @id`),
      advanceJson: db.prepare(`UPDATE sources SET cursor = @cursor, ${COUNT} WHERE id = @id`),
      count: db.prepare(`UPDATE sources SET ${COUNT} WHERE id = @id`),
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
  /** Adds a source; one with this path already is kept as it is and returned. */
  add(path: string, kind: 'file' | 'folder', fromEnd: boolean, now: number): SourceRecord;
  add(source: NewSource, now: number): SourceRecord;
  add(a: string | NewSource, b: 'file' | 'folder' | number, fromEnd?: boolean, now?: number): SourceRecord {
    const s: NewSource = typeof a === 'string' ? { path: a, kind: b as 'file' | 'folder', fromEnd: fromEnd! } : a;
    const at = typeof a === 'string' ? now! : (b as number);
    const existing = this.byPath(s.path);
    if (existing) return existing;
    const id = Number(
      this.stmts.insert.run({
        type: s.type ?? 'file',
        path: s.path,
        kind: s.kind,
        fromEnd: s.fromEnd ? 1 : 0,
        now: at,
        config: s.config === undefined || s.config === null ? null : JSON.stringify(s.config),
      }).lastInsertRowid,
    );
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
  advance(id: number, cursor: SourceCursor | StoredCursor, delta: CounterDelta): void {
    if ('kind' in cursor && cursor.kind === 'json') {
      this.stmts.advanceJson.run({ id, cursor: cursor.json, ...delta });
      return;
    }
    const c = cursor as StoredCursor;
    this.stmts.advance.run({
      id,
      path: c.path,
      dev: c.identity?.dev ?? null,
      ino: c.identity?.ino ?? null,
      fpLen: c.identity?.fpLen ?? null,
      fpHash: c.identity?.fpHash ?? null,
      offset: c.offset,
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
