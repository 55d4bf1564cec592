// The Files view's queries: one row per file (its verdict, triage, places, counts and times), filtered and sorted,
// a page at a time; the rows of an export (a file at each of its places); a file's prevalence (agents, paths, times).
// Read-only over files, the per-file aggregates of the alerts (file_alerts, file_places: migration 10, kept by
// triggers wherever alert rows are written), each file's order row (file_order: migration 13, the default order,
// the time to verdict and every total), lookups and triage: no page reads the alerts themselves.
import type { FileExportRow, FilePlace, FileSort, TriageState } from '../../../shared/triage';
import type { VerdictState } from '../../../shared/domain';
import type { Db } from '../db/database';
import { decodeAlertId } from './alertCodec';
import { likeContains } from './alertsStore';

export interface FileListFilter {
  triage?: TriageState;
  state?: string;
  agent?: string;
  q?: string;
  sort: FileSort;
  /** only these files (a selection) */
  fileIds?: number[];
}

/** A row as the query gives it (the service turns it into the contract's FileRow). */
export interface FileListRow {
  id: number;
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  state: string;
  positives: number | null;
  total: number | null;
  scan_date: number | null;
  checked_at: number | null;
  origin: string | null;
  reason: string | null;
  names: string | null;
  triage_state: TriageState;
  triage_note: string | null;
  triage_by: string | null;
  triage_at: number | null;
  agents: number;
  alerts: number;
  first_ts: number | null;
  last_ts: number | null;
  first_answer_at: number | null;
}

/**
 * The verdicts by risk: detections first; then the files nobody could vouch for yet (no answer, not found); then
 * the clean ones; a file a provider or the allowlist knows good after those ('skipped' is an alert's state, not a
 * file's: last, as any other).
 */
export const VERDICT_RISK_ORDER = [
  'malicious',
  'suspicious',
  'error',
  'pending',
  'unknown',
  'clean',
  'known-good',
  'skipped',
] as const satisfies readonly VerdictState[];
const verdictRank = (
  state: string,
) => `CASE ${state} ${VERDICT_RISK_ORDER.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')}
  ELSE ${VERDICT_RISK_ORDER.length} END`;
const triageRank = (
  triage: string,
) => `CASE ${triage} WHEN 'new' THEN 0 WHEN 'escalated' THEN 1 WHEN 'acknowledged' THEN 2
  WHEN 'false-positive' THEN 3 ELSE 4 END`;
const VERDICT_RANK = verdictRank('f.state');
const TRIAGE_RANK = triageRank("COALESCE(t.state, 'new')");
// first_answer_at: the result column (a correlated subquery on lookups_answered)
const TTV = 'MAX(0, first_answer_at - a.first_ts)';

/** ORDER BY per sort key (ascending; `-key` reverses it); the id last keeps pages stable. */
const ORDER: Record<string, string> = {
  risk: `${VERDICT_RANK}, ${TRIAGE_RANK}, a.last_ts DESC NULLS LAST`,
  // the names, else the greatest path (migration 11 keeps it on the file, in order on files_sort_name)
  name: 'f.sort_name COLLATE NOCASE',
  verdict: `${VERDICT_RANK}, f.positives DESC`,
  triage: TRIAGE_RANK,
  agents: 'COALESCE(a.agents, 0)',
  alerts: 'COALESCE(a.alerts, 0)',
  first: 'a.first_ts',
  last: 'a.last_ts',
  ttv: TTV,
  provider: 'f.origin',
};

/**
 * The sorts the narrow order row of each file answers (file_order, migration 13: its verdict, triage, newest alert
 * and time to verdict, kept by triggers), read in order on its indexes; the risk terms are the expressions of its
 * index file_order_risk, which SQLite uses only while they are the same.
 */
const ORDER_ON_FILE_ORDER: Record<string, string> = {
  risk: `${verdictRank('o.state')}, ${triageRank('o.triage')}, o.last_ts DESC NULLS LAST`,
  ttv: 'o.ttv',
};

/** The ORDER BY of a sort key over the given terms and file id column (`-key` reverses it). */
function orderBy(sort: FileSort, terms: Record<string, string> = ORDER, id = 'f.id'): string {
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const base = terms[key] ?? terms.risk;
  if (!desc) return `${base}, ${id} DESC`;
  // reverse each term of the key (a term already DESC becomes ASC)
  const reversed = base
    .split(/,(?![^(]*\))/)
    .map((t) => t.trim())
    .map((t) => (/ DESC( NULLS LAST)?$/.test(t) ? t.replace(/ DESC( NULLS LAST)?$/, ' ASC NULLS FIRST') : `${t} DESC`));
  return `${reversed.join(', ')}, ${id} ASC`;
}

