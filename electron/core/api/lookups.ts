// A file's page (GET /api/hashes/:hash), rescans, look-ups of pasted hashes, and "Test key".
import type { EngineResult, HashDetail } from '../../../shared/contract';
import { LOOKUP_LIMITS, hashProblem, parseHashList } from '../../../shared/hashes';
import { verdictOfStored } from '../../../shared/verdict';
import { ApiError } from '../base/apiError';
import type { AlertsService } from '../ingest/alertsService';
import type { LookupsService } from '../lookups/lookupsService';
import type { FileRecord } from '../store/filesStore';
import type { ApiHandlers } from './types';

const CATEGORY_ORDER: Record<string, number> = { malicious: 0, suspicious: 1 };

/** Detections first, then the others, each by engine name. */
function sortEngines(engines: EngineResult[]): EngineResult[] {
  return [...engines].sort(
    (a, b) => (CATEGORY_ORDER[a.category] ?? 2) - (CATEGORY_ORDER[b.category] ?? 2) || a.engine.localeCompare(b.engine),
  );
}

export function requireHash(input: string): string {
  const problem = hashProblem(input);
  if (problem)
    throw new ApiError('bad-request', `"${input.slice(0, 80)}" is not a hash: ${problem}`, { hash: problem });
  return input.trim().toLowerCase();
}

/**
 * The file page: the look-ups' view of the file (its answer, what it said, its history, its place in the queue)
 * and the alerts that carried it.
 */
function fileDetail(lookups: LookupsService, alerts: AlertsService, file: FileRecord, now: number): HashDetail {
  const carried = alerts.list({ limit: 200, offset: 0, fileId: file.id });
  const queued = lookups.queued(file.id);
  const hash = file.sha256 ?? file.sha1 ?? file.md5 ?? '';
  const details = lookups.fileDetails(file.id)!;
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
    history: lookups.historyOfFile(file.id),
    alerts: carried.items,
    alertsTotal: carried.total,
    queued: queued
      ? {
          reason: queued.reason,
          since: new Date(queued.enqueuedAt).toISOString(),
          nextAttemptAt: queued.nextAttemptAt > now ? new Date(queued.nextAttemptAt).toISOString() : null,
        }
      : null,
    reanalyse: lookups.reanalysisOf([hash, file.sha256, file.sha1, file.md5]),
  };
}

export function lookupsHandlers(
  lookups: LookupsService,
  alerts: AlertsService,
  now: () => number,
  hasKey: () => boolean,
): Pick<ApiHandlers, 'getHash' | 'rescan' | 'lookupHashes' | 'testKey'> {
  return {
    getHash: ({ hash }) => {
      const h = requireHash(hash);
      const file = lookups.fileByHash(h);
      if (!file) {
        throw new ApiError('not-found', `no alert or look-up has seen ${h} yet: look it up to ask VirusTotal`);
      }
      return fileDetail(lookups, alerts, file, now());
    },

    rescan: ({ hash, reanalyse }) => {
      const h = requireHash(hash);
      lookups.queueHash(h, true, reanalyse ?? false);
      return {
        hash: h,
        queued: true,
        reanalyse: reanalyse ?? false,
        message: !hasKey()
          ? 'queued first; no VirusTotal API key yet: add one in Settings and it is looked up at once'
          : reanalyse
            ? 'VirusTotal will be asked to reanalyse the file, then the new report is fetched'
            : 'queued first: a fresh report is fetched as soon as the quota allows',
      };
    },

    lookupHashes: ({ text }) => {
      const parsed = parseHashList(text);
      const { maxValues, maxHashes } = LOOKUP_LIMITS;
      if (parsed.values > maxValues)
        throw new ApiError(
          'bad-request',
          `at most ${maxValues.toLocaleString('en')} values at a time: paste them in parts`,
        );
      if (parsed.accepted.length > maxHashes)
        throw new ApiError('bad-request', `at most ${maxHashes.toLocaleString('en')} hashes at a time`);
      for (const a of parsed.accepted) lookups.queueHash(a.hash, false, false);
      return { accepted: parsed.accepted, rejected: parsed.rejected, rejectedTotal: parsed.rejectedTotal };
    },

    testKey: ({ apiKey }) => lookups.testKey(apiKey),
  };
}
