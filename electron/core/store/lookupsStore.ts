// Every answer about a file (the history), and the History view's queries: pages, export, summary.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { HistoryEntry } from '../../../shared/contract';
import type { VerdictState } from '../../../shared/domain';
import { ProviderDetailsSchema, type ProviderDetails } from '../../../shared/providers';
import type { AnswerOrigin } from '../../../shared/verdict';
import type { Db } from '../db/database';
import { likeContains } from './alertsStore';

export interface LookupInsert {
  fileId: number;
  at: number;
  origin: AnswerOrigin;
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
  /** the answer in one line: "known good: NSRL, Windows 10 22H2", "malicious: 7/70 on VirusTotal" */
  why?: string | null;
  /** a provider's own details (shared/providers.ts), kept as JSON */
  details?: ProviderDetails | null;
}

/** The newest found answer of a provider other than VirusTotal (the file page shows its details). */
export interface ProviderAnswerRow {
  origin: AnswerOrigin;
  at: number;
  state: VerdictState;
  why: string | null;
  details: ProviderDetails | null;
  permalink: string | null;
  raw: Buffer | null;
}

export interface HistoryFilter {
  q?: string;
  state?: string;
  origin?: string;
  from?: string;
  to?: string;
}

/** Where an export's page ends: the last entry's time (ms) and id. */
export interface HistoryCursor {
  at: number;
  id: number;
}

interface HistoryRow {
  id: number;
  at: number;
  origin: AnswerOrigin;
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
  why: string | null;
}

