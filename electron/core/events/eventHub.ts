// The one event hub: every service tells the views what changed through it (new alerts, verdicts, source states,
// backfill jobs, reanalyses), and the stats are pushed from here at most twice a second, only while someone listens.
// A listener that throws is logged and does not stop the others.
import type { ApiEvent, Stats } from '../../../shared/contract';
import type { Logger } from '../base/runtime';

/** How often the stats are pushed at most. */
export const STATS_PUSH_MS = 500;

export class EventHub {
  private readonly listeners = new Set<(e: ApiEvent) => void>();
  private statsTimer: NodeJS.Timeout | null = null;
  private buildStats: (() => Stats) | null = null;

  constructor(private readonly log: Logger) {}

  subscribe(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Someone listens: events worth building (a page of new alerts) are built only then. */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: ApiEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (error) {
        this.log.error(`event listener failed: ${(error as Error).message}`);
      }
    }
  }

  /** Where the stats come from (the stats service, set once the engine is wired). */
  statsFrom(build: () => Stats): void {
    this.buildStats = build;
  }

  /** Something counted moved: the stats are pushed within STATS_PUSH_MS, once for many changes. */
  statsChanged(): void {
    if (this.statsTimer || this.listeners.size === 0 || !this.buildStats) return;
    const build = this.buildStats;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = null;
      if (this.listeners.size > 0) this.emit({ type: 'stats', stats: build() });
    }, STATS_PUSH_MS);
  }

  /** The engine stops: a stats push due is dropped (events still reach the listeners until close()). */
  cancelStatsPush(): void {
    if (this.statsTimer) clearTimeout(this.statsTimer);
    this.statsTimer = null;
  }

  /** No more events: the listeners are forgotten. */
  close(): void {
    this.cancelStatsPush();
    this.listeners.clear();
  }
}