/** What a filter tests, in the columns of one FROM: the files' or their order rows'. */
interface FilterColumns {
  id: string;
  state: string;
  triage: string;
}
const ON_FILES: FilterColumns = { id: 'f.id', state: 'f.state', triage: "COALESCE(t.state, 'new')" };
const ON_FILE_ORDER: FilterColumns = { id: 'o.file_id', state: 'o.state', triage: 'o.triage' };

const FROM = `FROM files f
  LEFT JOIN triage t ON t.file_id = f.id
  LEFT JOIN file_alerts a ON a.file_id = f.id`;

const FIRST_ANSWER = '(SELECT MIN(l.at) FROM lookups l WHERE l.file_id = f.id AND l.error IS NULL)';

const SELECT_ROWS = `SELECT f.id, f.sha256, f.sha1, f.md5, f.state, f.positives, f.total, f.scan_date, f.checked_at, f.origin,
  f.reason, f.names, COALESCE(t.state, 'new') AS triage_state, t.note AS triage_note, t.actor AS triage_by,
  t.at AS triage_at, COALESCE(a.agents, 0) AS agents, COALESCE(a.alerts, 0) AS alerts, a.first_ts, a.last_ts,
  ${FIRST_ANSWER} AS first_answer_at`;

// a place is (agent id, agent name, path): the dictionary rows of one agent (its ip aside) are summed
const PLACES = `SELECT ag.agent_id, ag.agent_name, p.path, SUM(x.alerts) AS alerts, MIN(x.first_ts) AS first_ts,
    MAX(x.last_ts) AS last_ts, x.file_id, x.path_id
  FROM file_places x JOIN alert_agents ag ON ag.id = x.agent_ref JOIN alert_paths p ON p.id = x.path_id
  WHERE x.file_id = ? GROUP BY ag.agent_id, ag.agent_name, x.path_id ORDER BY MAX(x.last_ts) DESC`;