const SELECT_HISTORY = `SELECT l.id, l.at, l.origin, l.reason, l.api, l.state, l.positives, l.total, l.scan_date, l.permalink,
  l.error, l.why, f.sha256, f.sha1, f.md5, f.names,
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
    why: r.why,
  };
}

function parseDetails(text: string | null): ProviderDetails | null {
  if (!text) return null;
  try {
    const parsed = ProviderDetailsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
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
      after: import('better-sqlite3').Statement;
    }
  >();

  private cachedTotals: {
    maxId: number;
    version: number;
    totals: { answers: number; fromWazuh: number; malicious: number; files: number };
  } | null = null;

  private readonly dayOfQuarter = new Map<number, string>();

  constructor(private readonly db: Db) {
    this.s = {
      insert:
        db.prepare(`INSERT OR IGNORE INTO lookups (file_id, at, origin, reason, api, state, positives, total, scan_date,
          permalink, error, http_status, wazuh_alert_id, raw, why, details)
        VALUES (@fileId, @at, @origin, @reason, @api, @state, @positives, @total, @scanDate, @permalink, @error,
          @httpStatus, @wazuhAlertId, @raw, @why, @details)`),
      providerAnswers: db.prepare(`SELECT origin, at, state, why, details, permalink FROM lookups
          WHERE file_id = ? AND origin NOT IN ('virustotal', 'wazuh') AND state IN ('known-good', 'malicious')
          ORDER BY at DESC, id DESC LIMIT 50`),
      ofFile: db.prepare(`${SELECT_HISTORY} WHERE l.file_id = ? ORDER BY l.at DESC, l.id DESC LIMIT 500`),
      count: db.prepare('SELECT COUNT(*) FROM lookups').pluck(),
      // today's answers alone, on the history's index (the planner would read every answer in file order)
      countSince: db
        .prepare(
          "SELECT COUNT(DISTINCT file_id) FROM lookups INDEXED BY lookups_page WHERE origin = 'virustotal' AND at >= ?",
        )
        .pluck(),
      answeredSince: db
        .prepare(
          "SELECT COUNT(DISTINCT file_id) FROM lookups WHERE origin NOT IN ('virustotal', 'wazuh') AND state = 'known-good' AND at >= ?",
        )
        .pluck(),
      // per quarter hour on lookups_page (every time zone's offset is a whole number of them), then per local day
      // in perDay(): the local time of each row would cost more than the rest of the query
      perQuarter: db.prepare(`SELECT at / 900000 AS quarter, COUNT(*) AS lookups,
          SUM(state = 'malicious') AS malicious, SUM(state = 'suspicious') AS suspicious
        FROM lookups INDEXED BY lookups_page WHERE at >= ? GROUP BY quarter`),
      localDays: db.prepare(
        "SELECT value AS quarter, date(value * 900, 'unixepoch', 'localtime') AS day FROM json_each(?)",
      ),
      maxId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM lookups').pluck(),
      version: db.prepare("SELECT COALESCE((SELECT value FROM counters WHERE name = 'lookupsVersion'), 0)").pluck(),
      totalsBetween: db.prepare(`SELECT COUNT(*) AS answers, COALESCE(SUM(origin = 'wazuh'), 0) AS fromWazuh,
          COALESCE(SUM(state = 'malicious'), 0) AS malicious,
          COUNT(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM lookups o WHERE o.file_id = l.file_id AND o.id <= @lo)
            THEN l.file_id END) AS files
        FROM lookups l WHERE l.id > @lo AND l.id <= @hi`),
      // the malicious files' places (file_places, migration 10: a row per file, agent row and path that has alerts),
      // not their alerts: the same pairs of file and agent, without reading ten times as many rows at 10M alerts
      topAgents:
        db.prepare(`SELECT ag.agent_id AS agentId, ag.agent_name AS agentName, COUNT(DISTINCT x.file_id) AS maliciousFiles
        FROM files f JOIN file_places x ON x.file_id = f.id JOIN alert_agents ag ON ag.id = x.agent_ref
        WHERE f.state = 'malicious'
        GROUP BY ag.agent_id, ag.agent_name ORDER BY maliciousFiles DESC LIMIT 10`),
      // the newest found VirusTotal answer with its body (the file page's details)
      latestVtAnswer: db.prepare(`SELECT at, raw FROM lookups WHERE file_id = ? AND origin = 'virustotal'
          AND raw IS NOT NULL AND state IN ('malicious', 'suspicious', 'clean') ORDER BY at DESC, id DESC LIMIT 1`),
      // on indexes alone: the counts on lookups_page, the distinct files in the order of lookups_file
      totals: db.prepare(`SELECT COUNT(*) AS answers, COALESCE(SUM(origin = 'wazuh'), 0) AS fromWazuh,
          COALESCE(SUM(state = 'malicious'), 0) AS malicious FROM lookups INDEXED BY lookups_page`),
      filesAnswered: db.prepare('SELECT COUNT(DISTINCT file_id) FROM lookups INDEXED BY lookups_file').pluck(),
    };
  }

  insert(l: LookupInsert): number | null {
    const info = this.s.insert.run({
      ...l,
      raw: l.raw === null ? null : gzipSync(l.raw),
      why: l.why ?? null,
      details: l.details ? JSON.stringify(l.details) : null,
    });
    return info.changes > 0 ? Number(info.lastInsertRowid) : null;
  }

  /** The newest found answer of each provider other than VirusTotal and Wazuh, newest first. */
  providerAnswersOf(fileId: number): Omit<ProviderAnswerRow, 'raw'>[] {
    const seen = new Set<string>();
    const out: Omit<ProviderAnswerRow, 'raw'>[] = [];
    for (const r of this.s.providerAnswers.all(fileId) as (Omit<ProviderAnswerRow, 'raw' | 'details'> & {
      details: string | null;
    })[]) {
      if (seen.has(r.origin)) continue;
      seen.add(r.origin);
      out.push({ ...r, details: parseDetails(r.details) });
    }
    return out;
  }

  ofFile(fileId: number): HistoryEntry[] {
    return (this.s.ofFile.all(fileId) as HistoryRow[]).map(toEntry);
  }

  /** The newest found answer from VirusTotal with its raw body, unpacked (null: none, or it cannot be read). */
  latestVtAnswer(fileId: number): { at: number; raw: string } | null {
    const row = this.s.latestVtAnswer.get(fileId) as { at: number; raw: Buffer } | undefined;
    if (!row) return null;
    try {
      // our own request's body, kept compressed; bounded anyway
      return { at: row.at, raw: gunzipSync(row.raw, { maxOutputLength: 32 * 1024 * 1024 }).toString('utf8') };
    } catch {
      return null;
    }
  }

  count(): number {
    return this.s.count.get() as number;
  }

  filesLookedUpSince(ts: number): number {
    return this.s.countSince.get(ts) as number;
  }

  /** Files found known good (free sources, the allowlist, the empty file) since `ts`. */
  knownGoodSince(ts: number): number {
    return this.s.answeredSince.get(ts) as number;
  }

  private statements(filter: HistoryFilter) {
    const where: string[] = [];
    // the files the search names (by a name, a path an alert saw it at, or, for hex, a hash), then their answers;
    // each read on an index, never the files' long rows
    if (filter.q) {
      const named = [
        "SELECT id FROM files INDEXED BY files_names WHERE names IS NOT NULL AND names LIKE @q ESCAPE '\\'",
        "SELECT file_id FROM alert_rows INDEXED BY alert_rows_path WHERE path_id IN (SELECT id FROM alert_paths WHERE path LIKE @q ESCAPE '\\')",
      ];
      // a hash is lowercase hex: LIKE (case-insensitive) finds the search in one only when it is hex
      if (/^[0-9a-f]+$/i.test(filter.q))
        for (const kind of ['sha256', 'sha1', 'md5'])
          named.push(`SELECT id FROM files WHERE ${kind} IS NOT NULL AND ${kind} LIKE @q ESCAPE '\\'`);
      where.push(`l.file_id IN (${named.join(' UNION ')})`);
    }
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
        // the export's pages: keyset (no offset to walk), so a page costs the same at any depth
        after: this.db.prepare(
          `${SELECT_HISTORY} WHERE ${where.length ? `${key} AND ` : ''}(l.at < @afterAt OR (l.at = @afterAt AND l.id < @afterId))
          ORDER BY l.at DESC, l.id DESC LIMIT @limit`,
        ),
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

  /**
   * The matching entries after `after` (the last entry of the previous page; null: from the newest), in the list's
   * order. Each page is one short query: no statement stays open between pages, so an export can wait for its
   * reader between them while ingest writes.
   */
  pageAfter(filter: HistoryFilter, after: HistoryCursor | null, limit: number): HistoryEntry[] {
    const { stmts, params } = this.statements(filter);
    const from = after ?? { at: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    return (stmts.after.all({ ...params, afterAt: from.at, afterId: from.id, limit }) as HistoryRow[]).map(toEntry);
  }

  /** Answers per local day since `sinceMs` (the day as SQLite's 'localtime' names it). */
  private perDay(sinceMs: number) {
    const quarters = this.s.perQuarter.all(sinceMs) as {
      quarter: number;
      lookups: number;
      malicious: number | null;
      suspicious: number | null;
    }[];
    // the local day of a quarter hour does not change: asked of SQLite once (its 'localtime' costs ~20 µs a call)
    if (this.dayOfQuarter.size > 200_000) this.dayOfQuarter.clear();
    const unknown = quarters.map((q) => q.quarter).filter((q) => !this.dayOfQuarter.has(q));
    for (const r of this.s.localDays.all(JSON.stringify(unknown)) as { quarter: number; day: string }[])
      this.dayOfQuarter.set(r.quarter, r.day);
    const dayOf = this.dayOfQuarter;
    const days = new Map<string, { day: string; lookups: number; malicious: number; suspicious: number }>();
    for (const q of quarters) {
      const day = dayOf.get(q.quarter)!;
      const d = days.get(day) ?? { day, lookups: 0, malicious: 0, suspicious: 0 };
      d.lookups += q.lookups;
      d.malicious += q.malicious ?? 0;
      d.suspicious += q.suspicious ?? 0;
      days.set(day, d);
    }
    return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** Every answer, by origin and verdict, and the files answered: counted once, then moved by the new answers. */
  private totals(): { answers: number; fromWazuh: number; malicious: number; files: number } {
    const hi = this.s.maxId.get() as number;
    const version = this.s.version.get() as number;
    const c = this.cachedTotals;
    if (c && c.version === version && c.maxId <= hi) {
      if (c.maxId < hi) {
        const d = this.s.totalsBetween.get({ lo: c.maxId, hi }) as typeof c.totals;
        c.totals = {
          answers: c.totals.answers + d.answers,
          fromWazuh: c.totals.fromWazuh + d.fromWazuh,
          malicious: c.totals.malicious + d.malicious,
          files: c.totals.files + d.files,
        };
        c.maxId = hi;
      }
      return { ...c.totals };
    }
    const totals = {
      ...(this.s.totals.get() as { answers: number; fromWazuh: number; malicious: number }),
      files: this.s.filesAnswered.get() as number,
    };
    this.cachedTotals = { maxId: hi, version, totals };
    return { ...totals };
  }

  summary(sinceMs: number) {
    return {
      days: this.perDay(sinceMs),
      topAgents: this.s.topAgents.all() as {
        agentId: string | null;
        agentName: string | null;
        maliciousFiles: number;
      }[],
      totals: this.totals(),
    };
  }
}
