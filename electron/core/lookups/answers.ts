// The one answer path: every answer about a file, from any provider or imported from Wazuh's own integration, is
// recorded here and nowhere else: the history row (with who answered), the file's current verdict, the hashes it
// revealed (rows of the same file merged), and the queue entry it settles. It says which file it was, the state
// before, and whether the file's verdict moved, so the caller tells the views.
import type { LookupReason, VerdictState } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import type { Settings } from '../../../shared/settings';
import type { Db } from '../db/database';
import type { FilesStore } from '../store/filesStore';
import type { LookupsStore } from '../store/lookupsStore';
import type { QueueStore } from '../store/queueStore';
import { isFresh } from './freshness';
import type { ProviderFinding } from './providers/provider';

/** An answer to record: what a provider found (or an import says), about which file, asked for what. */
export interface AnswerInput extends ProviderFinding {
  /**
   * The file: the one asked about, found again by the hash that was asked if its row was merged while the request
   * was out; or, for an import, the file its hashes name (created when new).
   */
  file: { id: number; hash: string } | { hashes: FileHashes; seenAt: number };
  origin: 'virustotal' | 'wazuh';
  /** the queue reason it answers ('live', 'rescan'...), or 'wazuh' for an import */
  reason: string | null;
  /** when it was recorded (the history row's time) */
  at: number;
  /** what its freshness counts from: our request's time, or the scan date of an imported answer */
  answeredAt: number;
  /** the Wazuh alert an imported answer came in (imported once) */
  wazuhAlertId: string | null;
  /**
   * The request this answers (the queue entry's reason when it was sent); absent for an import. Our own answer
   * always becomes the file's verdict; an import only when it is newer than the one the file has.
   */
  askedFor?: LookupReason;
}

export interface RecordedAnswer {
  fileId: number;
  /** the file's state before */
  previous: VerdictState;
  /** the file's verdict is this answer now */
  applied: boolean;
}

export class Answers {
  constructor(
    private readonly d: {
      db: Db;
      files: FilesStore;
      lookups: LookupsStore;
      queue: QueueStore;
      settings: () => Pick<Settings, 'freshness'>;
      now: () => number;
    },
  ) {}

  /** Records an answer in its own transaction. null: the file is gone, or this import was recorded before. */
  record(input: AnswerInput): RecordedAnswer | null {
    return this.d.db.transaction(() => this.recordIn(input)).immediate();
  }

  /** Records an answer inside the caller's transaction (an ingest batch importing Wazuh's answers). */
  recordIn(input: AnswerInput): RecordedAnswer | null {
    const { files, lookups, queue } = this.d;
    const f = input.file;
    const id = 'id' in f ? (files.get(f.id) ? f.id : files.byHash(f.hash)?.id) : files.ensure(f.hashes, f.seenAt);
    if (id === undefined) return null;
    const previous = files.get(id)!.state as VerdictState;
    const target = input.revealed ? files.absorb(id, input.revealed) : id;
    const { state, positives, total } = input.verdict;
    const lookupId = lookups.insert({
      fileId: target,
      at: input.at,
      origin: input.origin,
      reason: input.reason,
      api: input.api,
      state,
      positives,
      total,
      scanDate: input.scanDate,
      permalink: input.permalink,
      error: null,
      httpStatus: input.httpStatus,
      wazuhAlertId: input.wazuhAlertId,
      raw: input.raw,
    });
    if (lookupId === null) return null; // this Wazuh alert was imported before
    const checkedAt = input.askedFor === undefined ? files.get(target)!.checkedAt : null;
    const applied = checkedAt === null || input.answeredAt > checkedAt;
    if (applied) {
      files.applyAnswer(target, {
        state,
        positives,
        total,
        scanDate: input.scanDate,
        checkedAt: input.answeredAt,
        origin: input.origin,
        lookupId,
        details: input.details,
      });
    }
    const q = queue.get(target);
    if (q && this.settles(q.reason, input, target)) queue.remove(target);
    return { fileId: target, previous, applied };
  }

  /** Does this answer settle the file's queue entry (`queued`: its reason now)? */
  private settles(queued: LookupReason, input: AnswerInput, fileId: number): boolean {
    // our answer settles the entry it was asked for; an entry turned into a rescan while a (non-rescan) request
    // was out stays: the analyst wants a fresh answer
    if (input.askedFor !== undefined) return !(queued === 'rescan' && input.askedFor !== 'rescan');
    // an import settles an entry only when the file's answer is fresh now; never one asked for by hand
    if (queued === 'rescan' || queued === 'reanalyse') return false;
    return isFresh(this.d.files.get(fileId)!, this.d.settings().freshness, this.d.now());
  }
}
