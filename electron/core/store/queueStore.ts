// The persistent look-up queue: one row per file, waiting for one provider of the chain (`provider`). Each provider
// takes its entries by rank (a rescan first; then a free source's malicious file for its engine count; live
// alerts; backfill; refreshes; known-good files asked anyway, last), then the higher risk (lookups/risk.ts), the
// higher rule level, and the newest first: a live threat beats yesterday's backlog. `skipped` marks the free
// sources an entry went past while they could not answer (a bit each): they ask about it when they can again.
import type { LookupReason } from '../../../shared/domain';
import type { Db } from '../db/database';

/**
 * The ranks, first to last, with room between them: a reason added later takes a number between two (the indexer's
 * sweep, below live alerts and backfill, above refreshes, would be 25).
 */
export const RANK: Record<LookupReason, number> = {
  rescan: 0,
  reanalyse: 0,
  'engine-count': 5,
  live: 10,
  backfill: 20,
  refresh: 30,
  'known-good-check': 40,
};

/** Where a new entry starts: the first provider of every chain (the app itself: the empty file). */
export const CHAIN_START = 'local';

/** One file waiting for an answer. */
export interface QueueEntry {
  fileId: number;
  rank: number;
  level: number;
  reason: LookupReason;
  enqueuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  /** ask VirusTotal to reanalyse the file first */
  reanalyse: boolean;
  /** the provider it waits for */
  provider: string;
  /** the free sources it went past while they could not answer (ProviderBits) */
  skipped: number;
  /** 0-100: the riskiest is asked about first within a rank */
  risk: number;
}

/** The queue table's row, as SQLite gives it. */
interface QueueRow {
  file_id: number;
  rank: number;
  level: number;
  reason: LookupReason;
  enqueued_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  reanalyse: number;
  provider: string;
  skipped: number;
  risk: number;
}

function toEntry(r: QueueRow): QueueEntry {
  return {
    fileId: r.file_id,
    rank: r.rank,
    level: r.level,
    reason: r.reason,
    enqueuedAt: r.enqueued_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    reanalyse: r.reanalyse === 1,
    provider: r.provider,
    skipped: r.skipped,
    risk: r.risk,
  };
}

export interface EnqueueOptions {
  /** ask VirusTotal to reanalyse the file first */
  reanalyse?: boolean;
  /** 0-100 (lookups/risk.ts); an entry keeps the highest it was given */
  risk?: number;
  /** the provider to wait for (default: the start of the chain); a rescan goes straight to VirusTotal */
  provider?: string;
}

const ORDER = 'ORDER BY rank, risk DESC, level DESC, enqueued_at DESC, file_id DESC';