interface PlaceRow {
  agent_id: string | null;
  agent_name: string | null;
  path: string;
  alerts: number;
  first_ts: number;
  last_ts: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class FileListStore {
  private readonly cache = new Map<string, { list: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> }>();
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      paths: db.prepare(`SELECT p.path FROM file_places x JOIN alert_paths p ON p.id = x.path_id WHERE x.file_id = ?
          GROUP BY x.path_id ORDER BY MAX(x.last_ts) DESC LIMIT ?`),
      pathsTotal: db.prepare('SELECT COUNT(DISTINCT path_id) FROM file_places WHERE file_id = ?').pluck(),
      places: db.prepare(`${PLACES} LIMIT 2000`),
      // with the newest row of the place (of the agent's dictionary rows, when it has several: by time, then id)
      // a page's rows, by the ids its order found
      rows: db.prepare(`${SELECT_ROWS} ${FROM} WHERE f.id IN (SELECT value FROM json_each(?))`),
      exportPlaces: db.prepare(`SELECT g.*, r.alert_s, r.alert_n FROM (${PLACES}) g
          JOIN alert_rows r ON r.id = (SELECT y.last_id FROM file_places y JOIN alert_agents b ON b.id = y.agent_ref
            WHERE y.file_id = g.file_id AND y.path_id = g.path_id AND b.agent_id IS g.agent_id
              AND b.agent_name IS g.agent_name ORDER BY y.last_ts DESC, y.last_id DESC LIMIT 1)
          ORDER BY g.last_ts DESC`),
    };
  }

  private statements(filter: FileListFilter): {
    list: ReturnType<Db['prepare']>;
    count: ReturnType<Db['prepare']>;
    params: Record<string, unknown>;
  } {
    const params: Record<string, unknown> = {};
    const clauseOf = (c: FilterColumns): string => {
      const where: string[] = [];
      if (filter.triage) {
        where.push(`${c.triage} = @triage`);
        params.triage = filter.triage;
      }
      if (filter.state === 'detected') where.push(`${c.state} IN ('malicious', 'suspicious')`);
      else if (filter.state) {
        where.push(`${c.state} = @state`);
        params.state = filter.state;
      }
      if (filter.agent) {
        where.push(`${c.id} IN (SELECT x.file_id FROM file_places x
          WHERE x.agent_ref IN (SELECT id FROM alert_agents WHERE agent_id = @agent OR agent_name = @agent))`);
        params.agent = filter.agent;
      }
      if (filter.q) {
        // the files the search names, each part found on its own index (an OR over the files' columns would read
        // every file's long row): a name holding it (the names index alone), a path holding it (the paths
        // dictionary, then the places), a hash starting with it (hashes are lowercase hex: only a hex search can be
        // the start of one, a range of each unique hash index)
        const lower = filter.q.toLowerCase();
        const parts = [
          "SELECT id FROM files INDEXED BY files_names WHERE names IS NOT NULL AND names LIKE @q ESCAPE '\\'",
          "SELECT x.file_id FROM file_places x WHERE x.path_id IN (SELECT id FROM alert_paths WHERE path LIKE @q ESCAPE '\\')",
        ];
        if (/^[0-9a-f]+$/.test(lower) && lower.length <= 64) {
          params.qLo = lower;
          params.qHi = `${lower}g`;
          for (const hash of ['sha256', 'sha1', 'md5'])
            parts.push(`SELECT id FROM files WHERE ${hash} >= @qLo AND ${hash} < @qHi`);
        }
        where.push(`${c.id} IN (${parts.join(' UNION ')})`);
        params.q = likeContains(filter.q);
      }
      if (filter.fileIds) {
        where.push(`${c.id} IN (SELECT value FROM json_each(@fileIds))`);
        params.fileIds = JSON.stringify(filter.fileIds);
      }
      return where.length ? `WHERE ${where.join(' AND ')}` : '';
    };
    const onFiles = clauseOf(ON_FILES);
    const onOrder = clauseOf(ON_FILE_ORDER);
    const key = `${onFiles}|${filter.sort}`;
    let stmts = this.cache.get(key);
    if (!stmts) {
      const sortKey = filter.sort.replace(/^-/, '');
      // the page's ids alone: the order and the filters read what they test (often an index alone), not the
      // files' long rows; those are read for the page only
      let list: string;
      if (Object.hasOwn(ORDER_ON_FILE_ORDER, sortKey)) {
        list = `SELECT o.file_id FROM file_order o ${onOrder}
          ORDER BY ${orderBy(filter.sort, ORDER_ON_FILE_ORDER, 'o.file_id')} LIMIT @limit OFFSET @offset`;
      } else {
        const order = orderBy(filter.sort);
        const answer = order.includes('first_answer_at') ? `, ${FIRST_ANSWER} AS first_answer_at` : '';
        list = `SELECT f.id${answer} ${FROM} ${onFiles} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
      }
      stmts = {
        list: this.db.prepare(list).pluck(),
        // one order row per file: the total without the files' rows
        count: this.db.prepare(`SELECT COUNT(*) FROM file_order o ${onOrder}`).pluck(),
      };
      this.cache.set(key, stmts);
    }
    return { ...stmts, params };
  }

  list(filter: FileListFilter, limit: number, offset: number): { total: number; rows: FileListRow[] } {
    const { list, count, params } = this.statements(filter);
    // one read transaction: the ids, their rows and the total of the same state
    return this.db.transaction(() => {
      const ids = list.all({ ...params, limit, offset }) as number[];
      const byId = new Map((this.s.rows.all(JSON.stringify(ids)) as FileListRow[]).map((r) => [r.id, r]));
      return { total: count.get(params) as number, rows: ids.map((id) => byId.get(id)!) };
    })();
  }

  /** Every row the filter matches, in its order, a page at a time (exports). */
  *iterate(filter: FileListFilter, page = 500): Generator<FileListRow> {
    for (let offset = 0; ; offset += page) {
      const { rows } = this.list(filter, page, offset);
      yield* rows;
      if (rows.length < page) return;
    }
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
    const places = this.s.exportPlaces.all(row.id) as (PlaceRow & { alert_s: number; alert_n: number | string })[];
    if (places.length === 0) {
      return [{ ...base, agentId: null, agentName: null, path: null, alertId: null, alertAt: null, alerts: 0 }];
    }
    return places.map((p) => ({
      ...base,
      agentId: p.agent_id,
      agentName: p.agent_name,
      path: p.path,
      alertId: decodeAlertId(p.alert_s, p.alert_n),
      alertAt: iso(p.last_ts),
      alerts: p.alerts,
    }));
  }
}
