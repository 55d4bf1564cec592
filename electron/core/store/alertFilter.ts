// The Live view's filters as SQL over alert_rows a, with a selective index to read them through where one serves:
// the one implementation behind the list's pages (alertPages.ts) and the position of a row among them
// (alertPosition.ts), so that a row's position is counted among exactly the rows the table pages through.
import { EVENT_CODES } from './alertCodec';
import type { AlertFilter } from './alertPages';
import { likeContains } from './alertRows';

/** The filters of a Live page (AlertQuery without its paging). */
export interface AlertsFilterQuery {
  q?: string;
  state?: string;
  agent?: string;
  event?: string;
  /** the snapshot: only rows with id <= maxId (not part of the AlertFilter: its pages and positions add it) */
  maxId?: number;
  fileId?: number;
  /** the triage state of the alert's file (no triage row: new); alerts without a file never match */
  triage?: string;
}

/** The filters of a query as SQL over alert_rows a, and the same through a selective index where one serves. */
export function alertFilterOf(query: AlertsFilterQuery): AlertFilter {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  // the condition that picks the fewest rows, and how to find them without walking the Live order
  let driver: { condition: string; sparse: string; from: string } | null = null;
  if (query.q) {
    const q = query.q;
    const lower = q.toLowerCase();
    params.q = likeContains(q);
    params.qPrefix = likeContains(lower).slice(1);
    const paths = "SELECT id FROM alert_paths WHERE path LIKE @q ESCAPE '\\'";
    // hashes kept with the alert (not its file's) are few: searched as the old column was
    const own = "SELECT id FROM alert_hashes WHERE sha256 LIKE @qPrefix ESCAPE '\\' OR md5 LIKE @qPrefix ESCAPE '\\'";
    const dense = [`a.path_id IN (${paths})`, `a.after_hashes_id IN (${own})`];
    const sparse = [
      `SELECT id FROM alert_rows INDEXED BY alert_rows_path WHERE path_id IN (${paths})`,
      `SELECT id FROM alert_rows INDEXED BY alert_rows_own_hashes WHERE after_hashes_id IS NOT NULL AND after_hashes_id IN (${own})`,
    ];
    // a hash is lowercase hex: only a hex search can be the start of one, found on the files' hash indexes
    if (/^[0-9a-f]+$/.test(lower) && lower.length <= 64) {
      params.qLo = lower;
      params.qHi = `${lower}g`;
      for (const [kind, bit] of [
        ['sha256', 4],
        ['md5', 1],
      ] as const) {
        const files = `SELECT id FROM files WHERE ${kind} >= @qLo AND ${kind} < @qHi`;
        dense.push(`(a.hash_mask & ${bit} AND a.file_id IN (${files}))`);
        sparse.push(
          `SELECT id FROM alert_rows INDEXED BY alert_rows_file WHERE file_id IN (${files}) AND hash_mask & ${bit}`,
        );
      }
    }
    driver = {
      condition: `(${dense.join(' OR ')})`,
      sparse: `a.id IN (${sparse.join(' UNION ALL ')})`,
      from: 'alert_rows a',
    };
    where.push(driver.condition);
  }
  if (query.fileId !== undefined) {
    where.push('a.file_id = @fileId');
    params.fileId = query.fileId;
    driver ??= { condition: 'a.file_id = @fileId', sparse: '', from: 'alert_rows a INDEXED BY alert_rows_file' };
  }
  let byState = false;
  if (query.state === 'skipped') where.push('a.file_id IS NULL');
  else if (query.state) {
    const condition = 'a.file_id IN (SELECT id FROM files WHERE state = @state)';
    where.push(condition);
    params.state = query.state;
    byState = true;
    driver ??= { condition, sparse: '', from: 'alert_rows a INDEXED BY alert_rows_file' };
  }
  if (query.agent) {
    const condition = 'a.agent_ref IN (SELECT id FROM alert_agents WHERE agent_id = @agent OR agent_name = @agent)';
    where.push(condition);
    params.agent = query.agent;
    driver ??= { condition, sparse: '', from: 'alert_rows a INDEXED BY alert_rows_agent' };
  }
  if (query.event) {
    where.push('a.event = @event');
    params.event = EVENT_CODES[query.event as keyof typeof EVENT_CODES] ?? -1;
  }
  if (query.triage) {
    // no triage row: new; an alert without a file has no triage
    where.push(
      "a.file_id IS NOT NULL AND COALESCE((SELECT t.state FROM triage t WHERE t.file_id = a.file_id), 'new') = @triage",
    );
    params.triage = query.triage;
  }
  const sparse = driver && {
    from: driver.from,
    where: driver.sparse ? where.map((w) => (w === driver.condition ? driver.sparse : w)) : where,
  };
  return { key: `${where.join(' AND ')}|${JSON.stringify(params)}`, where, params, byState, sparse };
}
