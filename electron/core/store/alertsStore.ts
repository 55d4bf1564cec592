// The alerts table: FIM file events, stored once per (manager, alert id), and the pages the views read. Rows are
// kept compactly (alert_rows with its dictionaries, migration 9; alertCodec.ts says how), pages are found by
// alertPages.ts, through the filters of alertFilter.ts.
import type { AlertItem } from '../../../shared/contract';
import { WAZUH_VT_LOCATION, type FimEvent, type WazuhVtAlertRow } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import type { Db } from '../db/database';
import {
  encodeAlertId,
  encodeMtime,
  encodeTimestamp,
  EVENT_CODES,
  hashMaskOf,
  hasAnyHash,
  shapeKey,
} from './alertCodec';
import { AlertDictionaries } from './alertDictionaries';
import { alertFilterOf, type AlertsFilterQuery } from './alertFilter';
import { AlertPages } from './alertPages';
import { LiveOrderAnchors } from './liveOrderAnchors';
import {
  fimRow,
  INSERT_COLUMNS,
  SELECT_ITEMS,
  toAlertItem,
  type AlertFile,
  type AlertJoinRow,
  type RowInput,
} from './alertRows';

export { likeContains, SELECT_ITEMS, toAlertItem, type AlertFile, type AlertJoinRow } from './alertRows';

export interface AlertQuery extends AlertsFilterQuery {
  limit: number;
  offset: number;
}

const NO_HASHES: FileHashes = { md5: null, sha1: null, sha256: null };
/** where values() puts a row's time and its agent */
const TS_COLUMN = INSERT_COLUMNS.indexOf('ts');
const AGENT_COLUMN = INSERT_COLUMNS.indexOf('agent_ref');

export class AlertsStore {
  private readonly s;
  private readonly dict: AlertDictionaries;
  private readonly pages: AlertPages;
  /** positions along the Live order of every row (built in the background: AlertsService) */
  readonly liveOrder: LiveOrderAnchors;
  /** rows added per agent in the transaction under way, written by flushCounts() */
  private agentDeltas = new Map<number, number>();
  private rowDelta = 0;

