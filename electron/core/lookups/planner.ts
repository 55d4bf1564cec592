// The planner decides, for each stored FIM alert with a hash, whether it needs a request: a fresh cached answer
// is attached at once (no request); a file already queued gets the alert attached; otherwise the file is
// enqueued once. It also imports Wazuh's own VirusTotal answers as history (no request spent).
import type { LookupReason, WazuhVtRecord } from '../../../shared/domain';
import { bestHash, permalinkFor } from '../../../shared/hashes';
import type { Settings } from '../../../shared/settings';
import { verdictOfWazuhAnswer } from '../../../shared/verdict';
import type { CountersStore } from '../store/countersStore';
import type { FileRecord, FilesStore } from '../store/filesStore';
import type { LookupsStore } from '../store/lookupsStore';
import type { QueueStore } from '../store/queueStore';
import { wazuhVtHashes } from '../wazuh/vtAlertRow';

export type PlanOutcome = 'cached' | 'queued' | 'attached';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function isFresh(
  file: Pick<FileRecord, 'state' | 'checkedAt'>,
  freshness: Settings['freshness'],
  now: number,
): boolean {
  if (file.checkedAt === null) return false;
  const age = now - file.checkedAt;
  switch (file.state) {
    case 'clean':
    case 'malicious':
    case 'suspicious':
      return age < freshness.foundDays * DAY_MS;
    case 'unknown':
      return age < freshness.notFoundHours * HOUR_MS;
    default:
      return false;
  }
}

export class Planner {
  constructor(
    private readonly files: FilesStore,
    private readonly queue: QueueStore,
    private readonly lookups: LookupsStore,
    private readonly counters: CountersStore,
    private readonly settings: () => Settings,
  ) {}

  /**
   * Decide for a newly stored alert of `file`: a fresh answer serves it at once ('cached'); otherwise the file is
   * queued once ('queued'), or the alert joins the entry already queued ('attached').
   */
  plan(file: FileRecord, level: number, reason: 'live' | 'backfill', now: number): PlanOutcome {
    if (isFresh(file, this.settings().freshness, now)) return 'cached';
    // a file with an old answer is refreshed at low priority; a new one ranks by how it arrived
    const rank: LookupReason = file.checkedAt !== null ? 'refresh' : reason;
    return this.queue.enqueue(file.id, rank, level, now) === 'added' ? 'queued' : 'attached';
  }

  /** Import one of Wazuh's own VirusTotal answers as a history entry. Returns the file whose verdict moved. */
  importWazuh(rec: WazuhVtRecord, now: number): { fileId: number; changed: boolean } | null {
    if (rec.error || rec.found === null) return null;
    const hashes = wazuhVtHashes(rec);
    const sha256 = hashes.sha256;
    if (!bestHash(hashes)) return null;
    const fileId = this.files.ensure(hashes, rec.epochMs);
    const verdict = verdictOfWazuhAnswer(rec.found, rec.positives, rec.total, this.settings().threshold);
    const state = verdict.state;
    // "as old as its scan_date": that is when VirusTotal's answer was true
    const answeredAt = rec.scanDateMs ?? rec.epochMs;
    const lookupId = this.lookups.insert({
      fileId,
      at: rec.epochMs,
      origin: 'wazuh',
      reason: 'wazuh',
      api: null,
      state,
      positives: rec.found ? rec.positives : null,
      total: rec.found ? rec.total : null,
      scanDate: rec.scanDateMs,
      permalink: sha256 ? permalinkFor(sha256) : null,
      error: null,
      httpStatus: null,
      wazuhAlertId: rec.alertId,
      raw: null,
    });
    if (lookupId === null) return null; // this Wazuh alert was imported before
    const file = this.files.get(fileId)!;
    let changed = false;
    if (file.checkedAt === null || answeredAt > file.checkedAt) {
      this.files.applyAnswer(fileId, {
        state,
        positives: rec.found ? rec.positives : null,
        total: rec.found ? rec.total : null,
        scanDate: rec.scanDateMs,
        checkedAt: answeredAt,
        origin: 'wazuh',
        lookupId,
        details: null,
      });
      changed = true;
    }
    const queued = this.queue.get(fileId);
    if (
      queued &&
      queued.reason !== 'rescan' &&
      queued.reason !== 'reanalyse' &&
      isFresh(this.files.get(fileId)!, this.settings().freshness, now)
    ) {
      this.queue.remove(fileId);
    }
    return { fileId, changed };
  }
}
