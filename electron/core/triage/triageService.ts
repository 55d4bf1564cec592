// The triage service: the analyst's decisions about files (set one or many at once, every change kept), the count
// of untriaged detections, a closed file sent back to new when its verdict gets worse, and the Files view's rows and
// a file's prevalence. Owns the triage and triage_changes tables; reads the files through the look-ups.
import type { ApiEvent } from '../../../shared/contract';
import { hashProblem } from '../../../shared/hashes';
import {
  UNTRIAGED,
  type FilePlace,
  type FileRow,
  type Triage,
  type TriageChange,
  type TriageState,
} from '../../../shared/triage';
import { verdictOfStored } from '../../../shared/verdict';
import { ApiError } from '../base/apiError';
import type { Clock, Logger } from '../base/runtime';
import type { Db } from '../db/database';
import type { EventHub } from '../events/eventHub';
import type { LookupsService } from '../lookups/lookupsService';
import type { FileRecord } from '../store/filesStore';
import { FileListStore, type FileListFilter, type FileListRow } from '../store/fileListStore';
import { TriageStore, type TriageRecord } from '../store/triageStore';
import { reopenReason } from './reopen';

/** Who FIM Verdict names when it changes a triage itself. */
export const ENGINE_ACTOR = 'FIM Verdict';

export interface TriageServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventHub;
  lookups: Pick<LookupsService, 'fileByHash' | 'onFileUpdated'> & { fileById(id: number): FileRecord | undefined };
  /**
   * Who decides when the request names nobody: the OS user of the desktop app (`fixed`: a name sent by the window is
   * not taken; the desktop app has one user), or the headless server's OS user when a browser sent no name.
   */
  analyst: { name: string; fixed: boolean };
  /** who hears each change (the webhook, when its webhookTriage setting is on: `wanted` says so) */
  listener?: { wanted(): boolean; changed(change: TriageNotice): void };
}

/** One triage change, for its listener. */
export interface TriageNotice {
  file: FileRecord;
  /** the path it was last seen at */
  path: string | null;
  state: TriageState;
  previousState: TriageState;
  /** the analyst's note, or why FIM Verdict reopened the file */
  note: string | null;
  by: string;
}

export interface TriageRequest {
  hashes: string[];
  state: TriageState;
  note?: string | null;
  by?: string;
}