export class QueueStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM queue WHERE file_id = ?'),
      has: db.prepare('SELECT 1 FROM queue WHERE file_id = ?').pluck(),
      insert:
        db.prepare(`INSERT OR IGNORE INTO queue (file_id, rank, level, reason, enqueued_at, reanalyse, risk, provider)
          VALUES (@fileId, @rank, @level, @reason, @at, @reanalyse, @risk, @provider)`),
      promote: db.prepare(`UPDATE queue SET rank = @rank, reason = @reason, level = MAX(level, @level),
          reanalyse = MAX(reanalyse, @reanalyse), risk = MAX(risk, @risk), provider = COALESCE(@moveTo, provider),
          next_attempt_at = CASE WHEN @rank = 0 THEN 0 ELSE next_attempt_at END,
          attempts = CASE WHEN @rank = 0 THEN 0 ELSE attempts END WHERE file_id = @fileId`),
      raise: db.prepare('UPDATE queue SET level = MAX(level, ?), risk = MAX(risk, ?) WHERE file_id = ?'),
      next: db.prepare(
        `SELECT * FROM queue WHERE provider = ? AND next_attempt_at <= ? AND file_id NOT IN (SELECT value FROM json_each(?)) ${ORDER} LIMIT ?`,
      ),
      nextSkipped: db.prepare(
        `SELECT * FROM queue WHERE skipped != 0 AND (skipped & ?) != 0 AND provider IN (SELECT value FROM json_each(?))
           AND next_attempt_at <= ? AND file_id NOT IN (SELECT value FROM json_each(?)) ${ORDER} LIMIT ?`,
      ),
      earliest: db
        .prepare(
          'SELECT MIN(next_attempt_at) FROM queue WHERE provider = ? AND file_id NOT IN (SELECT value FROM json_each(?))',
        )
        .pluck(),
      waiting: db.prepare('SELECT 1 FROM queue WHERE provider = ? LIMIT 1').pluck(),
      anySkipped: db
        .prepare(
          'SELECT 1 FROM queue WHERE skipped != 0 AND (skipped & ?) != 0 AND provider IN (SELECT value FROM json_each(?)) LIMIT 1',
        )
        .pluck(),
      moveTo: db.prepare(`UPDATE queue SET provider = @provider, skipped = (skipped | @skip) & ~@clear,
          rank = COALESCE(@rank, rank), reason = COALESCE(@reason, reason), attempts = 0, next_attempt_at = 0,
          last_error = NULL WHERE file_id = @fileId`),
      passDue:
        db.prepare(`UPDATE queue SET provider = @to, skipped = skipped & ~@clear, attempts = 0, next_attempt_at = 0,
          last_error = NULL WHERE provider = @from AND next_attempt_at <= @now
          AND file_id NOT IN (SELECT value FROM json_each(@inFlight))
          AND EXISTS (SELECT 1 FROM files f WHERE f.id = queue.file_id AND coalesce(f.sha256, f.sha1, f.md5) IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM json_each(@except) x
              WHERE x.value IN (lower(f.sha256), lower(f.sha1), lower(f.md5))))`),
      clearSkipped: db.prepare('UPDATE queue SET skipped = skipped & ~? WHERE file_id = ?'),
      passAll: db.prepare('UPDATE queue SET provider = ?, skipped = skipped | ? WHERE provider = ?'),
      providers: db.prepare('SELECT DISTINCT provider FROM queue').pluck(),
      reassign: db.prepare('UPDATE queue SET provider = ? WHERE provider = ?'),
      remove: db.prepare('DELETE FROM queue WHERE file_id = ?'),
      retry: db.prepare(
        'UPDATE queue SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE file_id = ?',
      ),
      clearReanalyse: db.prepare('UPDATE queue SET reanalyse = 0 WHERE file_id = ?'),
      count: db.prepare('SELECT COUNT(*) FROM queue').pluck(),
      countBy: db.prepare('SELECT provider, COUNT(*) AS n FROM queue GROUP BY provider'),
    };
  }

  get(fileId: number): QueueEntry | undefined {
    const row = this.s.get.get(fileId) as QueueRow | undefined;
    return row && toEntry(row);
  }

  has(fileId: number): boolean {
    return this.s.has.get(fileId) !== undefined;
  }

  /**
   * Enqueue once per file; a file already queued keeps its place unless this reason ranks higher (and takes the
   * higher level and risk). A rescan is asked for now: it also clears a retry delay, and goes where it is sent.
   */
  enqueue(
    fileId: number,
    reason: LookupReason,
    level: number,
    at: number,
    opts: EnqueueOptions | boolean = {},
  ): 'added' | 'promoted' | 'attached' {
    // a boolean: whether to reanalyse (how callers wrote it before the options)
    const options = typeof opts === 'boolean' ? { reanalyse: opts } : opts;
    const rank = RANK[reason];
    const reanalyse = options.reanalyse ? 1 : 0;
    const risk = Math.max(0, Math.min(100, Math.round(options.risk ?? 0)));
    const params = { fileId, rank, reason, level, at, reanalyse, risk, provider: options.provider ?? CHAIN_START };
    if (this.s.insert.run(params).changes > 0) return 'added';
    const existing = this.get(fileId)!;
    if (rank < existing.rank || reason === 'rescan' || reason === 'reanalyse' || (reanalyse && !existing.reanalyse)) {
      this.s.promote.run({ ...params, moveTo: options.provider ?? null });
      return 'promoted';
    }
    if (level > existing.level || risk > existing.risk) this.s.raise.run(level, risk, fileId);
    return 'attached';
  }

  /** The next entries waiting for `provider` and due at `now`, in order, skipping the ones in flight. */
  next(provider: string, now: number, inFlight: readonly number[], limit = 1): QueueEntry[] {
    const rows = this.s.next.all(provider, now, JSON.stringify(inFlight), limit) as QueueRow[];
    return rows.map(toEntry);
  }

  /** Entries that went past `bit`'s provider while it could not answer and now wait for one of `waitingFor`. */
  nextSkipped(
    bit: number,
    waitingFor: readonly string[],
    now: number,
    inFlight: readonly number[],
    limit: number,
  ): QueueEntry[] {
    if (bit === 0 || waitingFor.length === 0) return [];
    const rows = this.s.nextSkipped.all(
      bit,
      JSON.stringify(waitingFor),
      now,
      JSON.stringify(inFlight),
      limit,
    ) as QueueRow[];
    return rows.map(toEntry);
  }

  /** Anything waits for `provider` (due or not)? */
  hasWaiting(provider: string): boolean {
    return this.s.waiting.get(provider) !== undefined;
  }

  hasSkipped(bit: number, waitingFor: readonly string[]): boolean {
    if (bit === 0 || waitingFor.length === 0) return false;
    return this.s.anySkipped.get(bit, JSON.stringify(waitingFor)) !== undefined;
  }

  /** When the earliest entry waiting for `provider` is due (null: none waits). */
  earliestAttempt(provider: string, inFlight: readonly number[]): number | null {
    return (this.s.earliest.get(provider, JSON.stringify(inFlight)) as number | null) ?? null;
  }

  /**
   * The entry now waits for `provider`, due at once. `skip`: the bit of a provider it goes past without its answer;
   * `clear`: the bit of one that answered; `reason`: it waits for another reason now (its rank follows).
   */
  moveTo(fileId: number, provider: string, o: { skip?: number; clear?: number; reason?: LookupReason } = {}): void {
    this.s.moveTo.run({
      fileId,
      provider,
      skip: o.skip ?? 0,
      clear: o.clear ?? 0,
      rank: o.reason ? RANK[o.reason] : null,
      reason: o.reason ?? null,
    });
  }

  /**
   * Every entry due for `from`, not in flight, whose file has a hash and none of `except`, goes on to `to` as
   * moveTo(fileId, to, { clear }) moves one (a provider that can answer nothing about them lets them pass in one
   * statement). Returns how many moved.
   */
  passDue(
    from: string,
    to: string,
    now: number,
    inFlight: readonly number[],
    clear: number,
    except: readonly string[] = [],
  ): number {
    const params = { from, to, now, inFlight: JSON.stringify(inFlight), clear, except: JSON.stringify(except) };
    return this.s.passDue.run(params).changes;
  }

  clearSkipped(fileId: number, bit: number): void {
    this.s.clearSkipped.run(bit, fileId);
  }

  /** Every entry waiting for `from` goes past it to `to` (it cannot answer now), marked with its bit. */
  passAll(from: string, to: string, bit: number): number {
    return this.s.passAll.run(to, bit, from).changes;
  }

  /** The providers entries wait for. */
  waitedFor(): string[] {
    return this.s.providers.all() as string[];
  }

  /** Every entry waiting for `from` waits for `to` instead (a provider switched off). */
  reassign(from: string, to: string): void {
    this.s.reassign.run(to, from);
  }

  remove(fileId: number): void {
    this.s.remove.run(fileId);
  }

  retryLater(fileId: number, at: number, error: string): void {
    this.s.retry.run(at, error, fileId);
  }

  clearReanalyse(fileId: number): void {
    this.s.clearReanalyse.run(fileId);
  }

  count(): number {
    return this.s.count.get() as number;
  }

  /** Entries per provider they wait for. */
  countByProvider(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.countBy.all() as { provider: string; n: number }[]) out[r.provider] = r.n;
    return out;
  }
}
