// Where an alert stands in the Live table (newest first: ts DESC, id DESC, under the same filters and snapshot as
// its pages), so the table can jump to a date or to a Wazuh alert id however deep it is: the target row by an
// index, then the number of rows before it.
import type { Db } from '../db/database';
import { alertsWhere, type AlertsFilterQuery } from './alertsWhere';

export interface AlertPlace {
  /** the row's index in the table's order (its offset in /api/alerts) */
  offset: number;
  id: number;
  alertId: string;
  epochMs: number;
}

interface TargetRow {
  id: number;
  alert_id: string;
  ts: number;
}

/**
 * Wazuh's alert ids are "<epoch seconds>.<counter>", the seconds those of the alert's own timestamp: such an id is
 * looked for within two days of that time (the ts index), never by reading every row.
 */
const ALERT_ID = /^(\d{1,12})\.\d{1,20}$/;
const AROUND_MS = 2 * 86_400_000;

export class AlertPositions {
  private readonly cache = new Map<string, import('better-sqlite3').Statement>();

  constructor(private readonly db: Db) {}

  private statement(sql: string): import('better-sqlite3').Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  private query(filter: AlertsFilterQuery, extra: string[]) {
    const { where, params } = alertsWhere(filter);
    const terms = [...where, ...extra];
    const join = terms.some((t) => t.includes('f.')) ? 'LEFT JOIN files f ON f.id = a.file_id' : '';
    return { from: `FROM alerts a ${join} WHERE ${terms.length ? terms.join(' AND ') : '1'}`, params };
  }

  private placeOf(filter: AlertsFilterQuery, row: TargetRow | undefined): AlertPlace | null {
    if (!row) return null;
    const { from, params } = this.query(filter, ['(a.ts > @ts OR (a.ts = @ts AND a.id > @id))']);
    const before = this.statement(`SELECT COUNT(*) ${from}`)
      .pluck()
      .get({ ...params, ts: row.ts, id: row.id }) as number;
    return { offset: before, id: row.id, alertId: row.alert_id, epochMs: row.ts };
  }

  /** The newest row at or before `atMs` (null: every row is newer). */
  atOrBefore(filter: AlertsFilterQuery, atMs: number): AlertPlace | null {
    const { from, params } = this.query(filter, ['a.ts <= @at']);
    const row = this.statement(`SELECT a.id, a.alert_id, a.ts ${from} ORDER BY a.ts DESC, a.id DESC LIMIT 1`).get({
      ...params,
      at: atMs,
    }) as TargetRow | undefined;
    return this.placeOf(filter, row);
  }

  /** The row of a Wazuh alert id (the newest, should two managers share it), or null when no row shown has it. */
  ofAlertId(filter: AlertsFilterQuery, alertId: string): AlertPlace | null {
    const seconds = ALERT_ID.exec(alertId)?.[1];
    let row: TargetRow | undefined;
    if (seconds !== undefined) {
      const { from, params } = this.query(filter, ['a.ts BETWEEN @lo AND @hi', 'a.alert_id = @alertId']);
      const ms = Number(seconds) * 1000;
      row = this.statement(`SELECT a.id, a.alert_id, a.ts ${from} ORDER BY a.id DESC LIMIT 1`).get({
        ...params,
        lo: ms - AROUND_MS,
        hi: ms + AROUND_MS,
        alertId,
      }) as TargetRow | undefined;
    }
    if (seconds === undefined) {
      // an id whose form says nothing of the alert's time (not Wazuh's): every row is read
      const { from, params } = this.query(filter, ['a.alert_id = @alertId']);
      row = this.statement(`SELECT a.id, a.alert_id, a.ts ${from} ORDER BY a.id DESC LIMIT 1`).get({
        ...params,
        alertId,
      }) as TargetRow | undefined;
    }
    return this.placeOf(filter, row);
  }
}
