// The typed results of the VirusTotal client: a file report, its verdict, and typed errors.
// Pure: no I/O. The verdict rules live here so the scheduler, the store and the tests share one definition.
import type { EngineResult } from '../../../shared/contract';
import { hashProblem } from '../../../shared/hashes';
import { verdictOfCounts, type AnsweredState, type CountedVerdict } from '../../../shared/verdict';
import { parseJson } from '../base/wire';

export type VtApiVersion = 'v3' | 'v2';

/** VirusTotal's last_analysis_stats, with v3's hyphenated keys in camelCase. */
export interface VtStats {
  malicious: number;
  suspicious: number;
  undetected: number;
  harmless: number;
  timeout: number;
  confirmedTimeout: number;
  failure: number;
  typeUnsupported: number;
}

export interface VtFileReport {
  /** the API that answered (v2 answers carry no category breakdown: stats are built from positives/total) */
  api: VtApiVersion;
  sha256: string;
  sha1: string | null;
  md5: string | null;
  /** meaningful_name first, then names; deduplicated, at most 50 */
  names: string[];
  typeDescription: string | null;
  size: number | null;
  threatLabel: string | null;
  reputation: number | null;
  tags: string[];
  firstSubmissionMs: number | null;
  lastAnalysisMs: number | null;
  stats: VtStats;
  engines: EngineResult[];
  /** always https://www.virustotal.com/gui/file/<sha256> */
  permalink: string;
}

/** A VirusTotal answer, counted (the verdict rule is shared/verdict.ts). */
export type VtVerdictState = AnsweredState;
export type VtVerdict = CountedVerdict;

export type VtErrorType =
  | 'credentials'
  | 'forbidden'
  | 'quota'
  | 'transient'
  | 'deadline'
  | 'bad-request'
  | 'not-available-yet'
  | 'conflict'
  | 'failed-dependency'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'http';

export interface VtError {
  type: VtErrorType;
  httpStatus: number | null;
  /** VirusTotal's error.code (QuotaExceededError...), or the network error code (ECONNREFUSED...) */
  code: string | null;
  /** for people, in Wazuh's wording where one exists ("Error: Check credentials ..."); never contains the key */
  message: string;
  /** from Retry-After (seconds or an HTTP date) */
  retryAfterMs: number | null;
}

export type VtLookupResult =
  | { kind: 'found'; report: VtFileReport; raw: string; api: VtApiVersion; httpStatus: number }
  /** a normal answer ("No records in VirusTotal database"): cache it like a found one */
  | { kind: 'not-found'; raw: string; api: VtApiVersion; httpStatus: number }
  | { kind: 'error'; error: VtError; raw: string | null; api: VtApiVersion };

export type VtAnalysisStatus = 'queued' | 'in-progress' | 'completed';

export const EMPTY_STATS: VtStats = {
  malicious: 0,
  suspicious: 0,
  undetected: 0,
  harmless: 0,
  timeout: 0,
  confirmedTimeout: 0,
  failure: 0,
  typeUnsupported: 0,
};

export { verdictInWords } from '../../../shared/verdictWords';

/** The verdict of a report: its engines' counts under the analyst's threshold; a null report (not found) is unknown. */
export function verdictOf(report: VtFileReport | null, threshold: number): VtVerdict {
  return verdictOfCounts(report?.stats ?? null, threshold);
}

/** The first words of each error type's message (Wazuh's wording for credentials, quota and timeout). */
export const VT_ERROR_TEXT: Record<VtErrorType, string> = {
  credentials: 'Error: Check credentials',
  forbidden: 'Error: Forbidden: the key may not use this API',
  quota: 'Error: Public API request rate limit reached',
  transient: 'Error: VirusTotal is temporarily unavailable',
  deadline: 'Error: VirusTotal did not finish in time',
  'bad-request': 'Error: Bad request',
  'not-available-yet': 'Error: Not available yet: the file is being analysed',
  conflict: 'Error: Conflict',
  'failed-dependency': 'Error: VirusTotal failed a dependency',
  network: 'Error: Cannot reach VirusTotal',
  timeout: 'Error: API request timed out',
  malformed: 'Error: Unexpected answer from VirusTotal',
  http: 'Error: Unexpected HTTP answer',
};

