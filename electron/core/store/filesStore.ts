// Files and their hashes. A file is known by up to three hashes; alerts, history and the queue point at the
// file, so an answer found by sha256 serves an alert that only carried the md5. When an answer reveals that two
// rows are the same file (one seen by md5, one by sha256) they are merged into the older row.
import type { EngineResult } from '../../../shared/contract';
import type { FileHashes } from '../../../shared/hashes';
import type { AnsweredState, AnswerOrigin, EnginesState, Opinion, StoredVerdict } from '../../../shared/verdict';
import type { Db } from '../db/database';

/** A file: its hashes and its current answer (what the planner, the scheduler and the views need of it). */
export interface FileRecord extends StoredVerdict, FileHashes {
  id: number;
  firstAlertAt: number | null;
  lastLookupId: number | null;
  why: string | null;
  /** the engines' own state (VirusTotal's or Wazuh's answer), null when they have not answered */
  enginesState: EnginesState | null;
  /** the opinion of a free source, the allowlist or the app itself */
  opinion: Opinion | null;
  /** the highest risk its alerts gave it (lookups/risk.ts), and why */
  risk: number | null;
  riskWhy: string | null;
}

/** What the newest found answer said of the file (the file page). */
export interface FileDetails {
  names: string[];
  type: string | null;
  size: number | null;
  threatLabel: string | null;
  reputation: number | null;
  tags: string[];
  firstSeen: number | null;
  engines: EngineResult[];
}

/** The files table's row, as SQLite gives it (private: records leave this module in camelCase). */
interface FileRow {
  id: number;
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  state: string;
  positives: number | null;
  total: number | null;
  scan_date: number | null;
  checked_at: number | null;
  origin: string | null;
  reason: string | null;
  names: string | null;
  type: string | null;
  size: number | null;
  threat_label: string | null;
  reputation: number | null;
  tags: string | null;
  first_seen: number | null;
  first_alert_at: number | null;
  last_lookup_id: number | null;
  why: string | null;
  engines_state: string | null;
  opinion_provider: string | null;
  opinion_state: string | null;
  opinion_why: string | null;
  risk: number | null;
  risk_why: string | null;
}

function toRecord(r: FileRow): FileRecord {
  return {
    id: r.id,
    sha256: r.sha256,
    sha1: r.sha1,
    md5: r.md5,
    state: r.state,
    positives: r.positives,
    total: r.total,
    scanDate: r.scan_date,
    checkedAt: r.checked_at,
    origin: r.origin,
    reason: r.reason,
    firstAlertAt: r.first_alert_at,
    lastLookupId: r.last_lookup_id,
    why: r.why,
    enginesState: r.engines_state as EnginesState | null,
    opinion:
      r.opinion_provider && r.opinion_state
        ? {
            provider: r.opinion_provider as Opinion['provider'],
            state: r.opinion_state as Opinion['state'],
            why: r.opinion_why ?? '',
          }
        : null,
    risk: r.risk,
    riskWhy: r.risk_why,
  };
}

function parseJsonList<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** A file's verdict after an answer: what decided it (decideVerdict), and the parts it was decided from. */
export interface FileAnswer {
  state: AnsweredState;
  /** the engines' counts (VirusTotal's or Wazuh's), kept whatever decided the state */
  positives: number | null;
  total: number | null;
  scanDate: number | null;
  /** the time the answer counts from: our request time, or the scan date of a Wazuh answer */
  checkedAt: number;
  /** who decided the state */
  origin: AnswerOrigin;
  why: string;
  enginesState: EnginesState | null;
  opinion: Opinion | null;
  lookupId: number;
  /** what a found engines' answer says of the file (null: nothing to add, e.g. not found, or another provider) */
  details: FileDetails | null;
}

const HASH_COLUMNS = ['sha256', 'sha1', 'md5'] as const;

/** No hash of `a` contradicts one of `b` (a hash missing on either side contradicts nothing). */
function compatible(a: FileHashes, b: FileHashes): boolean {
  return HASH_COLUMNS.every((c) => !a[c] || !b[c] || a[c] === b[c]);
}

