// Exponential backoff with full jitter: spreads retries so a recovering server is not hit by a storm.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (1 = first retry): random in [base*2^(n-1)/2, base*2^(n-1)], capped. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Per file: 5 s, 10 s, 20 s ... up to an hour. */
export const FILE_RETRY: BackoffPolicy = { baseMs: 5_000, maxMs: 3_600_000 };
/** The whole client while VirusTotal is unreachable: 5 s doubling to 5 minutes. */
export const OFFLINE_RETRY: BackoffPolicy = { baseMs: 5_000, maxMs: 300_000 };
/** After a 429 the window is a minute; repeated 429s (a daily quota used by someone else) wait longer. */
export const RATE_LIMIT_RETRY: BackoffPolicy = { baseMs: 60_000, maxMs: 3_600_000 };
/** After this many failed attempts a file shows 'error' (it is still retried, slowly). */
export const ATTEMPTS_BEFORE_ERROR = 5;
