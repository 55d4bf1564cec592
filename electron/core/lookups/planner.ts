// The planner decides, for each stored FIM alert with a hash, whether it needs a request: a fresh cached answer
// is attached at once (no request); a file already queued gets the alert attached; otherwise the file is
// enqueued once. It also turns Wazuh's own VirusTotal answers into answers for the one answer path (no request
// spent). Runs inside the ingest transaction.
import type { LookupReason, WazuhVtRecord } from '../../../shared/domain';
import { bestHash, permalinkFor } from '../../../shared/hashes';
import type { Settings } from '../../../shared/settings';
import { verdictOfWazuhAnswer } from '../../../shared/verdict';
import type { FileRecord } from '../store/filesStore';
import type { QueueStore } from '../store/queueStore';
import { wazuhVtHashes } from '../wazuh/vtAlertRow';
import type { Answers } from './answers';
import { isFresh } from './freshness';

export { isFresh } from './freshness';

export type PlanOutcome = 'cached' | 'queued' | 'attached';

export class Planner {
  constructor(
    private readonly queue: QueueStore,
    private readonly answers: Answers,
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

  /** Import one of Wazuh's own VirusTotal answers as a history entry. Returns the file, and whether its verdict moved. */
  importWazuh(rec: WazuhVtRecord): { fileId: number; changed: boolean } | null {
    if (rec.error || rec.found === null) return null;
    const hashes = wazuhVtHashes(rec);
    if (!bestHash(hashes)) return null;
    const sha256 = hashes.sha256;
    const recorded = this.answers.recordIn({
      file: { hashes, seenAt: rec.epochMs },
      origin: 'wazuh',
      reason: 'wazuh',
      at: rec.epochMs,
      // "as old as its scan_date": that is when VirusTotal's answer was true
      answeredAt: rec.scanDateMs ?? rec.epochMs,
      verdict: verdictOfWazuhAnswer(rec.found, rec.positives, rec.total, this.settings().threshold),
      scanDate: rec.scanDateMs,
      permalink: sha256 ? permalinkFor(sha256) : null,
      revealed: null,
      details: null,
      api: null,
      httpStatus: null,
      raw: null,
      wazuhAlertId: rec.alertId,
    });
    return recorded && { fileId: recorded.fileId, changed: recorded.applied };
  }
}
