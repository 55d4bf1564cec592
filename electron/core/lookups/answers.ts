// The one answer path: every answer about a file, from any provider or imported from Wazuh's own integration, is
// recorded here and nowhere else: the history row (with who answered and why), the file's verdict (the rule in
// shared/verdict.ts decides it from the opinion a free source or the allowlist gave and the engines' answer), and
// the hashes it revealed (rows of the same file merged). An import also settles the queue entry it makes needless;
// for our own answers the scheduler says where the file goes next. It says which file it was, the state before, and
// whether the file's verdict moved, so the caller tells the views.
import type { LookupReason, VerdictState } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import { PROVIDER_INFO } from '../../../shared/providers';
import type { Settings } from '../../../shared/settings';
import {
  decideVerdict,
  enginesPhrase,
  type AnswerOrigin,
  type EnginesAnswer,
  type EnginesState,
  type Opinion,
} from '../../../shared/verdict';
import type { Db } from '../db/database';
import type { FileRecord, FilesStore } from '../store/filesStore';
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
  origin: AnswerOrigin;
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

/** Stronger opinions win over weaker ones: the analyst's allowlist, then malicious, then known good. */
const STRENGTH = (o: Opinion): number => (o.provider === 'allowlist' ? 3 : o.state === 'malicious' ? 2 : 1);

/** The opinion a file keeps after `incoming` (a provider's newer answer replaces its own older one). */
export function strongerOpinion(current: Opinion | null, incoming: Opinion): Opinion {
  if (!current || current.provider === incoming.provider) return incoming;
  return STRENGTH(incoming) >= STRENGTH(current) ? incoming : current;
}

const isEngines = (origin: AnswerOrigin): origin is EnginesAnswer['origin'] =>
  origin === 'virustotal' || origin === 'wazuh';

/** The engines' part of a file as stored, or null (who decided is kept, not who counted: Wazuh's only if it decided). */
export function enginesOf(f: FileRecord): EnginesAnswer | null {
  if (f.enginesState === null) return null;
  const origin = f.origin === 'wazuh' ? 'wazuh' : 'virustotal';
  return { origin, state: f.enginesState, positives: f.positives, total: f.total };
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
    const engines = isEngines(input.origin);
    const why = engines
      ? enginesWhy({ origin: input.origin as EnginesAnswer['origin'], state: state as EnginesState, positives, total })
      : (input.why ??
        (state === 'unknown' ? `not known to ${PROVIDER_INFO[input.origin as Opinion['provider']].label}` : null));
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
      why,
      details: input.providerDetails,
    });
    if (lookupId === null) return null; // this Wazuh alert was imported before
    const file = files.get(target)!;
    // an opinion that is none (not found, or found without one) is history only
    if (!engines && state !== 'known-good' && state !== 'malicious')
      return { fileId: target, previous, applied: false };
    const applied =
      !engines ||
      input.askedFor !== undefined ||
      file.enginesState === null ||
      file.checkedAt === null ||
      input.answeredAt > file.checkedAt;
    if (applied) {
      const opinion = engines
        ? file.opinion
        : strongerOpinion(file.opinion, {
            provider: input.origin as Opinion['provider'],
            state: state as Opinion['state'],
            why: why ?? `${state}: ${PROVIDER_INFO[input.origin as Opinion['provider']].label}`,
          });
      const enginesPart: EnginesAnswer | null = engines
        ? { origin: input.origin as EnginesAnswer['origin'], state: state as EnginesState, positives, total }
        : enginesOf(file);
      const decided = decideVerdict(opinion, enginesPart)!;
      files.applyAnswer(target, {
        state: decided.state,
        origin: decided.origin,
        why: decided.why,
        positives: enginesPart?.positives ?? null,
        total: enginesPart?.total ?? null,
        scanDate: engines ? input.scanDate : file.scanDate,
        checkedAt: input.answeredAt,
        enginesState: enginesPart?.state ?? null,
        opinion,
        lookupId,
        details: engines ? input.details : null,
      });
    }
    // an import settles an entry it makes needless; our own answers: the scheduler moves the entry on
    if (input.askedFor === undefined) {
      const q = queue.get(target);
      if (q && this.settlesImport(q.reason, target)) queue.remove(target);
    }
    return { fileId: target, previous, applied };
  }

  /** An import settles an entry only when the file's answer is fresh now; never one asked for by hand. */
  private settlesImport(queued: LookupReason, fileId: number): boolean {
    if (queued === 'rescan' || queued === 'reanalyse') return false;
    return isFresh(this.d.files.get(fileId)!, this.d.settings().freshness, this.d.now());
  }
}

/** "malicious: 61/72 on VirusTotal", "not on VirusTotal" */
export function enginesWhy(e: EnginesAnswer): string {
  return e.state === 'unknown' ? enginesPhrase(e) : `${e.state}: ${enginesPhrase(e)}`;
}
