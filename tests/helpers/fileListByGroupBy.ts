// The Files view's queries as they were before migration 10: every figure a GROUP BY over the whole `alerts` view
// (and over lookups). The reference the maintained aggregates (file_alerts, file_places) are compared with in
// tests/unit/core/store/fileAggregates.test.ts and the migration's test; not used by the app.
import type { FileExportRow, FilePlace, FileSort } from '../../shared/triage';
import type { Db } from '../../electron/core/db/database';
import { expect } from 'vitest';
import {
  FileListStore,
  VERDICT_RISK_ORDER,
  type FileListFilter,
  type FileListRow,
} from '../../electron/core/store/fileListStore';
import { likeContains } from '../../electron/core/store/alertsStore';

const VERDICT_RANK = `CASE f.state ${VERDICT_RISK_ORDER.map((state, i) => `WHEN '${state}' THEN ${i}`).join(' ')}
  ELSE ${VERDICT_RISK_ORDER.length} END`;
const TRIAGE_RANK = `CASE COALESCE(t.state, 'new') WHEN 'new' THEN 0 WHEN 'escalated' THEN 1 WHEN 'acknowledged' THEN 2
  WHEN 'false-positive' THEN 3 ELSE 4 END`;
const TTV = 'MAX(0, la.first_answer_at - a.first_ts)';

/** ORDER BY per sort key (ascending; `-key` reverses it); the id last keeps pages stable. */
const ORDER: Record<string, string> = {
  risk: `${VERDICT_RANK}, ${TRIAGE_RANK}, a.last_ts DESC NULLS LAST`,
  name: 'COALESCE(f.names, lp.path) COLLATE NOCASE',
  verdict: `${VERDICT_RANK}, f.positives DESC`,
  triage: TRIAGE_RANK,
  agents: 'COALESCE(a.agents, 0)',
  alerts: 'COALESCE(a.alerts, 0)',
  first: 'a.first_ts',
  last: 'a.last_ts',
  ttv: TTV,
  provider: 'f.origin',
};

function orderBy(sort: FileSort): string {
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const base = ORDER[key] ?? ORDER.risk;
  if (!desc) return `${base}, f.id DESC`;
  // reverse each term of the key (a term already DESC becomes ASC)
  const reversed = base
    .split(/,(?![^(]*\))/)
    .map((t) => t.trim())
    .map((t) => (/ DESC( NULLS LAST)?$/.test(t) ? t.replace(/ DESC( NULLS LAST)?$/, ' ASC NULLS FIRST') : `${t} DESC`));
  return `${reversed.join(', ')}, f.id ASC`;
}

const FROM = `FROM files f
  LEFT JOIN triage t ON t.file_id = f.id
  LEFT JOIN (SELECT file_id, COUNT(*) AS alerts, COUNT(DISTINCT COALESCE(agent_id, '') || char(0) || COALESCE(agent_name, '')) AS agents,
      MIN(ts) AS first_ts, MAX(ts) AS last_ts FROM alerts WHERE file_id IS NOT NULL GROUP BY file_id) a ON a.file_id = f.id
  LEFT JOIN (SELECT file_id, MIN(at) AS first_answer_at FROM lookups WHERE error IS NULL GROUP BY file_id) la ON la.file_id = f.id`;

const SELECT_ROWS = `SELECT f.id, f.sha256, f.sha1, f.md5, f.state, f.positives, f.total, f.scan_date, f.checked_at, f.origin,
  f.reason, f.names, COALESCE(t.state, 'new') AS triage_state, t.note AS triage_note, t.actor AS triage_by,
  t.at AS triage_at, COALESCE(a.agents, 0) AS agents, COALESCE(a.alerts, 0) AS alerts, a.first_ts, a.last_ts,
  la.first_answer_at`;

