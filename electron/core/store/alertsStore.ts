// The alerts table: FIM file events, stored once per (manager, alert id), and the pages the views read.
import type { AlertItem } from '../../../shared/contract';
import { WAZUH_VT_LOCATION, type FimEvent, type WazuhVtAlertRow } from '../../../shared/domain';
import type { Db } from '../db/database';

import { verdictOfStored, verdictWithoutAnswer } from '../../../shared/verdict';

export interface AlertQuery {
  limit: number;
  offset: number;
  q?: string;
  state?: string;
  agent?: string;
  event?: string;
  maxId?: number;
  fileId?: number;
}

export interface AlertJoinRow {
  id: number;
  manager: string;
  alert_id: string;
  ts: number;
  timestamp: string;
  source_id: number | null;
  agent_id: string | null;
  agent_name: string | null;
  agent_ip: string | null;
  rule_id: string;
  rule_level: number;
  rule_description: string;
  path: string;
  /** 'unknown': a row built from Wazuh's own VirusTotal alert (the FIM alert itself was not read) */
  event: 'added' | 'modified' | 'deleted' | 'unknown';
  mode: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  size: number | null;
  uname: string | null;
  whodata_user: string | null;
  whodata_process: string | null;
  file_id: number | null;
  skip_reason: string | null;
  f_state: string | null;
  f_positives: number | null;
  f_total: number | null;
  f_scan_date: number | null;
  f_checked_at: number | null;
  f_origin: string | null;
  f_reason: string | null;
  f_sha256: string | null;
}

/** The alert rows with their file's verdict, as the views read them (integrationLogStore.ts reads them too). */
export const SELECT_ITEMS = `SELECT a.id, a.manager, a.alert_id, a.ts, a.timestamp, a.source_id, a.agent_id, a.agent_name, a.agent_ip,
  a.rule_id, a.rule_level, a.rule_description, a.path, a.event, a.mode, a.md5, a.sha1, a.sha256, a.size, a.uname,
  a.whodata_user, a.whodata_process, a.file_id, a.skip_reason,
  f.state AS f_state, f.positives AS f_positives, f.total AS f_total, f.scan_date AS f_scan_date,
  f.checked_at AS f_checked_at, f.origin AS f_origin, f.reason AS f_reason, f.sha256 AS f_sha256
FROM alerts a LEFT JOIN files f ON f.id = a.file_id`;

/** The columns insert() writes, in the order of its arguments. */
const INSERT_COLUMNS = [
  'manager',
  'alert_id',
  'ts',
  'timestamp',
  'source_id',
  'agent_id',
  'agent_name',
  'agent_ip',
  'rule_id',
  'rule_level',
  'rule_description',
  'rule_groups',
  'location',
  'path',
  'event',
  'mode',
  'md5',
  'sha1',
  'sha256',
  'md5_before',
  'sha1_before',
  'sha256_before',
  'size',
  'perm',
  'uname',
  'gname',
  'uid',
  'gid',
  'inode',
  'mtime',
  'changed_attributes',
  'whodata_user',
  'whodata_process',
  'file_id',
  'skip_reason',
  'integration_logged',
] as const;

export function toAlertItem(r: AlertJoinRow): AlertItem {
  return {
    id: r.id,
    alertId: r.alert_id,
    timestamp: r.timestamp,
    epochMs: r.ts,
    manager: r.manager,
    agent: { id: r.agent_id, name: r.agent_name, ip: r.agent_ip },
    rule: { id: r.rule_id, level: r.rule_level, description: r.rule_description },
    path: r.path,
    event: r.event,
    mode: r.mode,
    md5: r.md5,
    sha1: r.sha1,
    sha256: r.sha256,
    size: r.size,
    uname: r.uname,
    whodata: r.whodata_user || r.whodata_process ? { user: r.whodata_user, process: r.whodata_process } : null,
    sourceId: r.source_id,
    verdict:
      r.file_id === null || r.f_state === null
        ? verdictWithoutAnswer('skipped', r.skip_reason)
        : verdictOfStored({
            state: r.f_state,
            positives: r.f_positives,
            total: r.f_total,
            scanDate: r.f_scan_date,
            checkedAt: r.f_checked_at,
            origin: r.f_origin,
            reason: r.f_reason,
            sha256: r.f_sha256,
          }),
  };
}

