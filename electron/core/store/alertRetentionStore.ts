// What retention removes: the oldest alert rows, a few thousand at a time, with the counts kept beside them (the
// rows, each agent's). Files, their verdicts, the answer history and the queue are never touched here.
import type { Db } from '../db/database';
import type { OrderKey } from './liveOrderAnchors';

/** Who follows the removal of the oldest rows in the same transaction (the Live order's anchors). */
export interface OldestRowsListener {
  /** the `count` oldest rows went, up to `newest` */
  removedOldest(newest: OrderKey, count: number): void;
  /** the transaction that told removedOldest() rolled back */
  forget(): void;
}

export class AlertRetentionStore {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly listener: OldestRowsListener | null = null,
  ) {
    this.s = {
      removeBefore: db.prepare(
        `DELETE FROM alert_rows WHERE id IN (SELECT id FROM alert_rows WHERE ts < @before ORDER BY ts, id LIMIT @limit)
         RETURNING agent_ref, event, ts, id`,
      ),
      removeOldest: db.prepare(
        `DELETE FROM alert_rows WHERE id IN (SELECT id FROM alert_rows ORDER BY ts, id LIMIT @limit)
         RETURNING agent_ref, event, ts, id`,
      ),
      countBefore: db.prepare('SELECT COUNT(*) FROM alert_rows WHERE ts < ?').pluck(),
      oldest: db.prepare('SELECT MIN(ts) FROM alert_rows').pluck(),
      // the ts below which the `n` oldest rows lie
      nthOldest: db.prepare('SELECT ts FROM alert_rows ORDER BY ts, id LIMIT 1 OFFSET ?').pluck(),
      addAgent: db.prepare('UPDATE alert_agents SET alerts = alerts + ? WHERE id = ?'),
      addCounter: db.prepare(
        'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value',
      ),
    };
  }

  /**
   * Removes at most `limit` of the oldest rows (only those older than `before` when given), in the caller's
   * transaction. Returns how many went, and how many of them were rows built from Wazuh's own answers.
   */
  removeOldest(limit: number, before: number | null): { removed: number; wazuhRows: number } {
    const rows = (
      before === null ? this.s.removeOldest.all({ limit }) : this.s.removeBefore.all({ limit, before })
    ) as { agent_ref: number; event: number; ts: number; id: number }[];
    if (rows.length === 0) return { removed: 0, wazuhRows: 0 };
    const perAgent = new Map<number, number>();
    let wazuhRows = 0;
    let newest = rows[0];
    for (const r of rows) {
      perAgent.set(r.agent_ref, (perAgent.get(r.agent_ref) ?? 0) + 1);
      if (r.event === 3) wazuhRows++;
      if (r.ts > newest.ts || (r.ts === newest.ts && r.id > newest.id)) newest = r;
    }
    for (const [ref, n] of perAgent) this.s.addAgent.run(-n, ref);
    this.s.addCounter.run('alertRows', -rows.length);
    // cached totals and positions of the Live table are counted again (alertsStore.ts)
    this.s.addCounter.run('alertRowsVersion', 1);
    this.listener?.removedOldest({ ts: newest.ts, id: newest.id }, rows.length);
    return { removed: rows.length, wazuhRows };
  }

  countBefore(ts: number): number {
    return this.s.countBefore.get(ts) as number;
  }

  oldestTs(): number | null {
    return (this.s.oldest.get() as number | null) ?? null;
  }

  /** The time of the n-th oldest row (0: the oldest), or null when there are fewer. */
  nthOldestTs(n: number): number | null {
    return (this.s.nthOldest.get(n) as number | undefined) ?? null;
  }

  /** Bytes the database uses (pages not on the free list). */
  usedBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  /** Gives up to `pages` free pages back to the file system (incremental vacuum; nothing when it is not on). */
  vacuumStep(pages: number): number {
    const before = this.db.pragma('freelist_count', { simple: true }) as number;
    if (before === 0 || this.db.pragma('auto_vacuum', { simple: true }) !== 2) return 0;
    this.db.pragma(`incremental_vacuum(${Math.floor(pages)})`);
    return before - (this.db.pragma('freelist_count', { simple: true }) as number);
  }
}
