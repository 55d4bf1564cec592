// Where an alert stands in the Live table (newest first: ts DESC, id DESC, under the same filters and snapshot as
// its pages), so the table can jump to a date or to a Wazuh alert id however deep it is: the target row, then the
// number of rows before it. The filters are the list's own (alertFilter.ts), over alert_rows and its indexes.
import type { Db } from '../db/database';
import { Statements } from '../db/statements';
import { decodeAlertId, encodeAlertId } from './alertCodec';
import { alertFilterOf, type AlertsFilterQuery } from './alertFilter';
import type { AlertFilter } from './alertPages';
import type { LiveOrderAnchors } from './liveOrderAnchors';

export interface AlertPlace {
  /** the row's index in the table's order (its offset in /api/alerts) */
  offset: number;
  id: number;
  alertId: string;
  epochMs: number;
}

interface TargetRow {
  id: number;
  ts: number;
  alert_s: number;
  alert_n: number | string;
}

const TARGET = 'SELECT a.id, a.ts, a.alert_s, a.alert_n';

export class AlertPositions {
  private readonly statements: Statements;

  constructor(
    db: Db,
    /** positions along the order of every row (liveOrderAnchors.ts): without filters, counted from the nearest */
    private readonly anchors: LiveOrderAnchors | null = null,
  ) {
    this.statements = new Statements(db);
  }

  /** Without filters: the rows newer than the target, from the nearest anchor at or newer than it (null: none). */
  private beforeFromAnchor(filter: AlertsFilterQuery, row: TargetRow): number | null {
    const maxId = filter.maxId ?? Number.MAX_SAFE_INTEGER;
    const anchor = this.anchors?.atOrNewer({ ts: row.ts, id: row.id }, maxId);
    if (!anchor) return null;
    const between = this.statements
      .of(
        `SELECT COUNT(*) FROM alert_rows a INDEXED BY alert_rows_ts WHERE a.id <= @maxId
         AND (a.ts, a.id) > (@ts, @id) AND (a.ts, a.id) <= (@anchorTs, @anchorId)`,
      )
      .pluck()
      .get({ maxId, ts: row.ts, id: row.id, anchorTs: anchor.key.ts, anchorId: anchor.key.id }) as number;
    return anchor.newer + between;
  }

  /** The filter's terms, the snapshot's (maxId) added, and the parameters they bind. */
  private terms(f: AlertFilter, where: string[], filter: AlertsFilterQuery) {
    const snapshot = filter.maxId === undefined ? [] : ['a.id <= @maxId'];
    const params = filter.maxId === undefined ? f.params : { ...f.params, maxId: filter.maxId };
    return { where: [...where, ...snapshot], params };
  }

  private placeOf(f: AlertFilter, filter: AlertsFilterQuery, row: TargetRow | undefined): AlertPlace | null {
    if (!row) return null;
    const fromAnchor = f.where.length === 0 ? this.beforeFromAnchor(filter, row) : null;
    if (fromAnchor !== null)
      return { offset: fromAnchor, id: row.id, alertId: decodeAlertId(row.alert_s, row.alert_n), epochMs: row.ts };
    // the rows before it: through the filter's own index when it has one (as the list counts), else along the
    // Live order's index from the row to the newest
    const { where, params } = this.terms(f, f.sparse ? f.sparse.where : f.where, filter);
    const from = f.sparse ? f.sparse.from : 'alert_rows a INDEXED BY alert_rows_ts';
    const before = this.statements
      .of(`SELECT COUNT(*) FROM ${from} WHERE ${[...where, '(a.ts, a.id) > (@ts, @id)'].join(' AND ')}`)
      .pluck()
      .get({ ...params, ts: row.ts, id: row.id }) as number;
    return { offset: before, id: row.id, alertId: decodeAlertId(row.alert_s, row.alert_n), epochMs: row.ts };
  }

  /** The newest row at or before `atMs` (null: every row is newer). */
  atOrBefore(filter: AlertsFilterQuery, atMs: number): AlertPlace | null {
    const f = alertFilterOf(filter);
    const { where, params } = this.terms(f, f.where, filter);
    const sql = `${TARGET} FROM alert_rows a INDEXED BY alert_rows_ts WHERE ${[...where, 'a.ts <= @at'].join(' AND ')}
      ORDER BY a.ts DESC, a.id DESC LIMIT 1`;
    const row = this.statements.of(sql).get({ ...params, at: atMs }) as TargetRow | undefined;
    return this.placeOf(f, filter, row);
  }

  /** The row of a Wazuh alert id (the newest, should two managers share it), or null when no row shown has it. */
  ofAlertId(filter: AlertsFilterQuery, alertId: string): AlertPlace | null {
    const f = alertFilterOf(filter);
    const { where, params } = this.terms(f, f.where, filter);
    // the id as it is stored (alertCodec.ts), found on the (manager, alert id) key
    const [s, n] = encodeAlertId(alertId);
    const sql = `${TARGET} FROM alert_rows a INDEXED BY alert_rows_key
      WHERE ${['a.alert_n = @alertN', 'a.alert_s = @alertS', ...where].join(' AND ')} ORDER BY a.id DESC LIMIT 1`;
    const row = this.statements.of(sql).get({
      ...params,
      alertS: s,
      alertN: typeof n === 'number' ? BigInt(n) : n,
    }) as TargetRow | undefined;
    return this.placeOf(f, filter, row);
  }
}
