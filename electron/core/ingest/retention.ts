// Retention: alerts older than the kept days go, and the oldest go while the database uses more than the kept size;
// files, verdicts, the answer history (and triage) stay whatever it says. It works in small steps (a few thousand
// rows, one short transaction each) with the event loop free between them, so a batch being read is never held
// up for long; the space freed is given back to the file system a little at a time (incremental vacuum).
import type { RetentionSettings } from '../../../shared/settings';
import type { Clock, Logger } from '../base/runtime';
import type { Db } from '../db/database';
import { AlertRetentionStore, type OldestRowsListener } from '../store/alertRetentionStore';
import type { CountersStore } from '../store/countersStore';
import { WAZUH_VERDICT_ROWS } from '../wazuh/vtAlertRow';

const DAY_MS = 86_400_000;
/** rows per step: a few milliseconds of deleting */
export const RETENTION_STEP_ROWS = 2_000;
const VACUUM_STEP_PAGES = 2_000;
/** how often the rules are applied again while the app runs */
const RETENTION_EVERY_MS = 10 * 60_000;

/** What the next steps will remove. */
export interface RetentionPreview {
  days: number | null;
  maxBytes: number | null;
  /** bytes the database uses now (its file may be larger until freed pages are given back) */
  usedBytes: number;
  /** alerts the rules remove now (by size: an estimate from the average alert) */
  alerts: number;
  /** the newest of them is older than this (null: nothing to remove) */
  before: number | null;
  reason: 'age' | 'size' | null;
}

export interface RetentionDeps {
  db: Db;
  counters: CountersStore;
  clock: Clock;
  log: Logger;
  settings(): RetentionSettings;
  /** rows were removed (the views hear of it) */
  removed(count: number): void;
  /** told in the transaction that removes rows (the Live order's anchors) */
  oldestRows?: OldestRowsListener;
}

export class Retention {
  private readonly store: AlertRetentionStore;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(private readonly d: RetentionDeps) {
    this.store = new AlertRetentionStore(d.db, d.oldestRows ?? null);
  }

  private rows(): number {
    return this.d.counters.get('alertRows');
  }

  /** How many of the oldest rows the size rule removes now (an estimate: the average row's share of the space). */
  private overSize(maxBytes: number): number {
    const used = this.store.usedBytes();
    const rows = this.rows();
    if (used <= maxBytes || rows === 0) return 0;
    return Math.min(rows, Math.ceil((used - maxBytes) / (used / rows)));
  }

  preview(): RetentionPreview {
    const { days, maxGB } = this.d.settings();
    const maxBytes = maxGB === null ? null : Math.round(maxGB * 1e9);
    const usedBytes = this.store.usedBytes();
    const cutoff = days === null ? null : this.d.clock.now() - days * DAY_MS;
    const byAge = cutoff === null ? 0 : this.store.countBefore(cutoff);
    const bySize = maxBytes === null ? 0 : this.overSize(maxBytes);
    if (byAge === 0 && bySize === 0) return { days, maxBytes, usedBytes, alerts: 0, before: null, reason: null };
    if (byAge >= bySize) return { days, maxBytes, usedBytes, alerts: byAge, before: cutoff, reason: 'age' };
    const newest = this.store.nthOldestTs(bySize - 1);
    return { days, maxBytes, usedBytes, alerts: bySize, before: newest === null ? null : newest + 1, reason: 'size' };
  }

  /** One step: removes at most `limit` rows the rules say should go; returns how many went. */
  step(limit = RETENTION_STEP_ROWS): number {
    const { days, maxGB } = this.d.settings();
    const cutoff = days === null ? null : this.d.clock.now() - days * DAY_MS;
    const bySize = maxGB === null ? 0 : Math.min(limit, this.overSize(maxGB * 1e9));
    const removeRows = this.d.db.transaction(() => {
      let removed = 0;
      let wazuhRows = 0;
      if (cutoff !== null) {
        const r = this.store.removeOldest(limit, cutoff);
        removed += r.removed;
        wazuhRows += r.wazuhRows;
      }
      if (bySize > removed) {
        const r = this.store.removeOldest(bySize - removed, null);
        removed += r.removed;
        wazuhRows += r.wazuhRows;
      }
      this.d.counters.increment(WAZUH_VERDICT_ROWS, -wazuhRows);
      return removed;
    });
    try {
      return removeRows.immediate();
    } catch (error) {
      // the anchors were told of rows that are still there
      this.d.oldestRows?.forget();
      throw error;
    }
  }

  /** Apply the rules to the end, one step at a time, then give the space back; resolves with the rows removed. */
  run(): Promise<number> {
    this.running ??= this.runSteps().finally(() => (this.running = null));
    return this.running;
  }

  private async runSteps(): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.stopped) return total;
      const removed = this.step();
      total += removed;
      if (removed === 0) break;
      this.d.removed(removed);
      // ingest (and every request) runs between two steps
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    while (!this.stopped && this.store.vacuumStep(VACUUM_STEP_PAGES) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (total > 0) this.d.log.info(`retention removed ${total} alerts`);
    return total;
  }

  /** Apply the rules now and every few minutes. */
  start(): void {
    this.stopped = false;
    const tick = () => {
      this.run().catch((e: unknown) => this.d.log.warn(`retention: ${(e as Error).message}`));
      this.timer = setTimeout(tick, RETENTION_EVERY_MS);
      this.timer.unref?.();
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
