// The file page (GET /api/hashes/:hash) and putting a hash at the head of the queue (rescan, look up).
import type { EngineResult, HashDetail } from '../../../shared/contract';
import { hashKind, hashProblem, type FileHashes } from '../../../shared/hashes';
import type { EngineCore } from '../engineCore';
import { isFresh } from '../lookups/planner';
import type { FileRecord } from '../store/filesStore';
import { verdictOfStored } from '../../../shared/verdict';
import { ApiError } from './types';

const CATEGORY_ORDER: Record<string, number> = { malicious: 0, suspicious: 1 };

/** Detections first, then the others, each by engine name. */
function sortEngines(engines: EngineResult[]): EngineResult[] {
  return [...engines].sort(
    (a, b) => (CATEGORY_ORDER[a.category] ?? 2) - (CATEGORY_ORDER[b.category] ?? 2) || a.engine.localeCompare(b.engine),
  );
}

function hashesOf(hash: string): FileHashes {
  const kind = hashKind(hash);
  return {
    md5: kind === 'md5' ? hash : null,
    sha1: kind === 'sha1' ? hash : null,
    sha256: kind === 'sha256' ? hash : null,
  };
}

export function requireHash(input: string): string {
  const problem = hashProblem(input);
  if (problem)
    throw new ApiError('bad-request', `"${input.slice(0, 80)}" is not a hash: ${problem}`, { hash: problem });
  return input.trim().toLowerCase();
}

export function fileDetail(core: EngineCore, file: FileRecord): HashDetail {
  const alerts = core.alerts.list({ limit: 200, offset: 0, fileId: file.id });
  const queued = core.queue.get(file.id);
  const hash = file.sha256 ?? file.sha1 ?? file.md5 ?? '';
  const reanalyse =
    core.reanalyses.get(hash) ??
    [file.sha256, file.sha1, file.md5].map((h) => h && core.reanalyses.get(h)).find(Boolean) ??
    null;
  const details = core.files.details(file.id)!;
  return {
    sha256: file.sha256,
    sha1: file.sha1,
    md5: file.md5,
    names: details.names,
    type: details.type,
    size: details.size,
    threatLabel: details.threatLabel,
    reputation: details.reputation,
    tags: details.tags,
    firstSeen: details.firstSeen === null ? null : new Date(details.firstSeen).toISOString(),
    verdict: verdictOfStored(file),
    engines: sortEngines(details.engines),
    history: core.lookups.ofFile(file.id),
    alerts: alerts.items,
    alertsTotal: alerts.total,
    queued: queued
      ? {
          reason: queued.reason,
          since: new Date(queued.enqueuedAt).toISOString(),
          nextAttemptAt: queued.nextAttemptAt > core.clock.now() ? new Date(queued.nextAttemptAt).toISOString() : null,
        }
      : null,
    reanalyse: reanalyse || null,
  };
}

/** Put a hash at the head of the queue (a rescan), or answer it from a fresh cache when `force` is false. */
export function queueHash(
  core: EngineCore,
  hash: string,
  force: boolean,
  reanalyse: boolean,
): { queued: boolean; fileId: number } {
  const now = core.clock.now();
  const fileId = core.db.transaction(() => core.files.ensure(hashesOf(hash), now))();
  const file = core.files.get(fileId)!;
  if (!force && isFresh(file, core.getSettings().freshness, now)) return { queued: false, fileId };
  core.queue.enqueue(fileId, 'rescan', 16, now, reanalyse);
  core.scheduler.wake();
  core.statsChanged();
  return { queued: true, fileId };
}
