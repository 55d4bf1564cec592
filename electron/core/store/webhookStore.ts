// The webhook's deliveries (one row per message, written before it is sent: pending ones survive a restart) and the
// last state told per file (a file is announced once per change to malicious). Owns webhook_deliveries and
// webhook_files.
import type { Db } from '../db/database';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: number;
  kind: string;
  fileId: number | null;
  sha256: string | null;
  /** the event as JSON (webhook/payload.ts WebhookEvent); the body's format is applied when it is sent */
  event: string;
  createdAt: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  /** the last failure (kept once delivered: "delivered on the 3rd try, after HTTP 500") */
  lastError: string | null;
  deliveredAt: number | null;
}

/** How many finished deliveries are kept for Diagnostics (pending ones are never dropped). */
export const KEEP_FINISHED = 1000;

const SELECT = `SELECT id, kind, file_id AS fileId, sha256, event, created_at AS createdAt, status, attempts,
  next_attempt_at AS nextAttemptAt, last_attempt_at AS lastAttemptAt, last_status AS lastStatus,
  last_error AS lastError, delivered_at AS deliveredAt FROM webhook_deliveries`;

export class WebhookStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      toldState: db.prepare('SELECT state FROM webhook_files WHERE file_id = ?').pluck(),
      setState: db.prepare(
        'INSERT INTO webhook_files (file_id, state) VALUES (?, ?) ON CONFLICT (file_id) DO UPDATE SET state = excluded.state',
      ),
      insert: db.prepare(`INSERT INTO webhook_deliveries (kind, file_id, sha256, event, created_at, next_attempt_at)
        VALUES (@kind, @fileId, @sha256, @event, @at, @at)`),
      due: db.prepare(
        `${SELECT} WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`,
      ),
      nextDue: db.prepare("SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending'").pluck(),
      attempted: db.prepare(`UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1,
        next_attempt_at = @nextAttemptAt, last_attempt_at = @at, last_status = @httpStatus,
        last_error = COALESCE(@error, last_error),
        delivered_at = CASE WHEN @status = 'delivered' THEN @at ELSE delivered_at END WHERE id = @id`),
      recent: db.prepare(`${SELECT} ORDER BY id DESC LIMIT ?`),
      counts: db.prepare('SELECT status, COUNT(*) AS n FROM webhook_deliveries GROUP BY status'),
      prune: db.prepare(`DELETE FROM webhook_deliveries WHERE status != 'pending' AND id <= (
        SELECT id FROM webhook_deliveries WHERE status != 'pending' ORDER BY id DESC LIMIT 1 OFFSET ?)`),
    };
  }

  /**
   * A file's verdict moved to `state`: true when this is a change to malicious not told before (the delivery is
   * then queued, in the same transaction as the state that remembers it).
   */
  fileState(fileId: number, state: string, previous: string | null, queue: () => Omit<NewDelivery, 'fileId'>): boolean {
    return this.db.transaction(() => {
      const told = this.s.toldState.get(fileId) as string | undefined;
      const isNew = state === 'malicious' && previous !== 'malicious' && told !== 'malicious';
      if (isNew) this.insert({ ...queue(), fileId });
      if (told !== state) this.s.setState.run(fileId, state);
      return isNew;
    })();
  }

  /** Queue a delivery (due now). */
  insert(d: NewDelivery): number {
    const id = Number(this.s.insert.run(d).lastInsertRowid);
    this.s.prune.run(KEEP_FINISHED);
    return id;
  }

  due(now: number): DeliveryRow | undefined {
    return this.s.due.get(now) as DeliveryRow | undefined;
  }

  /** When the next pending delivery is due (null: none pending). */
  nextDue(): number | null {
    return (this.s.nextDue.get() as number | null) ?? null;
  }

  attempted(a: {
    id: number;
    at: number;
    status: DeliveryStatus;
    nextAttemptAt: number;
    httpStatus: number | null;
    error: string | null;
  }): void {
    this.s.attempted.run(a);
  }

  recent(limit: number): DeliveryRow[] {
    return this.s.recent.all(limit) as DeliveryRow[];
  }

  counts(): Record<DeliveryStatus, number> {
    const out: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const r of this.s.counts.all() as { status: DeliveryStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }
}

export interface NewDelivery {
  kind: string;
  fileId: number | null;
  sha256: string | null;
  event: string;
  at: number;
}
