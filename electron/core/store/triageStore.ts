// The triage tables: each file's decision now (`triage`, no row: new) and every change of it (`triage_changes`).
// A change writes both in the caller's transaction. The basis is the verdict the decision was taken on: a closed
// file whose verdict grows past it goes back to new (triage/reopen.ts decides).
import type { TriageChange, TriageState } from '../../../shared/triage';
import type { Db } from '../db/database';

/** The verdict a decision was taken on. */
export interface TriageBasis {
  state: string | null;
  positives: number | null;
  origin: string | null;
}

export interface TriageRecord {
  fileId: number;
  state: TriageState;
  note: string | null;
  by: string;
  at: number;
  basis: TriageBasis;
}

export interface TriageWrite {
  fileId: number;
  state: TriageState;
  note: string | null;
  by: string;
  at: number;
  basis: TriageBasis;
  /** null: the analyst's decision; otherwise why FIM Verdict changed it */
  reason: string | null;
}

interface TriageRow {
  file_id: number;
  state: TriageState;
  note: string | null;
  actor: string;
  at: number;
  basis_state: string | null;
  basis_positives: number | null;
  basis_origin: string | null;
}

interface ChangeRow {
  id: number;
  at: number;
  state: TriageState;
  previous: TriageState;
  note: string | null;
  actor: string;
  reason: string | null;
}

export class TriageStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM triage WHERE file_id = ?'),
      upsert:
        db.prepare(`INSERT INTO triage (file_id, state, note, actor, at, basis_state, basis_positives, basis_origin)
          VALUES (@fileId, @state, @note, @by, @at, @basisState, @basisPositives, @basisOrigin)
          ON CONFLICT (file_id) DO UPDATE SET state = excluded.state, note = excluded.note, actor = excluded.actor,
            at = excluded.at, basis_state = excluded.basis_state, basis_positives = excluded.basis_positives,
            basis_origin = excluded.basis_origin`),
      change: db.prepare(`INSERT INTO triage_changes (file_id, at, state, previous, note, actor, reason)
          VALUES (@fileId, @at, @state, @previous, @note, @by, @reason)`),
      history: db.prepare('SELECT * FROM triage_changes WHERE file_id = ? ORDER BY at DESC, id DESC LIMIT ?'),
      untriaged: db
        .prepare(
          `SELECT COUNT(*) FROM files f LEFT JOIN triage t ON t.file_id = f.id
           WHERE f.state IN ('malicious', 'suspicious') AND (t.state IS NULL OR t.state = 'new')`,
        )
        .pluck(),
    };
  }

  get(fileId: number): TriageRecord | undefined {
    const r = this.s.get.get(fileId) as TriageRow | undefined;
    if (!r) return undefined;
    return {
      fileId: r.file_id,
      state: r.state,
      note: r.note,
      by: r.actor,
      at: r.at,
      basis: { state: r.basis_state, positives: r.basis_positives, origin: r.basis_origin },
    };
  }

  /** The file's triage now and a history row saying so (inside the caller's transaction). */
  set(w: TriageWrite): void {
    const previous = this.get(w.fileId)?.state ?? 'new';
    this.s.upsert.run({
      fileId: w.fileId,
      state: w.state,
      note: w.note,
      by: w.by,
      at: w.at,
      basisState: w.basis.state,
      basisPositives: w.basis.positives,
      basisOrigin: w.basis.origin,
    });
    this.s.change.run({
      fileId: w.fileId,
      at: w.at,
      state: w.state,
      previous,
      note: w.note,
      by: w.by,
      reason: w.reason,
    });
  }

  /** The file's changes, newest first. */
  historyOf(fileId: number, limit = 500): TriageChange[] {
    return (this.s.history.all(fileId, limit) as ChangeRow[]).map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      state: r.state,
      previous: r.previous,
      note: r.note,
      by: r.actor,
      reason: r.reason,
    }));
  }

  /** Files with a malicious or suspicious verdict nobody triaged yet. */
  untriagedCount(): number {
    return this.s.untriaged.get() as number;
  }
}
