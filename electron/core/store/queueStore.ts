// The persistent look-up queue: one row per file, ordered by rank (rescan, live, backfill, refresh), then the
// higher rule level, then age.
import type { LookupReason } from '../../../shared/domain';
import type { Db } from '../db/database';

export const RANK: Record<LookupReason, number> = { rescan: 0, reanalyse: 0, live: 1, backfill: 2, refresh: 3 };

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
}

function toEntry(r: QueueRow | undefined): QueueEntry | undefined {
  return (
    r && {
      fileId: r.file_id,
      rank: r.rank,
      level: r.level,
      reason: r.reason,
      enqueuedAt: r.enqueued_at,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
      reanalyse: r.reanalyse === 1,
    }
  );
}

export class QueueStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM queue WHERE file_id = ?'),
      insert: db.prepare(
        'INSERT OR IGNORE INTO queue (file_id, rank, level, reason, enqueued_at, reanalyse) VALUES (@fileId, @rank, @level, @reason, @at, @reanalyse)',
      ),
      promote: db.prepare(`UPDATE queue SET rank = @rank, reason = @reason, level = MAX(level, @level),
          reanalyse = MAX(reanalyse, @reanalyse), next_attempt_at = CASE WHEN @rank = 0 THEN 0 ELSE next_attempt_at END,
          attempts = CASE WHEN @rank = 0 THEN 0 ELSE attempts END WHERE file_id = @fileId`),
      raiseLevel: db.prepare('UPDATE queue SET level = MAX(level, ?) WHERE file_id = ?'),
      next: db.prepare(
        'SELECT * FROM queue WHERE next_attempt_at <= ? AND file_id NOT IN (SELECT value FROM json_each(?)) ORDER BY rank, level DESC, enqueued_at, file_id LIMIT 1',
      ),
      earliest: db
        .prepare('SELECT MIN(next_attempt_at) FROM queue WHERE file_id NOT IN (SELECT value FROM json_each(?))')
        .pluck(),
      remove: db.prepare('DELETE FROM queue WHERE file_id = ?'),
      retry: db.prepare(
        'UPDATE queue SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE file_id = ?',
      ),
      clearReanalyse: db.prepare('UPDATE queue SET reanalyse = 0 WHERE file_id = ?'),
      count: db.prepare('SELECT COUNT(*) FROM queue').pluck(),
    };
  }

  get(fileId: number): QueueEntry | undefined {
    return toEntry(this.s.get.get(fileId) as QueueRow | undefined);
  }

  /** Enqueue once per file; a file already queued keeps its place unless this reason ranks higher. */
  enqueue(
    fileId: number,
    reason: LookupReason,
    level: number,
    at: number,
    reanalyse = false,
  ): 'added' | 'promoted' | 'attached' {
    const rank = RANK[reason];
    const params = { fileId, rank, reason, level, at, reanalyse: reanalyse ? 1 : 0 };
    if (this.s.insert.run(params).changes > 0) return 'added';
    const existing = this.get(fileId)!;
    // a rescan is asked for now: it also clears a retry delay (a finished reanalysis, an analyst's click)
    if (rank < existing.rank || reason === 'rescan' || reason === 'reanalyse' || (reanalyse && !existing.reanalyse)) {
      this.s.promote.run(params);
      return 'promoted';
    }
    if (level > existing.level) this.s.raiseLevel.run(level, fileId);
    return 'attached';
  }

  /** The next entry due at `now`, skipping the ones in flight. */
  next(now: number, inFlight: number[]): QueueEntry | undefined {
    return toEntry(this.s.next.get(now, JSON.stringify(inFlight)) as QueueRow | undefined);
  }

  earliestAttempt(inFlight: number[]): number | null {
    return (this.s.earliest.get(JSON.stringify(inFlight)) as number | null) ?? null;
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
}