  constructor(private readonly db: Db) {
    this.dict = new AlertDictionaries(db);
    this.liveOrder = new LiveOrderAnchors(db);
    this.pages = new AlertPages(db, undefined, this.liveOrder);
    const counter = (name: string) =>
      db.prepare(`SELECT COALESCE((SELECT value FROM counters WHERE name = '${name}'), 0)`).pluck();
    this.s = {
      // positional parameters: binding named ones costs more than the insert itself on the ingest path
      insert: db.prepare(
        `INSERT OR IGNORE INTO alert_rows (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
      ),
      // the FIM alert arrives after Wazuh's answer about it: its row takes the place of the one built from the answer
      wazuhRowOf: db.prepare(
        `SELECT id, agent_ref, ts FROM alert_rows WHERE alert_n = ? AND alert_s = ? AND manager_id = ? AND event = ${EVENT_CODES.unknown}`,
      ),
      replace: db.prepare(`UPDATE alert_rows SET ${INSERT_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`),
      fileHashes: db.prepare('SELECT id, md5, sha1, sha256 FROM files WHERE id = ?'),
      newerThan: db.prepare(`${SELECT_ITEMS} WHERE a.id > ? ORDER BY a.id DESC LIMIT ?`),
      byIds: db.prepare(`${SELECT_ITEMS} WHERE a.id IN (SELECT value FROM json_each(?))`),
      maxId: db.prepare('SELECT COALESCE(MAX(id), 0) FROM alert_rows').pluck(),
      rows: counter('alertRows'),
      rowsVersion: counter('alertRowsVersion'),
      statesVersion: counter('alertStatesVersion'),
      addCounter: db.prepare(
        'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value',
      ),
      addAgent: db.prepare('UPDATE alert_agents SET alerts = alerts + ? WHERE id = ?'),
      countSince: db.prepare('SELECT COUNT(*) FROM alert_rows WHERE ts >= ?').pluck(),
      agents: db.prepare(
        `SELECT agent_id AS id, agent_name AS name, SUM(alerts) AS alerts FROM alert_agents GROUP BY agent_id, agent_name
         HAVING SUM(alerts) > 0 ORDER BY alerts DESC LIMIT 500`,
      ),
      // the files today's alerts carried: those whose newest alert is today, on their narrow order rows (migration
      // 12: each file's verdict and newest alert) instead of each file's long row (a busy day's thousands of files)
      todayStates: db.prepare('SELECT state, COUNT(*) AS n FROM file_order WHERE last_ts >= ? GROUP BY state'),
    };
  }

  private values(r: RowInput): unknown[] {
    // columns without a type keep what they are given: an integer is bound as one (a JS number would be a REAL)
    const int = (v: number | string | null) => (typeof v === 'number' ? BigInt(v) : v);
    const [alertS, alertN] = encodeAlertId(r.alertId);
    const hashes = hashMaskOf(r.after, r.file);
    const agentRef = this.dict.agent(r.agent);
    return [
      this.dict.manager(r.manager),
      alertS,
      int(alertN),
      r.epochMs,
      int(encodeTimestamp(r.timestamp, r.epochMs)),
      r.sourceId,
      agentRef,
      this.dict.shape(r.shape),
      this.dict.path(r.path),
      EVENT_CODES[r.event],
      r.file?.id ?? null,
      hashes.mask,
      hashes.explicit ? this.dict.hashSet(r.after) : null,
      hasAnyHash(r.before) ? this.dict.hashSet(r.before) : null,
      r.size,
      r.inode,
      int(encodeMtime(r.mtime)),
      r.logged ? 1 : 0,
    ];
  }

  private added(agentRef: number, n: number): void {
    this.agentDeltas.set(agentRef, (this.agentDeltas.get(agentRef) ?? 0) + n);
    this.rowDelta += n;
  }

  private insertRow(r: RowInput): number | null {
    const values = this.values(r);
    const info = this.s.insert.run(...values);
    if (info.changes === 0) return null;
    this.added(values[AGENT_COLUMN] as number, 1);
    return Number(info.lastInsertRowid);
  }

  /** Insert one FIM event; returns the new row id, or null when this (manager, alert id) is already stored. */
  insert(
    e: FimEvent,
    sourceId: number | null,
    skipReason: string | null,
    logged: boolean,
    file: AlertFile | null,
  ): number | null {
    return this.insertRow(fimRow(e, sourceId, skipReason, logged, file));
  }

  /**
   * Store the row of a file Wazuh's own VirusTotal integration answered about (wazuh/vtAlertRow.ts): once per
   * (manager, alert id), so nothing is added when the FIM alert it answered is stored already. Already in Wazuh,
   * it is never written to the integration log. Returns the new row id, or null.
   */
  insertWazuhVerdictRow(r: WazuhVtAlertRow, sourceId: number | null, fileId: number): number | null {
    const file = this.s.fileHashes.get(fileId) as AlertFile | undefined;
    return this.insertRow({
      manager: r.manager,
      alertId: r.alertId,
      epochMs: r.epochMs,
      timestamp: r.timestamp,
      sourceId,
      agent: r.agent,
      shape: shapeKey(
        {
          rule: r.rule,
          location: WAZUH_VT_LOCATION,
          mode: null,
          perm: null,
          uname: null,
          gname: null,
          uid: null,
          gid: null,
          changedAttributes: null,
          whodataUser: null,
          whodataProcess: null,
        },
        null,
      ),
      path: r.path,
      event: 'unknown',
      file: file ?? null,
      after: r.hashes,
      before: NO_HASHES,
      size: null,
      inode: null,
      mtime: null,
      logged: true,
    });
  }

  /** A FIM event whose (manager, alert id) holds a row built from Wazuh's answer: the event replaces it. */
  replaceWazuhRow(
    e: FimEvent,
    sourceId: number | null,
    skipReason: string | null,
    logged: boolean,
    file: AlertFile | null,
  ): number | null {
    const [alertS, alertN] = encodeAlertId(e.alertId);
    const old = this.s.wazuhRowOf.get(
      typeof alertN === 'number' ? BigInt(alertN) : alertN,
      alertS,
      this.dict.manager(e.manager),
    ) as { id: number; agent_ref: number; ts: number } | undefined;
    if (!old) return null;
    const values = this.values(fimRow(e, sourceId, skipReason, logged, file));
    this.s.replace.run(...values, old.id);
    this.added(old.agent_ref, -1);
    this.added(values[AGENT_COLUMN] as number, 1);
    // the row moved in the Live order and in the filters: cached totals and positions are counted again, the
    // Live order's anchors move with it
    this.s.addCounter.run('alertRowsVersion', 1);
    this.liveOrder.moved({ ts: old.ts, id: old.id }, values[TS_COLUMN] as number);
    return old.id;
  }

  /** Write the counts the rows added in this transaction moved (the agents list, the rows). */
  flushCounts(): void {
    for (const [ref, n] of this.agentDeltas) if (n !== 0) this.s.addAgent.run(n, ref);
    if (this.rowDelta !== 0) this.s.addCounter.run('alertRows', this.rowDelta);
    this.agentDeltas = new Map();
    this.rowDelta = 0;
  }

  /** The transaction that was adding rows rolled back: nothing it did is remembered. */
  rolledBack(): void {
    this.dict.forget();
    // it may have moved the anchors for a row that stays where it was
    this.liveOrder.forget();
    this.agentDeltas = new Map();
    this.rowDelta = 0;
  }

  maxId(): number {
    return this.s.maxId.get() as number;
  }

  /** Every alert row (kept in the ingest transaction: no scan). */
  count(): number {
    return this.s.rows.get() as number;
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
    const maxId = query.maxId ?? this.maxId();
    const versions = {
      rows: this.s.rowsVersion.get() as number,
      states: this.s.statesVersion.get() as number,
    };
    const filter = alertFilterOf(query);
    const { total, ids } = this.pages.page(filter, maxId, query.limit, query.offset, versions, () => this.count());
    const rows = new Map((this.s.byIds.all(JSON.stringify(ids)) as AlertJoinRow[]).map((r) => [r.id, r]));
    const items = ids.map((id) => toAlertItem(rows.get(id)!));
    return { total, items, maxId };
  }
}