interface PlaceRow {
  agent_id: string | null;
  agent_name: string | null;
  path: string;
  alerts: number;
  first_ts: number;
  last_ts: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class FileListByGroupBy {
  private readonly cache = new Map<string, { list: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> }>();
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      paths: db.prepare('SELECT path FROM alerts WHERE file_id = ? GROUP BY path ORDER BY MAX(ts) DESC LIMIT ?'),
      pathsTotal: db.prepare('SELECT COUNT(DISTINCT path) FROM alerts WHERE file_id = ?').pluck(),
      places: db.prepare(`SELECT agent_id, agent_name, path, COUNT(*) AS alerts, MIN(ts) AS first_ts, MAX(ts) AS last_ts
          FROM alerts WHERE file_id = ? GROUP BY agent_id, agent_name, path ORDER BY MAX(ts) DESC LIMIT 2000`),
      exportPlaces: db.prepare(`SELECT agent_id, agent_name, path, COUNT(*) AS alerts, MAX(ts) AS last_ts,
          (SELECT a2.alert_id FROM alerts a2 WHERE a2.file_id = a.file_id AND a2.path = a.path
             AND a2.agent_id IS a.agent_id AND a2.agent_name IS a.agent_name ORDER BY a2.ts DESC LIMIT 1) AS alert_id
          FROM alerts a WHERE file_id = ? GROUP BY agent_id, agent_name, path ORDER BY MAX(ts) DESC`),
    };
  }

  private statements(filter: FileListFilter): {
    list: ReturnType<Db['prepare']>;
    count: ReturnType<Db['prepare']>;
    params: Record<string, unknown>;
  } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.triage) {
      where.push("COALESCE(t.state, 'new') = @triage");
      params.triage = filter.triage;
    }
    if (filter.state === 'detected') where.push("f.state IN ('malicious', 'suspicious')");
    else if (filter.state) {
      where.push('f.state = @state');
      params.state = filter.state;
    }
    if (filter.agent) {
      where.push(
        'EXISTS (SELECT 1 FROM alerts x WHERE x.file_id = f.id AND (x.agent_id = @agent OR x.agent_name = @agent))',
      );
      params.agent = filter.agent;
    }
    if (filter.q) {
      where.push(`(f.sha256 LIKE @qPrefix ESCAPE '\\' OR f.sha1 LIKE @qPrefix ESCAPE '\\' OR f.md5 LIKE @qPrefix ESCAPE '\\'
        OR f.names LIKE @q ESCAPE '\\' OR EXISTS (SELECT 1 FROM alerts x WHERE x.file_id = f.id AND x.path LIKE @q ESCAPE '\\'))`);
      params.q = likeContains(filter.q);
      params.qPrefix = likeContains(filter.q.toLowerCase()).slice(1);
    }
    if (filter.fileIds) {
      where.push('f.id IN (SELECT value FROM json_each(@fileIds))');
      params.fileIds = JSON.stringify(filter.fileIds);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const key = `${clause}|${filter.sort}`;
    let stmts = this.cache.get(key);
    if (!stmts) {
      // the newest path, for sorting by name when VirusTotal gave none
      const lp = 'LEFT JOIN (SELECT file_id, MAX(path) AS path FROM alerts GROUP BY file_id) lp ON lp.file_id = f.id';
      const needsLp = orderBy(filter.sort).includes('lp.');
      stmts = {
        list: this.db.prepare(
          `${SELECT_ROWS} ${FROM} ${needsLp ? lp : ''} ${clause} ORDER BY ${orderBy(filter.sort)} LIMIT @limit OFFSET @offset`,
        ),
        count: this.db.prepare(`SELECT COUNT(*) FROM files f LEFT JOIN triage t ON t.file_id = f.id ${clause}`).pluck(),
      };
      this.cache.set(key, stmts);
    }
    return { ...stmts, params };
  }

  list(filter: FileListFilter, limit: number, offset: number): { total: number; rows: FileListRow[] } {
    const { list, count, params } = this.statements(filter);
    const rows = list.all({ ...params, limit, offset }) as FileListRow[];
    return { total: count.get(params) as number, rows };
  }

  /** The newest paths of a file (at most `limit`) and how many in all. */
  paths(fileId: number, limit = 5): { paths: string[]; total: number } {
    const paths = (this.s.paths.all(fileId, limit) as { path: string }[]).map((r) => r.path);
    const total = paths.length < limit ? paths.length : (this.s.pathsTotal.get(fileId) as number);
    return { paths, total };
  }

  /** The agents that have the file, each with its paths and times, the most recent first. */
  places(fileId: number): FilePlace[] {
    const byAgent = new Map<string, FilePlace>();
    for (const r of this.s.places.all(fileId) as PlaceRow[]) {
      const key = JSON.stringify([r.agent_id, r.agent_name]);
      let place = byAgent.get(key);
      if (!place) {
        place = {
          agent: { id: r.agent_id, name: r.agent_name },
          paths: [],
          alerts: 0,
          firstSeen: iso(r.first_ts)!,
          lastSeen: iso(r.last_ts)!,
        };
        byAgent.set(key, place);
      }
      place.paths.push({ path: r.path, alerts: r.alerts, firstSeen: iso(r.first_ts)!, lastSeen: iso(r.last_ts)! });
      place.alerts += r.alerts;
      if (r.first_ts < Date.parse(place.firstSeen)) place.firstSeen = iso(r.first_ts)!;
    }
    return [...byAgent.values()];
  }

  /** The export's rows of one file: one per place (agent, path) with its newest alert; one without a place. */
  exportRows(row: FileListRow): FileExportRow[] {
    const base = {
      sha256: row.sha256,
      sha1: row.sha1,
      md5: row.md5,
      state: row.state,
      positives: row.positives,
      total: row.total,
      provider: row.origin,
      triage: row.triage_state,
      triageNote: row.triage_note,
      triageBy: row.triage_by,
      triageAt: iso(row.triage_at),
    };
    const places = this.s.exportPlaces.all(row.id) as (PlaceRow & { alert_id: string | null })[];
    if (places.length === 0) {
      return [{ ...base, agentId: null, agentName: null, path: null, alertId: null, alertAt: null, alerts: 0 }];
    }
    return places.map((p) => ({
      ...base,
      agentId: p.agent_id,
      agentName: p.agent_name,
      path: p.path,
      alertId: p.alert_id,
      alertAt: iso(p.last_ts),
      alerts: p.alerts,
    }));
  }
}

