// The quota gate. VirusTotal counts the requests of the last minute, of the UTC day and of the UTC month, so
// this is a sliding 60-second window (not a refilling bucket) plus two calendar windows, all counted from a
// persisted request log: a restart does not reset the window.
import type { Clock } from '../base/runtime';
import type { RequestLog } from '../store/requestLogStore';

export type { RequestLog } from '../store/requestLogStore';

export interface QuotaLimits {
  perMinute: number;
  perDay: number;
  perMonth: number;
}

export type QuotaWindowName = 'minute' | 'day' | 'month';

export interface WindowUsage {
  used: number;
  limit: number;
  left: number;
  /** when a slot next frees in this window (null when one is free now) */
  resetsAt: number | null;
}

export const MINUTE_MS = 60_000;

export function utcDayStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
export function utcMonthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
function nextUtcDay(t: number): number {
  return utcDayStart(t) + 86_400_000;
}
function nextUtcMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * Extra span added to the minute window. The server counts arrivals, we count departures: a slow request
 * followed by a fast one can arrive closer together than they left, so we keep a margin (1 s by default).
 */
export const DEFAULT_MINUTE_MARGIN_MS = 1000;

export class QuotaGate {
  private readonly windowMs: number;

  /**
   * `onSpent`: counts each request spent (the stats' requests count), in the same place the window takes it.
   */
  constructor(
    private readonly log: RequestLog,
    private limits: QuotaLimits,
    private readonly clock: Clock,
    minuteMarginMs = DEFAULT_MINUTE_MARGIN_MS,
    private readonly onSpent: (kind: string) => void = () => {},
  ) {
    this.windowMs = MINUTE_MS + minuteMarginMs;
  }

  setLimits(limits: QuotaLimits): void {
    this.limits = limits;
  }

  usage(): Record<QuotaWindowName, WindowUsage> {
    const now = this.clock.now();
    return {
      minute: this.window(now - this.windowMs, this.limits.perMinute, (since) => {
        // the slot frees when the oldest of the last N requests leaves the window
        const oldest = this.log.nthNewestSince(since, this.limits.perMinute);
        return oldest === null ? null : oldest + this.windowMs + 1;
      }),
      day: this.window(utcDayStart(now), this.limits.perDay, () => nextUtcDay(now)),
      month: this.window(utcMonthStart(now), this.limits.perMonth, () => nextUtcMonth(now)),
    };
  }

  private window(since: number, limit: number, freesAt: (since: number) => number | null): WindowUsage {
    const used = this.log.countSince(since);
    const left = Math.max(0, limit - used);
    return { used, limit, left, resetsAt: left > 0 ? null : freesAt(since) };
  }

  /** When the next request may be sent: now, or the time the blocking window frees. */
  nextSlot(): { at: number; blockedBy: QuotaWindowName | null } {
    const now = this.clock.now();
    const u = this.usage();
    // the longest wait wins: a full day beats a full minute
    for (const name of ['month', 'day', 'minute'] as const) {
      const w = u[name];
      if (w.left === 0) return { at: Math.max(now, w.resetsAt ?? now), blockedBy: name };
    }
    return { at: now, blockedBy: null };
  }

  /** Take a slot if one is free now, recording the request before it is sent (a crash still counts it). */
  tryAcquire(kind: string): boolean {
    if (this.nextSlot().blockedBy !== null) return false;
    const now = this.clock.now();
    this.log.record(now, kind);
    return true;
  }

  /**
   * Spend one request: take a slot if one is free now and count it. Every request sent is spent here (a look-up, a
   * reanalysis and its polls, "Test key"), before it is sent. false: no slot is free (nothing spent).
   */
  spend(kind: string): boolean {
    if (!this.tryAcquire(kind)) return false;
    this.onSpent(kind);
    return true;
  }

  /** Forget requests older than the month window (the log stays small). */
  prune(): void {
    this.log.prune(utcMonthStart(this.clock.now()) - 86_400_000);
  }
}

/** An in-memory RequestLog (tests, and the benchmark's Wazuh comparison). */
export function memoryRequestLog(): RequestLog & { times: number[] } {
  const times: number[] = [];
  return {
    times,
    record: (at) => {
      times.push(at);
      times.sort((a, b) => a - b);
    },
    countSince: (since) => times.filter((t) => t >= since).length,
    nthNewestSince: (since, n) => {
      const inWindow = times.filter((t) => t >= since);
      return inWindow.length >= n ? inWindow[inWindow.length - n] : null;
    },
    prune: (before) => {
      while (times.length && times[0] < before) times.shift();
    },
  };
}