function newFileRecord(id: number, h: FileHashes, at: number): FileRecord {
  return {
    id,
    sha256: h.sha256,
    sha1: h.sha1,
    md5: h.md5,
    state: 'pending',
    positives: null,
    total: null,
    scanDate: null,
    checkedAt: null,
    origin: null,
    reason: null,
    firstAlertAt: at,
    lastLookupId: null,
    why: null,
    enginesState: null,
    opinion: null,
    risk: null,
    riskWhy: null,
  };
}

export class FilesStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      byAny: db.prepare('SELECT * FROM files WHERE sha256 = @sha256 OR sha1 = @sha1 OR md5 = @md5 ORDER BY id'),
      bySha256: db.prepare('SELECT * FROM files WHERE sha256 = ?'),
      bySha1: db.prepare('SELECT * FROM files WHERE sha1 = ?'),
      byMd5: db.prepare('SELECT * FROM files WHERE md5 = ?'),
      get: db.prepare('SELECT * FROM files WHERE id = ?'),
      engines: db.prepare('SELECT engines FROM file_engines WHERE file_id = ?').pluck(),
      setEngines: db.prepare(
        'INSERT INTO file_engines (file_id, engines) VALUES (?, ?) ON CONFLICT (file_id) DO UPDATE SET engines = excluded.engines',
      ),
      // a merged file's newer answer replaces the kept file's engines, none included (as its verdict columns)
      dropEngines: db.prepare('DELETE FROM file_engines WHERE file_id = ?'),
      copyEngines: db.prepare(
        'INSERT INTO file_engines (file_id, engines) SELECT @keep, engines FROM file_engines WHERE file_id = @other',
      ),
      hashes: db.prepare('SELECT id, sha256, sha1, md5 FROM files WHERE id = ?'),
      latestPath: db
        .prepare(
          'SELECT (SELECT path FROM alert_paths WHERE id = a.path_id) FROM alert_rows a WHERE a.file_id = ? ORDER BY a.ts DESC LIMIT 1',
        )
        .pluck(),
      insert: db.prepare('INSERT INTO files (sha256, sha1, md5, first_alert_at) VALUES (@sha256, @sha1, @md5, @at)'),
      // positional: this is the ingest path
      insertIfNew: db.prepare('INSERT OR IGNORE INTO files (sha256, sha1, md5, first_alert_at) VALUES (?, ?, ?, ?)'),
      fillHashes: db.prepare(
        'UPDATE files SET sha256 = COALESCE(sha256, @sha256), sha1 = COALESCE(sha1, @sha1), md5 = COALESCE(md5, @md5) WHERE id = @id',
      ),
      moveAlerts: db.prepare('UPDATE alert_rows SET file_id = ? WHERE file_id = ?'),
      moveLookups: db.prepare('UPDATE lookups SET file_id = ? WHERE file_id = ?'),
      queueOf: db.prepare('SELECT * FROM queue WHERE file_id = ?'),
      moveQueue: db.prepare('UPDATE queue SET file_id = ? WHERE file_id = ?'),
      mergeQueue: db.prepare(`UPDATE queue SET rank = MIN(rank, @rank), level = MAX(level, @level),
          enqueued_at = MIN(enqueued_at, @enqueued_at), reanalyse = MAX(reanalyse, @reanalyse) WHERE file_id = @keep`),
      dropQueue: db.prepare('DELETE FROM queue WHERE file_id = ?'),
      // the analyst's triage goes with the file: its changes all move, the newer decision wins (migration 8)
      moveTriageChanges: db.prepare('UPDATE triage_changes SET file_id = ? WHERE file_id = ?'),
      mergeTriage:
        db.prepare(`INSERT INTO triage (file_id, state, note, actor, at, basis_state, basis_positives, basis_origin)
          SELECT @keep, state, note, actor, at, basis_state, basis_positives, basis_origin FROM triage WHERE file_id = @other
          ON CONFLICT (file_id) DO UPDATE SET state = excluded.state, note = excluded.note, actor = excluded.actor,
            at = excluded.at, basis_state = excluded.basis_state, basis_positives = excluded.basis_positives,
            basis_origin = excluded.basis_origin WHERE excluded.at > triage.at`),
      dropTriage: db.prepare('DELETE FROM triage WHERE file_id = ?'),
      delete: db.prepare('DELETE FROM files WHERE id = ?'),
      copyVerdict: db.prepare(`UPDATE files SET state = @state, positives = @positives, total = @total,
          scan_date = @scan_date, checked_at = @checked_at, origin = @origin, reason = @reason, names = @names,
          type = @type, size = @size, threat_label = @threat_label, reputation = @reputation, tags = @tags,
          first_seen = @first_seen, last_lookup_id = @last_lookup_id, why = @why,
          engines_state = @engines_state, opinion_provider = @opinion_provider, opinion_state = @opinion_state,
          opinion_why = @opinion_why WHERE id = @id`),
      keepRisk: db.prepare(`UPDATE files SET risk = @risk, risk_why = @risk_why
          WHERE id = @id AND @risk IS NOT NULL AND (risk IS NULL OR risk < @risk)`),
      answer:
        db.prepare(`UPDATE files SET state = @state, positives = @positives, total = @total, scan_date = @scanDate,
          checked_at = @checkedAt, origin = @origin, reason = NULL, last_lookup_id = @lookupId, why = @why,
          engines_state = @enginesState, opinion_provider = @opinionProvider, opinion_state = @opinionState,
          opinion_why = @opinionWhy,
          names = COALESCE(@names, names), type = COALESCE(@type, type), size = COALESCE(@size, size),
          threat_label = COALESCE(@threatLabel, threat_label), reputation = COALESCE(@reputation, reputation),
          tags = COALESCE(@tags, tags), first_seen = COALESCE(@firstSeen, first_seen)
        WHERE id = @id`),
      error: db.prepare(
        "UPDATE files SET state = CASE WHEN checked_at IS NULL THEN 'error' ELSE state END, reason = ? WHERE id = ?",
      ),
      forget: db.prepare(`UPDATE files SET state = @state, origin = @origin, why = @why, opinion_provider = NULL,
          opinion_state = NULL, opinion_why = NULL WHERE id = @id`),
      raiseRisk: db.prepare('UPDATE files SET risk = ?, risk_why = ? WHERE id = ? AND (risk IS NULL OR risk < ?)'),
      withOpinionOf: db.prepare('SELECT id FROM files WHERE opinion_provider = ?').pluck(),
      // the file's places and totals, kept with its alert rows (file_places, file_alerts: migration 10): these are
      // asked for each queued file at ingest and by the allowlist, and must not read the file's alerts
      paths: db
        .prepare(
          `SELECT p.path FROM file_places x JOIN alert_paths p ON p.id = x.path_id WHERE x.file_id = ?
            GROUP BY x.path_id ORDER BY MAX(x.last_ts) DESC LIMIT ?`,
        )
        .pluck(),
      // the newest row of the file's newest place: one alert read
      latestSize: db
        .prepare(
          `SELECT size FROM alerts WHERE id =
            (SELECT last_id FROM file_places WHERE file_id = ? ORDER BY last_ts DESC, last_id DESC LIMIT 1)`,
        )
        .pluck(),
      fleet: db.prepare('SELECT alerts, agents FROM file_alerts WHERE file_id = ?'),
      countWithHash: db.prepare('SELECT COUNT(*) FROM files').pluck(),
      byState: db.prepare('SELECT state, COUNT(*) AS n FROM files GROUP BY state'),
    };
  }

  get(id: number): FileRecord | undefined {
    const row = this.row(id);
    return row && toRecord(row);
  }

  /** The file's hashes alone (the scheduler asks this of every queued file: not the whole row). */
  hashesOf(id: number): ({ id: number } & FileHashes) | undefined {
    return this.s.hashes.get(id) as ({ id: number } & FileHashes) | undefined;
  }

  private row(id: number): FileRow | undefined {
    return this.s.get.get(id) as FileRow | undefined;
  }

  /** The file any of these hashes belongs to (a single hash of any kind also works). */
  byHash(hash: string): FileRecord | undefined {
    const row = this.rowByHash(hash);
    return row && toRecord(row);
  }

  private rowByHash(hash: string): FileRow | undefined {
    const stmt = hash.length === 64 ? this.s.bySha256 : hash.length === 40 ? this.s.bySha1 : this.s.byMd5;
    return stmt.get(hash) as FileRow | undefined;
  }

  /** What the newest found answer said of the file (names, type, engines...), or null for no such file. */
  details(id: number): FileDetails | null {
    const r = this.row(id);
    if (!r) return null;
    return {
      names: parseJsonList<string>(r.names),
      type: r.type,
      size: r.size,
      threatLabel: r.threat_label,
      reputation: r.reputation,
      tags: parseJsonList<string>(r.tags),
      firstSeen: r.first_seen,
      engines: parseJsonList<EngineResult>((this.s.engines.get(id) as string | undefined) ?? null),
    };
  }

  /** The path this file was last seen at (verdict events, notifications). */
  latestPathOf(fileId: number): string | null {
    return (this.s.latestPath.get(fileId) as string | undefined) ?? null;
  }

  /** ensure(), returning the file. A file never seen (most FIM events: new content, new hashes) costs one insert. */
  ensureRow(h: FileHashes, at: number): FileRecord {
    const best = h.sha256 ?? h.sha1 ?? h.md5;
    if (best) {
      // ignored when any of its hashes is held by a row already: then the probes below decide
      const inserted = this.s.insertIfNew.run(h.sha256, h.sha1, h.md5, at);
      if (inserted.changes > 0) return newFileRecord(Number(inserted.lastInsertRowid), h, at);
      const row = this.rowByHash(best);
      if (row && HASH_COLUMNS.every((c) => !h[c] || row[c] === h[c])) return toRecord(row);
    }
    return this.get(this.ensure(h, at))!;
  }

  /**
   * The file these hashes name, created when new. The strongest hash the alert carries decides which file it is: a
   * row holding that sha256 is the file even if the alert's md5 disagrees (a damaged alert); rows known only by a
   * weaker hash join it when nothing contradicts (same file, seen by md5 first), and are merged into the oldest.
   */
  ensure(h: FileHashes, at: number): number {
    const strongest = HASH_COLUMNS.find((c) => h[c]);
    if (!strongest) throw new Error('a file needs at least one hash');
    const anchor = this.rowByHash(h[strongest]!);
    const rows = (this.s.byAny.all({ sha256: h.sha256, sha1: h.sha1, md5: h.md5 }) as FileRow[]).filter(
      (r) => compatible(r, h) && (!anchor || r.id === anchor.id || compatible(r, anchor)),
    );
    if (anchor && !rows.some((r) => r.id === anchor.id)) rows.push(anchor);
    if (rows.length === 0) {
      // a new file; hashes another (contradicting) row already holds are left out
      const free: FileHashes = { sha256: null, sha1: null, md5: null };
      for (const c of HASH_COLUMNS) if (h[c] && !this.rowByHash(h[c]!)) free[c] = h[c];
      return Number(this.s.insert.run({ ...free, at }).lastInsertRowid);
    }
    rows.sort((a, b) => a.id - b.id);
    const keep = rows[0];
    for (const other of rows.slice(1)) this.mergeInto(keep, other);
    const kept = this.row(keep.id)!;
    // fill only what does not contradict the file (its strongest hash already decided)
    this.fillHashes(keep.id, {
      sha256: kept.sha256 ? null : h.sha256,
      sha1: kept.sha1 ? null : h.sha1,
      md5: kept.md5 ? null : h.md5,
    });
    return keep.id;
  }

  /** Add the hashes an answer revealed, merging any other row that already held one of them. */
  absorb(id: number, h: FileHashes): number {
    const keep = this.row(id);
    if (!keep) return id;
    const rows = (this.s.byAny.all({ sha256: h.sha256, sha1: h.sha1, md5: h.md5 }) as FileRow[]).filter(
      (r) => r.id !== id && HASH_COLUMNS.every((c) => !r[c] || !h[c] || r[c] === h[c]),
    );
    // keep the older row's id so links into history stay stable
    const all = [keep, ...rows].sort((a, b) => a.id - b.id);
    const target = all[0];
    for (const other of all.slice(1)) this.mergeInto(target, other);
    this.fillHashes(target.id, h);
    return target.id;
  }

  private fillHashes(id: number, h: FileHashes): void {
    // only hashes no other row holds (the UNIQUE constraints would refuse them otherwise)
    const free: FileHashes = { sha256: null, sha1: null, md5: null };
    for (const c of HASH_COLUMNS) {
      const v = h[c];
      if (!v) continue;
      const holder = this.rowByHash(v);
      if (!holder || holder.id === id) free[c] = v;
    }
    this.s.fillHashes.run({ id, ...free });
  }

  private mergeInto(keep: FileRow, other: FileRow): void {
    this.s.moveAlerts.run(keep.id, other.id);
    this.s.moveLookups.run(keep.id, other.id);
    this.s.moveTriageChanges.run(keep.id, other.id);
    this.s.mergeTriage.run({ keep: keep.id, other: other.id });
    this.s.dropTriage.run(other.id);
    const q = this.s.queueOf.get(other.id) as
      { rank: number; level: number; enqueued_at: number; reanalyse: number } | undefined;
    if (q) {
      if (this.s.queueOf.get(keep.id)) {
        this.s.mergeQueue.run({ ...q, keep: keep.id });
        this.s.dropQueue.run(other.id);
      } else {
        this.s.moveQueue.run(keep.id, other.id);
      }
    }
    // the newer answer wins
    const keepFresh = this.row(keep.id)!;
    const otherNewer = (other.checked_at ?? -1) > (keepFresh.checked_at ?? -1);
    if (otherNewer) {
      this.s.dropEngines.run(keep.id);
      this.s.copyEngines.run({ keep: keep.id, other: other.id });
    }
    this.s.delete.run(other.id);
    if (otherNewer) this.s.copyVerdict.run({ ...other, id: keep.id });
    this.s.keepRisk.run({ id: keep.id, risk: other.risk, risk_why: other.risk_why });
    this.s.fillHashes.run({ id: keep.id, sha256: other.sha256, sha1: other.sha1, md5: other.md5 });
  }

  applyAnswer(id: number, a: FileAnswer): void {
    const d = a.details;
    this.s.answer.run({
      id,
      state: a.state,
      positives: a.positives,
      total: a.total,
      scanDate: a.scanDate,
      checkedAt: a.checkedAt,
      origin: a.origin,
      lookupId: a.lookupId,
      why: a.why,
      enginesState: a.enginesState,
      opinionProvider: a.opinion?.provider ?? null,
      opinionState: a.opinion?.state ?? null,
      opinionWhy: a.opinion?.why ?? null,
      names: d && d.names.length ? JSON.stringify(d.names) : null,
      type: d?.type ?? null,
      size: d?.size ?? null,
      threatLabel: d?.threatLabel ?? null,
      reputation: d?.reputation ?? null,
      tags: d && d.tags.length ? JSON.stringify(d.tags) : null,
      firstSeen: d?.firstSeen ?? null,
    });
    // kept when the answer lists none (as the other details are)
    if (d && d.engines.length) this.s.setEngines.run(id, JSON.stringify(d.engines));
  }

  /**
   * The file loses its opinion (an allowlist entry removed): its verdict becomes what else it has (`state`, `origin`,
   * `why` as decideVerdict makes them without the opinion; 'pending' when nothing is left).
   */
  forgetOpinion(id: number, v: { state: string; origin: AnswerOrigin | null; why: string | null }): void {
    this.s.forget.run({ id, ...v });
  }

  /** The files whose opinion this provider gave. */
  withOpinionOf(provider: string): number[] {
    return this.s.withOpinionOf.all(provider) as number[];
  }

  /** A higher risk than the file had (its alerts' highest is kept), with its explanation. */
  raiseRisk(id: number, score: number, why: string): void {
    this.s.raiseRisk.run(score, why, id, score);
  }

  /** The paths the file was seen at, newest first (at most `limit`). */
  pathsOf(fileId: number, limit = 20): string[] {
    return this.s.paths.all(fileId, limit) as string[];
  }

  /** The size its newest alert gave (null: not said). */
  latestSizeOf(fileId: number): number | null {
    return (this.s.latestSize.get(fileId) as number | null | undefined) ?? null;
  }

  /**
   * How many alerts carried the file, and on how many agents (risk: first seen in the fleet, one agent), as the Files
   * view counts them (an agent by its id and name).
   */
  fleetOf(fileId: number): { alerts: number; agents: number } {
    return (this.s.fleet.get(fileId) as { alerts: number; agents: number } | undefined) ?? { alerts: 0, agents: 0 };
  }

  /** A failed look-up: a file with no answer yet shows 'error' with the reason; a known verdict is kept. */
  markError(id: number, reason: string): void {
    this.s.error.run(reason, id);
  }

  count(): number {
    return this.s.countWithHash.get() as number;
  }

  countByState(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.byState.all() as { state: string; n: number }[]) out[r.state] = r.n;
    return out;
  }

  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