/** Builds a VtError; `detail` is appended in brackets ("Error: Check credentials (WrongCredentialsError: Wrong API key)"). */
export function vtError(
  type: VtErrorType,
  fields: {
    httpStatus?: number | null;
    code?: string | null;
    detail?: string | null;
    retryAfterMs?: number | null;
  } = {},
): VtError {
  const detail = fields.detail?.trim();
  return {
    type,
    httpStatus: fields.httpStatus ?? null,
    code: fields.code ?? null,
    message: detail ? `${VT_ERROR_TEXT[type]} (${detail})` : VT_ERROR_TEXT[type],
    retryAfterMs: fields.retryAfterMs ?? null,
  };
}

/** Errors worth retrying later as they are (the key and the request are fine). */
export function isRetryable(error: VtError): boolean {
  return ['quota', 'transient', 'deadline', 'network', 'timeout', 'not-available-yet'].includes(error.type);
}

// ---- errors from answers

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** v3 error body {"error":{"code","message"}}, or null. */
export function parseVtErrorBody(json: unknown): { code: string; message: string | null } | null {
  if (!isRecord(json) || !isRecord(json.error)) return null;
  const code = text(json.error.code);
  return code ? { code, message: text(json.error.message) } : null;
}

/** A non-2xx answer (and v2's 204) -> a typed error. 404 NotFoundError of a file look-up is handled by the caller. */
export function errorFromHttp(
  api: VtApiVersion,
  status: number,
  body: string | null,
  retryAfterMs: number | null,
): VtError {
  const vt = parseVtErrorBody(parseJson(body));
  const code = vt?.code ?? null;
  const detail = vt ? (vt.message ? `${vt.code}: ${vt.message}` : vt.code) : `HTTP ${status}`;
  const make = (type: Parameters<typeof vtError>[0], d: string | null = detail) =>
    vtError(type, { httpStatus: status, code, detail: d, retryAfterMs });
  if (api === 'v2') {
    if (status === 204) return make('quota', null);
    if (status === 403 || status === 401) return make('credentials', vt ? detail : null);
  }
  if (status >= 300 && status < 400) return make('http', `HTTP ${status} redirect: check the base URL`);
  switch (status) {
    case 400:
      return make(code === 'NotAvailableYet' ? 'not-available-yet' : 'bad-request');
    case 401:
      return make('credentials');
    case 403:
      return make('forbidden');
    case 409:
      return make('conflict');
    case 424:
      return make('failed-dependency');
    case 429:
      return make('quota');
    case 503:
      return make('transient');
    case 504:
      return make('deadline');
  }
  if (status >= 500 && status < 600) return make('transient');
  return make('http', vt ? `HTTP ${status}, ${detail}` : `HTTP ${status}`);
}

export function badHashError(value: string): VtError {
  return vtError('bad-request', { detail: `not a file hash: ${hashProblem(value) ?? 'invalid'}` });
}

export function malformedError(json: unknown, what: string): VtError {
  return vtError('malformed', { httpStatus: 200, detail: json === undefined ? 'not JSON' : what });
}

/** v2 response codes other than 1 (found) and 0 (not found): -2 queued, -1 and others refused. */
export function v2ResponseCodeError(code: unknown, json: unknown): VtError {
  const verbose = typeof json === 'object' && json !== null ? (json as { verbose_msg?: unknown }).verbose_msg : null;
  const detail = `response_code ${String(code)}${typeof verbose === 'string' ? `: ${verbose.slice(0, 200)}` : ''}`;
  if (code === -2) return vtError('not-available-yet', { httpStatus: 200, detail });
  if (code === 0) return vtError('http', { httpStatus: 200, code: 'NotFoundError', detail });
  return vtError('bad-request', { httpStatus: 200, detail });
}

// ---- reanalysis

export type ReanalyseStatus = 'requested' | 'queued' | 'in-progress' | 'completed' | 'failed' | 'timed-out';
export interface ReanalyseProgressEvent {
  status: ReanalyseStatus;
  analysisId: string | null;
  elapsedMs: number;
  message: string;
}
export interface ReanalyseOptions {
  /** between polls (official clients: 10-20 s) */
  pollMs?: number;
  /** give up after (official clients: ~10 min) */
  maxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onProgress?: (event: ReanalyseProgressEvent) => void;
  /** look the file up again once completed (default true) */
  fetchReport?: boolean;
}
/** `requests`: how many API requests were spent (for the quota). */
export type ReanalyseOutcome =
  | { status: 'completed'; analysisId: string; elapsedMs: number; requests: number; lookup: VtLookupResult | null }
  | { status: 'failed'; analysisId: string | null; elapsedMs: number; requests: number; error: VtError }
  | { status: 'timed-out'; analysisId: string; elapsedMs: number; requests: number };