/** LIKE pattern for a substring, with the wildcards of the input escaped. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** The values of one FIM event, in the order of INSERT_COLUMNS. */
function insertValues(
  e: FimEvent,
  sourceId: number | null,
  skipReason: string | null,
  logged: boolean,
  fileId: number | null,
): unknown[] {
  return [
    e.manager,
    e.alertId,
    e.epochMs,
    e.timestamp,
    sourceId,
    e.agent.id,
    e.agent.name,
    e.agent.ip,
    e.rule.id,
    e.rule.level,
    e.rule.description,
    e.rule.groups.join(','),
    e.location,
    e.path,
    e.event,
    e.mode,
    e.after.md5,
    e.after.sha1,
    e.after.sha256,
    e.before.md5,
    e.before.sha1,
    e.before.sha256,
    e.size,
    e.perm,
    e.uname,
    e.gname,
    e.uid,
    e.gid,
    e.inode,
    e.mtime,
    e.changedAttributes.length ? e.changedAttributes.join(',') : null,
    e.whodataUser,
    e.whodataProcess,
    fileId,
    skipReason,
    logged || skipReason !== null ? 1 : 0,
  ];
}

export class AlertsStore {
  private readonly s;
  private readonly listCache = new Map<
    string,
    { list: import('better-sqlite3').Statement; count: import('better-sqlite3').Statement }
  >();