/** The aggregates as a fresh GROUP BY over the `alerts` view gives them. */
export function aggregatesByGroupBy(db: Db) {
  const places = db
    .prepare(
      `SELECT a.file_id, ag.id AS agent_ref, p.id AS path_id, COUNT(*) AS alerts, MIN(a.ts) AS first_ts,
        MAX(a.ts) AS last_ts,
        (SELECT y.id FROM alerts y WHERE y.file_id = a.file_id AND y.path = a.path AND y.agent_id IS a.agent_id
          AND y.agent_name IS a.agent_name AND y.agent_ip IS a.agent_ip ORDER BY y.ts DESC, y.id DESC LIMIT 1) AS last_id
      FROM alerts a JOIN alert_paths p ON p.path = a.path
        JOIN alert_agents ag ON ag.key = json_array(a.agent_id, a.agent_name, a.agent_ip)
      WHERE a.file_id IS NOT NULL GROUP BY a.file_id, ag.id, p.id ORDER BY 1, 2, 3`,
    )
    .all();
  const files = db
    .prepare(
      `SELECT file_id, COUNT(*) AS alerts,
        COUNT(DISTINCT COALESCE(agent_id, '') || char(0) || COALESCE(agent_name, '')) AS agents,
        MIN(ts) AS first_ts, MAX(ts) AS last_ts, MAX(path) AS max_path
      FROM alerts WHERE file_id IS NOT NULL GROUP BY file_id ORDER BY file_id`,
    )
    .all();
  // each file's order row (migration 13): its verdict, triage, newest alert and time to verdict
  const order = db
    .prepare(
      `SELECT f.id AS file_id, f.state, COALESCE(t.state, 'new') AS triage, a.last_ts,
        MAX(0, la.first_answer_at - a.first_ts) AS ttv
      FROM files f LEFT JOIN triage t ON t.file_id = f.id
        LEFT JOIN (SELECT file_id, MIN(ts) AS first_ts, MAX(ts) AS last_ts FROM alerts WHERE file_id IS NOT NULL
          GROUP BY file_id) a ON a.file_id = f.id
        LEFT JOIN (SELECT file_id, MIN(at) AS first_answer_at FROM lookups WHERE error IS NULL GROUP BY file_id) la
          ON la.file_id = f.id
      ORDER BY f.id`,
    )
    .all();
  return { places, files, order };
}

/**
 * The aggregates migration 10 keeps (places by dictionary ids, a file's greatest path as its text) and each file's
 * order row (migration 13).
 */
export function keptAggregates(db: Db) {
  return {
    places: db
      .prepare(
        'SELECT file_id, agent_ref, path_id, alerts, first_ts, last_ts, last_id FROM file_places ORDER BY 1, 2, 3',
      )
      .all(),
    files: db
      .prepare(
        `SELECT a.file_id, a.alerts, a.agents, a.first_ts, a.last_ts, p.path AS max_path
        FROM file_alerts a JOIN alert_paths p ON p.id = a.max_path_id ORDER BY a.file_id`,
      )
      .all(),
    order: db.prepare('SELECT file_id, state, triage, last_ts, ttv FROM file_order ORDER BY file_id').all(),
  };
}

const SORTS: FileSort[] = ['risk', 'name', 'verdict', 'triage', 'agents', 'alerts', 'first', 'last', 'ttv', 'provider'];

/**
 * Every answer of the Files view, by the maintained aggregates and by the GROUP BY queries, side by side: a page of
 * each filter with every sort both ways ('every') or a few; each file's paths and places; every export row.
 * Returns how many list rows were compared.
 */
export function expectSameFilesAnswers(db: Db, filters: [Omit<FileListFilter, 'sort'>, 'every' | 'some'][]): number {
  const now = new FileListStore(db);
  const before = new FileListByGroupBy(db);
  const fileIds = db.prepare('SELECT id FROM files ORDER BY id').pluck().all() as number[];
  let compared = 0;
  const everySort = SORTS.flatMap((s) => [s, `-${s}` as FileSort]);
  for (const [filter, sorts] of filters)
    for (const sort of sorts === 'every' ? everySort : (['risk', '-name', 'ttv', '-alerts'] as const)) {
      for (const [limit, offset] of [
        [1000, 0],
        [25, 50],
      ]) {
        const expected = before.list({ ...filter, sort }, limit, offset);
        expect({ filter, sort, offset, page: now.list({ ...filter, sort }, limit, offset) }).toEqual({
          filter,
          sort,
          offset,
          page: expected,
        });
        compared += expected.rows.length;
      }
    }
  for (const id of fileIds) {
    expect({ id, paths: now.paths(id) }).toEqual({ id, paths: before.paths(id) });
    expect({ id, paths: now.paths(id, 1) }).toEqual({ id, paths: before.paths(id, 1) });
    expect({ id, places: now.places(id) }).toEqual({ id, places: before.places(id) });
  }
  for (const row of now.list({ sort: 'risk' }, 10_000, 0).rows)
    expect({ id: row.id, rows: now.exportRows(row) }).toEqual({ id: row.id, rows: before.exportRows(row) });
  return compared;
}
