// What every reputation client answers, per file asked about: found (a verdict, a one-line why, the provider's
// details and the raw record), not found (no opinion at all), or a typed error that says whether asking again
// later can help and when. Clients are leaves: they speak HTTP and parse; the engine decides what an answer means
// for the queue and records it.
import { hashKind, normalizeHash, type FileHashes, type HashKind } from '../../../shared/hashes';
import {
  oneLine,
  PROVIDER_INFO,
  type ProviderAnswer,
  type ProviderDetails,
  type ProviderName,
  type ProviderStatus,
  type ProviderVerdict,
} from '../../../shared/providers';

/** One file to ask about: its hashes as the alert gave them (any may be missing), and its size when known. */
export interface HashQuery extends FileHashes {
  size?: number | null;
  /** the paths the file was seen at, newest first (the allowlist's globs; never sent anywhere) */
  paths?: readonly string[];
}

/** The hash a client actually sent for a file (providers answer by one hash). */
export interface AskedHash {
  kind: HashKind;
  hash: string;
}

export interface ProviderFinding {
  verdict: ProviderVerdict;
  /** one line: "known good: NSRL, Debian coreutils 9.1-1" */
  why: string;
  details: ProviderDetails;
  /** the provider's page about the file, if it has one */
  link: string | null;
  /** the provider's record as received (JSON), for the file's history */
  raw: string;
}

export type ProviderErrorType =
  /** the key is missing, wrong or refused: nothing will work until the analyst fixes it */
  | 'credentials'
  /** 429: asked too often */
  | 'rate-limited'
  /** 5xx: the service is down or overloaded */
  | 'unavailable'
  /** no answer within the client's deadline */
  | 'timeout'
  /** no connection (refused, reset, DNS, proxy) */
  | 'network'
  /** the service says this hash is malformed: asking again about it will not help */
  | 'bad-hash'
  /** an answer we cannot read (not JSON, not the documented shape, about another file) */
  | 'malformed'
  /** any other HTTP answer (a redirect, a 404 route): usually a wrong base URL */
  | 'http';

export interface ProviderError {
  type: ProviderErrorType;
  /** for people; never holds a key */
  message: string;
  /** asking again later, as is, can succeed */
  retryable: boolean;
  /** retryable errors: wait at least this long (the server's Retry-After, else this client's hint) */
  retryAfterMs?: number;
  httpStatus: number | null;
  /** a network error code (ECONNREFUSED...) or the service's status word (unknown_auth_key...) */
  code: string | null;
}

export type ProviderResult =
  | { kind: 'found'; provider: ProviderName; asked: AskedHash; finding: ProviderFinding }
  | { kind: 'not-found'; provider: ProviderName; asked: AskedHash }
  /** asked: null when nothing was sent (no usable hash, or an earlier error in the batch stopped it) */
  | { kind: 'error'; provider: ProviderName; asked: AskedHash | null; error: ProviderError };

/**
 * A reputation client: answers for many files at once, one result per query in the same order. Never throws and
 * never rejects; a provider-wide failure (credentials, service down) answers every query with that error.
 */
export interface ReputationClient {
  readonly provider: ProviderName;
  lookup(queries: readonly HashQuery[]): Promise<ProviderResult[]>;
  /** releases connections */
  close(): Promise<void>;
}

const RETRYABLE: Record<ProviderErrorType, boolean> = {
  credentials: false,
  'rate-limited': true,
  unavailable: true,
  timeout: true,
  network: true,
  'bad-hash': false,
  // an HTML page from a proxy or a half-deployed service: worth another try, later
  malformed: true,
  http: false,
};

/** How long to wait before asking again when the server does not say (the engine's backoff may wait longer). */
export const RETRY_HINT_MS: Record<ProviderErrorType, number | undefined> = {
  credentials: undefined,
  'rate-limited': 60_000,
  unavailable: 60_000,
  timeout: 30_000,
  network: 30_000,
  'bad-hash': undefined,
  malformed: 300_000,
  http: undefined,
};

