// How often the write-ahead log is checkpointed (its pages copied into the database file), by whether someone is
// using the app. SQLite checkpoints inside the commit that crosses the threshold, on the engine's thread: at 1M
// stored alerts a checkpoint of 10,000 pages (~40 MB of log) holds it ~150 ms, one of 2,500 pages ~40 ms. Storing a
// backlog is ~19% faster with the larger threshold (the same hot index pages are copied once, not four times), so
// it is kept while nobody asks anything; a request (a view, a script) switches to the smaller one until none has
// come for RESPONSIVE_FOR_MS, so that what the analyst asks during a catch-up waits less (docs/BENCHMARKS.md).
import type Database from 'better-sqlite3';

type Db = Database.Database;

export const CHECKPOINT_PAGES = { throughput: 10_000, responsive: 2_500 } as const;
export const RESPONSIVE_FOR_MS = 10_000;

export class CheckpointPace {
  private pages: number = CHECKPOINT_PAGES.throughput;
  private responsiveUntil = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** A request came: checkpoint in small steps until requests stop coming. */
  requestSeen(): void {
    this.responsiveUntil = this.now() + RESPONSIVE_FOR_MS;
    this.set(CHECKPOINT_PAGES.responsive);
    this.timer ??= this.wakeIn(RESPONSIVE_FOR_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private wakeIn(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timer = null;
      const left = this.responsiveUntil - this.now();
      if (left > 0) this.timer = this.wakeIn(left);
      else this.set(CHECKPOINT_PAGES.throughput);
    }, ms);
    timer.unref();
    return timer;
  }

  private set(pages: number): void {
    if (pages === this.pages || !this.db.open) return;
    this.db.pragma(`wal_autocheckpoint = ${pages}`);
    this.pages = pages;
  }
}
