// An indexer source's state in words, and when to try again. Errors back off (exponential, with jitter, capped);
// a 401 stops the source until its credentials change (retrying a refused password would lock the account and
// flood the indexer's audit log); problems a person must fix (certificate, permissions, a refused query) are
// retried slowly, so the source recovers by itself once they are fixed.
import type { IndexerSourceStatus } from '../../../shared/indexer';
import { type BackoffPolicy, backoffDelay } from '../base/backoff';
import type { IndexerError } from './errors';

/** Network, overload, timeouts: 5 s doubling to 5 minutes. */
export const INDEXER_RETRY: BackoffPolicy = { baseMs: 5_000, maxMs: 300_000 };
/** What a person must fix: 1 minute doubling to 30 minutes. */
export const INDEXER_SLOW_RETRY: BackoffPolicy = { baseMs: 60_000, maxMs: 1_800_000 };

export const FOLLOWING: IndexerSourceStatus = Object.freeze({
  problem: null,
  message: 'following',
  retryAt: null,
  stoppedUntilCredentialsChange: false,
});

const pad = (n: number) => String(n).padStart(2, '0');

/** hh:mm:ss in the engine's local time (where the status bar is read). */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "following", with the lag behind now when there is one worth saying. */
export function followingStatus(lagMs: number | null): IndexerSourceStatus {
  if (lagMs === null || lagMs < 60_000) return FOLLOWING;
  const minutes = Math.round(lagMs / 60_000);
  const lag = minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
  return { ...FOLLOWING, message: `following, ${lag} behind` };
}

export interface RetryContext {
  /** 1 for the first failure in a row */
  attempt: number;
  nowMs: number;
  random?: () => number;
}

/** The state after a failed poll, and when to retry. */
export function statusForError(e: IndexerError, r: RetryContext): IndexerSourceStatus {
  if (e.problem === 'credentials') {
    return {
      problem: 'credentials',
      message: 'credentials refused (401): stopped until the user name or the password changes',
      retryAt: null,
      stoppedUntilCredentialsChange: true,
    };
  }
  const slow = ['certificate', 'forbidden', 'bad-request', 'no-index', 'config'].includes(e.problem);
  const retryAt = r.nowMs + backoffDelay(r.attempt, slow ? INDEXER_SLOW_RETRY : INDEXER_RETRY, r.random);
  const problem = e.problem === 'pit-missing' || e.problem === 'pit-unsupported' ? 'server-error' : e.problem;
  return {
    problem,
    message: `${e.message}: retrying at ${clockTime(retryAt)}`,
    retryAt,
    stoppedUntilCredentialsChange: false,
  };
}

/** The state after a poll stopped at a page some shards did not answer. */
export function statusForPartial(note: string, r: RetryContext): IndexerSourceStatus {
  const retryAt = r.nowMs + backoffDelay(r.attempt, INDEXER_RETRY, r.random);
  return {
    problem: 'partial-shards',
    message: `${note}: waiting for the rest before reading further, retrying at ${clockTime(retryAt)}`,
    retryAt,
    stoppedUntilCredentialsChange: false,
  };
}
