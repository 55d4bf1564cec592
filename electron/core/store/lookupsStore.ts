// Every answer about a file (the history), and the History view's queries: pages, export, summary.
import { gzipSync } from 'node:zlib';
import type { HistoryEntry } from '../../../shared/contract';
import type { VerdictState } from '../../../shared/domain';
import type { Db } from '../db/database';
import { likeContains } from './alertsStore';

export interface LookupInsert {
  fileId: number;
  at: number;
  origin: 'virustotal' | 'wazuh';
  reason: string | null;
  api: string | null;
  state: VerdictState;
  positives: number | null;
  total: number | null;
  scanDate: number | null;
  permalink: string | null;
  error: string | null;
  httpStatus: number | null;
  wazuhAlertId: string | null;
  /** the raw answer body, kept compressed for later features */
  raw: string | null;
}

export interface HistoryFilter {
  q?: string;
  state?: string;
  origin?: string;
  from?: string;
  to?: string;
}

interface HistoryRow {
  id: number;
  at: number;
  origin: 'virustotal' | 'wazuh';
  reason: string | null;
  api: string | null;
  state: VerdictState;
  positives: number | null;
  total: number | null;
  scan_date: number | null;
  permalink: string | null;
  error: string | null;
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  names: string | null;
  path: string | null;
}

const SELECT_HISTORY = `SELECT l.id, l.at, l.origin, l.reason, l.api, l.state, l.positives, l.total, l.scan_date, l.permalink,
  l.error, f.sha256, f.sha1, f.md5, f.names,
  (SELECT p.path FROM alert_rows a JOIN alert_paths p ON p.id = a.path_id WHERE a.file_id = l.file_id
    ORDER BY a.ts DESC LIMIT 1) AS path
FROM lookups l JOIN files f ON f.id = l.file_id`;

function toEntry(r: HistoryRow): HistoryEntry {
  let name: string | null = null;
  if (r.names) {
    try {
      name = (JSON.parse(r.names) as string[])[0] ?? null;
    } catch {
      name = null;
    }
  }
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    origin: r.origin,
    reason: r.reason,
    api: r.api,
    state: r.state,
    positives: r.positives,
    total: r.total,
    scanDate: r.scan_date === null ? null : new Date(r.scan_date).toISOString(),
    permalink: r.permalink,
    error: r.error,
    sha256: r.sha256,
    sha1: r.sha1,
    md5: r.md5,
    name: r.path ?? name,
  };
}