type TriageEventFile = Extract<ApiEvent, { type: 'triage' }>['files'][number];

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function triageOf(r: TriageRecord | undefined): Triage {
  return r ? { state: r.state, note: r.note, by: r.by, at: iso(r.at) } : UNTRIAGED;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function parseNames(json: string | null): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

export class TriageService {
  private readonly store: TriageStore;
  readonly list: FileListStore;

  constructor(private readonly d: TriageServiceDeps) {
    this.store = new TriageStore(d.db);
    this.list = new FileListStore(d.db);
    d.lookups.onFileUpdated((fileId) => {
      try {
        this.reopenIfWorse(fileId);
      } catch (error) {
        d.log.error(`triage: cannot reopen file ${fileId}: ${(error as Error).message}`);
      }
    });
  }

  /** Set the triage of many files at once: all or nothing (a bad or unknown hash changes nothing). */
  set(req: TriageRequest): { changed: number; files: TriageEventFile[]; untriaged: number } {
    const bad: string[] = [];
    const unknown: string[] = [];
    const files = new Map<number, FileRecord>();
    for (const raw of req.hashes) {
      const problem = hashProblem(raw);
      if (problem) {
        bad.push(`"${raw.slice(0, 80)}" (${problem})`);
        continue;
      }
      const file = this.d.lookups.fileByHash(raw.trim().toLowerCase());
      if (file) files.set(file.id, file);
      else unknown.push(raw.trim().toLowerCase());
    }
    if (bad.length) {
      const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
      throw new ApiError(
        'bad-request',
        `${bad.length === 1 ? 'this is not a hash' : 'these are not hashes'}: ${shown}`,
        {
          hashes: `${bad.length} not a hash`,
        },
      );
    }
    if (unknown.length) {
      const shown = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
      throw new ApiError('bad-request', `no alert or look-up has seen ${shown}: nothing was changed`, {
        hashes: `${unknown.length} unknown`,
      });
    }
    const by = this.d.analyst.fixed ? this.d.analyst.name : (req.by ?? this.d.analyst.name);
    const note = req.note ?? null;
    const at = this.d.clock.now();
    const changed: TriageEventFile[] = [];
    const out: TriageEventFile[] = [];
    const told: { file: FileRecord; previousState: TriageState }[] = [];
    this.d.db.transaction(() => {
      for (const file of files.values()) {
        const current = this.store.get(file.id);
        const hashes = { sha256: file.sha256, sha1: file.sha1, md5: file.md5 };
        if ((current?.state ?? 'new') === req.state && (current?.note ?? null) === note) {
          out.push({ ...hashes, triage: triageOf(current) });
          continue;
        }
        this.store.set({
          fileId: file.id,
          state: req.state,
          note,
          by,
          at,
          basis: { state: file.state, positives: file.positives, origin: file.origin },
          reason: null,
        });
        told.push({ file, previousState: current?.state ?? 'new' });
        const entry = { ...hashes, triage: triageOf(this.store.get(file.id)) };
        changed.push(entry);
        out.push(entry);
      }
    })();
    const untriaged = this.untriagedCount();
    if (changed.length) this.announce(changed, false, untriaged);
    for (const t of told) this.tell(t.file, { state: req.state, previousState: t.previousState, note, by });
    return { changed: changed.length, files: out, untriaged };
  }

  /** A closed file whose verdict got worse than the one it was closed on goes back to new, with the reason. */
  reopenIfWorse(fileId: number): boolean {
    const current = this.store.get(fileId);
    if (!current) return false;
    const file = this.d.lookups.fileById(fileId);
    if (!file) return false;
    const reason = reopenReason(current.state, current.basis, file);
    if (!reason) return false;
    this.store.set({
      fileId,
      state: 'new',
      note: current.note,
      by: ENGINE_ACTOR,
      at: this.d.clock.now(),
      basis: { state: file.state, positives: file.positives, origin: file.origin },
      reason,
    });
    const entry = { sha256: file.sha256, sha1: file.sha1, md5: file.md5, triage: triageOf(this.store.get(fileId)) };
    this.announce([entry], true, this.untriagedCount());
    this.tell(file, { state: 'new', previousState: current.state, note: reason, by: ENGINE_ACTOR });
    return true;
  }

  /** The listener hears the change (a failure there is logged: the triage itself is done). */
  private tell(
    file: FileRecord,
    triage: { state: TriageState; previousState: TriageState; note: string | null; by: string },
  ): void {
    const listener = this.d.listener;
    if (!listener?.wanted()) return;
    try {
      listener.changed({ file, path: this.list.paths(file.id, 1).paths[0] ?? null, ...triage });
    } catch (error) {
      this.d.log.warn(`triage: the change of file ${file.id} was not passed on: ${(error as Error).message}`);
    }
  }

  private announce(files: TriageEventFile[], reopened: boolean, untriaged: number): void {
    this.d.events.emit({ type: 'triage', files, reopened, untriaged });
    this.d.events.statsChanged();
  }

  untriagedCount(): number {
    return this.store.untriagedCount();
  }

  triageOf(fileId: number): Triage {
    return triageOf(this.store.get(fileId));
  }

  historyOf(fileId: number): TriageChange[] {
    return this.store.historyOf(fileId);
  }

  places(fileId: number): FilePlace[] {
    return this.list.places(fileId);
  }

  // ---- the Files view

  files(filter: FileListFilter, limit: number, offset: number): { total: number; items: FileRow[] } {
    const { total, rows } = this.list.list(filter, limit, offset);
    return { total, items: rows.map((r) => this.toFileRow(r)) };
  }

  /** The files these hashes name (a selection to export); a hash no file has is left out. */
  fileIdsOf(hashes: string[]): number[] {
    const ids = new Set<number>();
    for (const h of hashes) {
      if (hashProblem(h))
        throw new ApiError('bad-request', `"${h.slice(0, 80)}" is not a hash`, { hashes: 'not a hash' });
      const file = this.d.lookups.fileByHash(h.trim().toLowerCase());
      if (file) ids.add(file.id);
    }
    return [...ids];
  }

  private toFileRow(r: FileListRow): FileRow {
    const { paths, total } = this.list.paths(r.id);
    const names = [...new Set([...parseNames(r.names), ...paths.map(baseName)])];
    return {
      sha256: r.sha256,
      sha1: r.sha1,
      md5: r.md5,
      names,
      paths,
      pathsTotal: total,
      verdict: verdictOfStored({
        state: r.state,
        positives: r.positives,
        total: r.total,
        scanDate: r.scan_date,
        checkedAt: r.checked_at,
        origin: r.origin,
        reason: r.reason,
        sha256: r.sha256,
      }),
      provider: r.origin,
      triage: { state: r.triage_state, note: r.triage_note, by: r.triage_by, at: iso(r.triage_at) },
      agents: r.agents,
      alerts: r.alerts,
      firstSeen: iso(r.first_ts),
      lastSeen: iso(r.last_ts),
      timeToVerdictMs:
        r.first_answer_at === null || r.first_ts === null ? null : Math.max(0, r.first_answer_at - r.first_ts),
    };
  }
}