const WHAT: Record<ProviderErrorType, string> = {
  credentials: 'Check credentials',
  'rate-limited': 'too many requests',
  unavailable: 'temporarily unavailable',
  timeout: 'no answer in time',
  network: 'cannot be reached',
  'bad-hash': 'not a valid hash',
  malformed: 'unexpected answer',
  http: 'unexpected HTTP answer',
};

/** A typed error with a message such as "CIRCL hashlookup: temporarily unavailable (HTTP 503)". */
export function providerError(
  provider: ProviderName,
  type: ProviderErrorType,
  fields: {
    detail?: string | null;
    httpStatus?: number | null;
    code?: string | null;
    retryAfterMs?: number | null;
  } = {},
): ProviderError {
  // details can quote a remote answer: one visible line, capped
  const detail = fields.detail ? oneLine(fields.detail, 300) : '';
  const retryable = RETRYABLE[type];
  const wait = retryable ? (fields.retryAfterMs ?? RETRY_HINT_MS[type]) : undefined;
  return {
    type,
    message: `${PROVIDER_INFO[provider].label}: ${WHAT[type]}${detail ? ` (${detail})` : ''}`,
    retryable,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    httpStatus: fields.httpStatus ?? null,
    code: fields.code ?? null,
  };
}

/** The error a non-2xx HTTP status means, for the statuses every provider shares. */
export function errorFromStatus(
  provider: ProviderName,
  status: number,
  retryAfterMs: number | null,
  detail?: string,
): ProviderError {
  const fields = { httpStatus: status, retryAfterMs, detail: detail ?? `HTTP ${status}` };
  if (status === 401 || status === 403) return providerError(provider, 'credentials', fields);
  if (status === 429) return providerError(provider, 'rate-limited', fields);
  if (status >= 500 && status < 600) return providerError(provider, 'unavailable', fields);
  if (status >= 300 && status < 400)
    return providerError(provider, 'http', { ...fields, detail: `HTTP ${status} redirect: check the base URL` });
  if (status === 404) return providerError(provider, 'http', { ...fields, detail: 'HTTP 404: check the base URL' });
  return providerError(provider, 'http', fields);
}

/** Errors that concern the provider, not one file: after one, the rest of a batch is not sent. */
export function stopsTheBatch(error: ProviderError): boolean {
  return error.type !== 'bad-hash' && error.type !== 'malformed';
}

/** The answer for a file that was not sent because an earlier error stopped the batch. */
export function notAsked(cause: ProviderError): ProviderError {
  return { ...cause, message: `${cause.message}; not asked` };
}

/** The answer for a file without a usable hash (nothing is sent). */
export function noHash(provider: ProviderName): ProviderResult {
  return {
    kind: 'error',
    provider,
    asked: null,
    error: providerError(provider, 'bad-hash', { detail: 'the alert carries no valid MD5, SHA-1 or SHA-256' }),
  };
}

/** The first hash of the query, in the provider's order of preference, that is a valid hash of its kind. */
export function hashToAsk(q: HashQuery, order: readonly HashKind[]): AskedHash | null {
  for (const kind of order) {
    const h = normalizeHash(q[kind]);
    if (h && hashKind(h) === kind) return { kind, hash: h };
  }
  return null;
}

/** A found result as the renderer shows it (shared/providers.ts ProviderAnswerSchema). */
export function toProviderAnswer(r: Extract<ProviderResult, { kind: 'found' }>, answeredAtMs: number): ProviderAnswer {
  const { verdict, why, link, details } = r.finding;
  return {
    provider: r.provider,
    asked: r.asked,
    verdict,
    why,
    answeredAt: new Date(answeredAtMs).toISOString(),
    link,
    details,
  };
}

/** The provider's status after an error (a per-file error says nothing about the provider: it stays ok). */
export function statusAfter(error: ProviderError): ProviderStatus {
  switch (error.type) {
    case 'credentials':
      return 'credentials';
    case 'rate-limited':
      return 'rate-limited';
    case 'unavailable':
    case 'timeout':
    case 'network':
      return 'offline';
    default:
      return 'ok';
  }
}