function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00`); // local midnight: the analyst's day
}

export class LookupsStore {
  private readonly s;
  private readonly cache = new Map<
    string,
    {
      list: import('better-sqlite3').Statement;
      count: import('better-sqlite3').Statement;
      all: import('better-sqlite3').Statement;
    }
  >();

  constructor(private readonly db: Db) {
    this.s = {
      insert:
        db.prepare(`INSERT OR IGNORE INTO lookups (file_id, at, origin, reason, api, state, positives, total, scan_date,
          permalink, error, http_status, wazuh_alert_id, raw)
        VALUES (@fileId, @at, @origin, @reason, @api, @state, @positives, @total, @scanDate, @permalink, @error,
          @httpStatus, @wazuhAlertId, @raw)`),
      ofFile: db.prepare(`${SELECT_HISTORY} WHERE l.file_id = ? ORDER BY l.at DESC, l.id DESC LIMIT 500`),
      count: db.prepare('SELECT COUNT(*) FROM lookups').pluck(),
      countSince: db
        .prepare("SELECT COUNT(DISTINCT file_id) FROM lookups WHERE origin = 'virustotal' AND at >= ?")
        .pluck(),
      perDay: db.prepare(`SELECT date(at / 1000, 'unixepoch', 'localtime') AS day, COUNT(*) AS lookups,
          SUM(state = 'malicious') AS malicious, SUM(state = 'suspicious') AS suspicious
        FROM lookups WHERE at >= ? GROUP BY day ORDER BY day`),
      topAgents:
        db.prepare(`SELECT ag.agent_id AS agentId, ag.agent_name AS agentName, COUNT(DISTINCT a.file_id) AS maliciousFiles
        FROM files f JOIN alert_rows a ON a.file_id = f.id JOIN alert_agents ag ON ag.id = a.agent_ref
        WHERE f.state = 'malicious'
        GROUP BY ag.agent_id, ag.agent_name ORDER BY maliciousFiles DESC LIMIT 10`),
      // on indexes alone: the counts on lookups_page, the distinct files in the order of lookups_file
      totals: db.prepare(`SELECT COUNT(*) AS answers, COALESCE(SUM(origin = 'wazuh'), 0) AS fromWazuh,
          COALESCE(SUM(state = 'malicious'), 0) AS malicious FROM lookups INDEXED BY lookups_page`),
      filesAnswered: db.prepare('SELECT COUNT(DISTINCT file_id) FROM lookups INDEXED BY lookups_file').pluck(),
    };
  }

  insert(l: LookupInsert): number | null {
    const info = this.s.insert.run({ ...l, raw: l.raw === null ? null : gzipSync(l.raw) });
    return info.changes > 0 ? Number(info.lastInsertRowid) : null;
  }

  ofFile(fileId: number): HistoryEntry[] {
    return (this.s.ofFile.all(fileId) as HistoryRow[]).map(toEntry);
  }

  count(): number {
    return this.s.count.get() as number;
  }

  filesLookedUpSince(ts: number): number {
    return this.s.countSince.get(ts) as number;
  }

  private statements(filter: HistoryFilter) {
    const where: string[] = [];
    // the files the search names (by a hash, a name, or a path an alert saw it at), then their answers
    if (filter.q)
      where.push(
        "l.file_id IN (SELECT id FROM files WHERE sha256 LIKE @q ESCAPE '\\' OR sha1 LIKE @q ESCAPE '\\' OR md5 LIKE @q ESCAPE '\\' OR names LIKE @q ESCAPE '\\' UNION SELECT file_id FROM alert_rows INDEXED BY alert_rows_path WHERE path_id IN (SELECT id FROM alert_paths WHERE path LIKE @q ESCAPE '\\'))",
      );
    if (filter.state) where.push('l.state = @state');
    if (filter.origin) where.push('l.origin = @origin');
    if (filter.from) where.push('l.at >= @from');
    if (filter.to) where.push('l.at < @to');
    const key = where.join(' AND ');
    let stmts = this.cache.get(key);
    if (!stmts) {
      const clause = where.length ? `WHERE ${key}` : '';
      stmts = {
        // the page's ids on lookups_page alone, then their rows (a long answer's row is read only when shown)
        list: this.db.prepare(
          `${SELECT_HISTORY} WHERE l.id IN (SELECT l.id FROM lookups l ${clause} ORDER BY l.at DESC, l.id DESC LIMIT @limit OFFSET @offset) ORDER BY l.at DESC, l.id DESC`,
        ),
        // every answer has its file (a foreign key): no join to count them
        count: this.db.prepare(`SELECT COUNT(*) FROM lookups l ${clause}`).pluck(),
        all: this.db.prepare(`${SELECT_HISTORY} ${clause} ORDER BY l.at DESC, l.id DESC`),
      };
      this.cache.set(key, stmts);
    }
    const params: Record<string, unknown> = {};
    if (filter.q) params.q = likeContains(filter.q);
    if (filter.state) params.state = filter.state;
    if (filter.origin) params.origin = filter.origin;
    if (filter.from) params.from = dayStartMs(filter.from);
    if (filter.to) params.to = dayStartMs(filter.to) + 86_400_000; // the whole "to" day
    return { stmts, params };
  }

  list(filter: HistoryFilter, limit: number, offset: number): { total: number; items: HistoryEntry[] } {
    const { stmts, params } = this.statements(filter);
    const items = (stmts.list.all({ ...params, limit, offset }) as HistoryRow[]).map(toEntry);
    return { total: stmts.count.get(params) as number, items };
  }

  /** Every matching entry, streamed row by row (exports can be large). */
  *iterate(filter: HistoryFilter): Generator<HistoryEntry> {
    const { stmts, params } = this.statements(filter);
    for (const row of stmts.all.iterate(params) as Iterable<HistoryRow>) yield toEntry(row);
  }

  summary(sinceMs: number) {
    return {
      days: (
        this.s.perDay.all(sinceMs) as { day: string; lookups: number; malicious: number; suspicious: number }[]
      ).map((d) => ({ day: d.day, lookups: d.lookups, malicious: d.malicious ?? 0, suspicious: d.suspicious ?? 0 })),
      topAgents: this.s.topAgents.all() as {
        agentId: string | null;
        agentName: string | null;
        maliciousFiles: number;
      }[],
      totals: {
        ...(this.s.totals.get() as { answers: number; fromWazuh: number; malicious: number }),
        files: this.s.filesAnswered.get() as number,
      },
    };
  }
}