  constructor(private readonly db: Db) {
    this.s = {
      // positional parameters: binding 36 named ones costs more than the insert itself on the ingest path
      insert: db.prepare(
        `INSERT OR IGNORE INTO alerts (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
      ),
      newerThan: db.prepare(`${SELECT_ITEMS} WHERE a.id > ? ORDER BY a.id DESC LIMIT ?`),
      maxId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM alerts').pluck(),
      count: db.prepare('SELECT COUNT(*) FROM alerts').pluck(),
      countSince: db.prepare('SELECT COUNT(*) FROM alerts WHERE ts >= ?').pluck(),
      agents: db.prepare(
        'SELECT agent_id AS id, agent_name AS name, COUNT(*) AS alerts FROM alerts GROUP BY agent_id, agent_name ORDER BY alerts DESC LIMIT 500',
      ),
      // per file, one probe of alerts_file (file_id, ts): a join over today's alerts took 100x longer at 100k rows
      todayStates: db.prepare(
        'SELECT f.state AS state, COUNT(*) AS n FROM files f WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.file_id = f.id AND a.ts >= ?) GROUP BY f.state',
      ),
      // the FIM alert arrives after Wazuh's answer about it: its row takes the place of the one built from the answer
      replaceWazuhRow: db.prepare(
        `UPDATE alerts SET ${INSERT_COLUMNS.filter((c) => c !== 'manager' && c !== 'alert_id')
          .map((c) => `${c} = @${c}`)
          .join(
            ', ',
          )} WHERE manager = @manager AND alert_id = @alert_id AND location = '${WAZUH_VT_LOCATION}' AND event = 'unknown' RETURNING id`,
      ),
    };
  }

  /** Insert one FIM event; returns the new row id, or null when this (manager, alert id) is already stored. */
  insert(
    e: FimEvent,
    sourceId: number | null,
    skipReason: string | null,
    logged: boolean,
    fileId: number | null,
  ): number | null {
    const info = this.s.insert.run(...insertValues(e, sourceId, skipReason, logged, fileId));
    return info.changes > 0 ? Number(info.lastInsertRowid) : null;
  }

  /**
   * Store the row of a file Wazuh's own VirusTotal integration answered about (wazuh/vtAlertRow.ts): once per
   * (manager, alert id), so nothing is added when the FIM alert it answered is stored already. Already in Wazuh,
   * it is never written to the integration log. Returns the new row id, or null.
   */
  insertWazuhVerdictRow(r: WazuhVtAlertRow, sourceId: number | null, fileId: number): number | null {
    const values: Partial<Record<(typeof INSERT_COLUMNS)[number], unknown>> = {
      manager: r.manager,
      alert_id: r.alertId,
      ts: r.epochMs,
      timestamp: r.timestamp,
      source_id: sourceId,
      agent_id: r.agent.id,
      agent_name: r.agent.name,
      agent_ip: r.agent.ip,
      rule_id: r.rule.id,
      rule_level: r.rule.level,
      rule_description: r.rule.description,
      rule_groups: r.rule.groups.join(','),
      location: WAZUH_VT_LOCATION,
      path: r.path,
      event: 'unknown',
      md5: r.hashes.md5,
      sha1: r.hashes.sha1,
      sha256: r.hashes.sha256,
      file_id: fileId,
      integration_logged: 1,
    };
    const info = this.s.insert.run(...INSERT_COLUMNS.map((c) => values[c] ?? null));
    return info.changes > 0 ? Number(info.lastInsertRowid) : null;
  }

  /** A FIM event whose (manager, alert id) holds a row built from Wazuh's answer: the event replaces it. */
  replaceWazuhRow(
    e: FimEvent,
    sourceId: number | null,
    skipReason: string | null,
    logged: boolean,
    fileId: number | null,
  ): number | null {
    const values = insertValues(e, sourceId, skipReason, logged, fileId);
    const params = Object.fromEntries(INSERT_COLUMNS.map((c, i) => [c, values[i]]));
    const row = this.s.replaceWazuhRow.get(params) as { id: number } | undefined;
    return row?.id ?? null;
  }

  maxId(): number {
    return this.s.maxId.get() as number;
  }

  count(): number {
    return this.s.count.get() as number;
  }

  countSince(ts: number): number {
    return this.s.countSince.get(ts) as number;
  }

  /** The newest rows after `afterId` (what a batch added), newest first. */
  newerThan(afterId: number, limit: number): AlertItem[] {
    return (this.s.newerThan.all(afterId, limit) as AlertJoinRow[]).map(toAlertItem);
  }

  agents(): { id: string | null; name: string | null; alerts: number }[] {
    return this.s.agents.all() as { id: string | null; name: string | null; alerts: number }[];
  }

  fileStatesSince(ts: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.todayStates.all(ts) as { state: string; n: number }[]) out[r.state] = r.n;
    return out;
  }

  /** A page of alerts, newest first, with the total matching the filters. */
  list(query: AlertQuery): { total: number; items: AlertItem[]; maxId: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.maxId !== undefined) {
      where.push('a.id <= @maxId');
      params.maxId = query.maxId;
    }
    if (query.fileId !== undefined) {
      where.push('a.file_id = @fileId');
      params.fileId = query.fileId;
    }
    if (query.q) {
      where.push(
        "(a.path LIKE @q ESCAPE '\\' OR a.sha256 LIKE @qPrefix ESCAPE '\\' OR a.md5 LIKE @qPrefix ESCAPE '\\')",
      );
      params.q = likeContains(query.q);
      params.qPrefix = likeContains(query.q.toLowerCase()).slice(1);
    }
    if (query.state === 'skipped') where.push('a.file_id IS NULL');
    else if (query.state) {
      where.push('f.state = @state');
      params.state = query.state;
    }
    if (query.agent) {
      where.push('(a.agent_id = @agent OR a.agent_name = @agent)');
      params.agent = query.agent;
    }
    if (query.event) {
      where.push('a.event = @event');
      params.event = query.event;
    }
    const key = where.join(' AND ');
    let stmts = this.listCache.get(key);
    if (!stmts) {
      const clause = where.length ? `WHERE ${key}` : '';
      stmts = {
        list: this.db.prepare(`${SELECT_ITEMS} ${clause} ORDER BY a.ts DESC, a.id DESC LIMIT @limit OFFSET @offset`),
        // the join only when a filter needs the file's state (SQLite does not drop an unused LEFT JOIN here)
        count: this.db
          .prepare(
            `SELECT COUNT(*) FROM alerts a ${key.includes('f.') ? 'LEFT JOIN files f ON f.id = a.file_id' : ''} ${clause}`,
          )
          .pluck(),
      };
      this.listCache.set(key, stmts);
    }
    const maxId = query.maxId ?? this.maxId();
    const items = (stmts.list.all({ ...params, limit: query.limit, offset: query.offset }) as AlertJoinRow[]).map(
      toAlertItem,
    );
    const total = stmts.count.get(params) as number;
    return { total, items, maxId };
  }
}
