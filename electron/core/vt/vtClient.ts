// The VirusTotal HTTP client: v3 (and v2 for legacy keys) -> typed results and typed errors. It never throws,
// applies one deadline to the whole exchange (headers and body), caps bodies, and never lets the key into a message.
// Without an injected fetch (Electron's net.fetch) it uses undici with an EnvHttpProxyAgent: HTTP(S)_PROXY, NO_PROXY.
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { Allowance } from '../../../shared/contract';
import { normalizeHash } from '../../../shared/hashes';
import { parseJson, parseRetryAfter } from '../base/wire';
import { parseAnalyseAccepted, parseAnalysisStatus, parseOverallQuotas, parseV2Report, parseV3File } from './report';
import {
  badHashError,
  errorFromHttp,
  isRetryable,
  malformedError,
  parseVtErrorBody,
  v2ResponseCodeError,
  vtError,
  type ReanalyseOptions,
  type ReanalyseOutcome,
  type ReanalyseStatus,
  type VtAnalysisStatus,
  type VtApiVersion,
  type VtError,
  type VtLookupResult,
} from './types';

export interface VtClientOptions {
  /** https://www.virustotal.com, or the emulator's http://127.0.0.1:PORT; /api/v3/... or /vtapi/v2/... is appended */
  baseUrl: string;
  apiKey: string;
  apiVersion: VtApiVersion;
  /** one deadline for the whole exchange: connecting, headers and body */
  timeoutMs: number;
  /** Electron's net.fetch in the desktop app (it brings the system proxy); undici + EnvHttpProxyAgent otherwise */
  fetch?: typeof fetch;
  userAgent?: string;
  /** overrides HTTP_PROXY / HTTPS_PROXY / NO_PROXY for the undici dispatcher (ignored with an injected fetch) */
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  /** a larger answer is refused as malformed (default 20 MB) */
  maxBodyBytes?: number;
  now?: () => number;
}

export type VtResult<T> = ({ ok: true } & T) | { ok: false; error: VtError };

interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}
type RequestInitLike = {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  redirect: 'manual';
};
type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;
type Exchange = { ok: true; status: number; body: string; retryAfterMs: number | null } | { ok: false; error: VtError };

const DEFAULT_MAX_BODY = 20 * 1024 * 1024;
class BodyTooLarge extends Error {}

async function readCapped(res: ResponseLike, max: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new BodyTooLarge();
  if (!res.body) return '';
  const reader = res.body.getReader();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLarge();
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const errorCode = (x: unknown): string | null =>
  typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string'
    ? (x as { code: string }).code
    : null;
const errorMessage = (x: unknown): string => (x instanceof Error ? x.message : typeof x === 'string' ? x : '');

export class VtClient {
  readonly apiVersion: VtApiVersion;
  private readonly base: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly userAgent: string;
  private readonly now: () => number;
  private readonly agent: EnvHttpProxyAgent | null;
  private readonly doFetch: FetchLike;

  constructor(options: VtClientOptions) {
    this.apiVersion = options.apiVersion;
    this.base = options.baseUrl.trim().replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    this.userAgent = options.userAgent ?? 'fim-verdict';
    this.now = options.now ?? Date.now;
    if (options.fetch) {
      this.agent = null;
      this.doFetch = options.fetch;
    } else {
      const agent = new EnvHttpProxyAgent({ ...options.proxy });
      this.agent = agent;
      this.doFetch = (url, init) => undiciFetch(url, { ...init, dispatcher: agent });
    }
  }

  /** Releases the undici dispatcher's connections. */
  async close(): Promise<void> {
    await this.agent?.close();
  }

  async lookupFile(hash: string): Promise<VtLookupResult> {
    const api = this.apiVersion;
    const h = normalizeHash(hash);
    if (!h) return { kind: 'error', api, raw: null, error: badHashError(hash) };
    const x =
      api === 'v3'
        ? await this.send('GET', `/api/v3/files/${h}`)
        : await this.send('GET', '/vtapi/v2/file/report', { apikey: this.apiKey, resource: h });
    if (!x.ok) return { kind: 'error', api, raw: null, error: x.error };
    const raw = x.body;
    const fail = (error: VtError): VtLookupResult => ({ kind: 'error', api, raw, error });
    if (x.status !== 200) {
      const notFound = api === 'v3' && x.status === 404 && parseVtErrorBody(parseJson(raw))?.code === 'NotFoundError';
      return notFound
        ? { kind: 'not-found', api, raw, httpStatus: 404 }
        : fail(errorFromHttp(api, x.status, raw, x.retryAfterMs));
    }
    const json = parseJson(raw);
    if (api === 'v3') {
      const report = parseV3File(json);
      if (!report) return fail(malformedError(json, 'not a file object'));
      if (![report.sha256, report.sha1, report.md5].includes(h) && report[kindOf(h)] !== null)
        return fail(vtError('malformed', { httpStatus: 200, detail: 'the answer is about another file' }));
      return { kind: 'found', api, raw, httpStatus: 200, report };
    }
    const v2 = parseV2Report(json);
    if (!v2) return fail(malformedError(json, 'not a v2 file report'));
    if (v2.found) return { kind: 'found', api, raw, httpStatus: 200, report: v2.found };
    if (v2.responseCode === 0) return { kind: 'not-found', api, raw, httpStatus: 200 };
    return fail(v2ResponseCodeError(v2.responseCode, json));
  }

  /** v3: POST /files/{hash}/analyse -> the analysis id; v2: POST file/rescan -> scan_id. */
  async requestReanalyse(hash: string): Promise<VtResult<{ analysisId: string }>> {
    const h = normalizeHash(hash);
    if (!h) return { ok: false, error: badHashError(hash) };
    const api = this.apiVersion;
    const x =
      api === 'v3'
        ? await this.send('POST', `/api/v3/files/${h}/analyse`)
        : await this.send('POST', '/vtapi/v2/file/rescan', undefined, { apikey: this.apiKey, resource: h });
    if (!x.ok) return x;
    if (x.status !== 200) return { ok: false, error: errorFromHttp(api, x.status, x.body, x.retryAfterMs) };
    const json = parseJson(x.body);
    const analysisId = parseAnalyseAccepted(json, api);
    if (analysisId) return { ok: true, analysisId };
    if (api === 'v2' && typeof json === 'object' && json !== null && 'response_code' in json)
      return { ok: false, error: v2ResponseCodeError((json as { response_code: unknown }).response_code, json) };
    return { ok: false, error: malformedError(json, 'not an analysis') };
  }

  /** v3: GET /analyses/{id}; v2: the rescan's report by scan_id (response_code -2 = queued). */
  async getAnalysis(id: string): Promise<VtResult<{ status: VtAnalysisStatus }>> {
    const api = this.apiVersion;
    const x =
      api === 'v3'
        ? await this.send('GET', `/api/v3/analyses/${encodeURIComponent(id)}`)
        : await this.send('GET', '/vtapi/v2/file/report', { apikey: this.apiKey, resource: id });
    if (!x.ok) return x;
    if (x.status !== 200) return { ok: false, error: errorFromHttp(api, x.status, x.body, x.retryAfterMs) };
    const json = parseJson(x.body);
    if (api === 'v3') {
      const status = parseAnalysisStatus(json);
      return status ? { ok: true, status } : { ok: false, error: malformedError(json, 'not an analysis') };
    }
    const v2 = parseV2Report(json);
    if (!v2) return { ok: false, error: malformedError(json, 'not a v2 file report') };
    if (v2.responseCode === 1) return { ok: true, status: 'completed' };
    if (v2.responseCode === -2) return { ok: true, status: 'queued' };
    return { ok: false, error: v2ResponseCodeError(v2.responseCode, json) };
  }

  /** GET /api/v3/users/{key}/overall_quotas (v3 only: a v2 key is the same key). */
  async getOverallQuotas(): Promise<VtResult<{ allowance: Allowance }>> {
    const x = await this.send(
      'GET',
      `/api/v3/users/${encodeURIComponent(this.apiKey)}/overall_quotas`,
      undefined,
      undefined,
      'v3',
    );
    if (!x.ok) return x;
    if (x.status !== 200) return { ok: false, error: errorFromHttp('v3', x.status, x.body, x.retryAfterMs) };
    const json = parseJson(x.body);
    const allowance = parseOverallQuotas(json, this.now());
    return allowance ? { ok: true, allowance } : { ok: false, error: malformedError(json, 'not a quota summary') };
  }

  private scrub(s: string): string {
    const key = this.apiKey;
    if (!key) return s;
    let out = s.split(key).join('***');
    const encoded = encodeURIComponent(key);
    if (encoded !== key) out = out.split(encoded).join('***');
    return out;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    query?: Record<string, string>,
    form?: Record<string, string>,
    api: VtApiVersion = this.apiVersion,
  ): Promise<Exchange> {
    const url = this.base + path + (query ? `?${new URLSearchParams(query).toString()}` : '');
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent };
    if (api === 'v3') headers['x-apikey'] = this.apiKey;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const x = await this.exchange(url, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    if (x.ok) return { ...x, body: this.scrub(x.body) };
    const { error } = x;
    return {
      ok: false,
      error: { ...error, message: this.scrub(error.message), code: error.code && this.scrub(error.code) },
    };
  }

  private async exchange(url: string, init: Omit<RequestInitLike, 'signal' | 'redirect'>): Promise<Exchange> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const aborted = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(new Error('deadline')), { once: true }),
    );
    aborted.catch(() => undefined);
    try {
      const request = Promise.resolve().then(() =>
        this.doFetch(url, { ...init, signal: controller.signal, redirect: 'manual' }),
      );
      const res = await Promise.race([request, aborted]);
      const body = await Promise.race([readCapped(res, this.maxBodyBytes, controller.signal), aborted]);
      if (controller.signal.aborted) throw new Error('deadline');
      if (res.status < 100) return { ok: false, error: vtError('http', { detail: 'redirected: check the base URL' }) };
      return {
        ok: true,
        status: res.status,
        body,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.now()),
      };
    } catch (e) {
      if (controller.signal.aborted) return { ok: false, error: vtError('timeout') };
      if (e instanceof BodyTooLarge)
        return { ok: false, error: vtError('malformed', { detail: `answer larger than ${this.maxBodyBytes} bytes` }) };
      const cause = (e as { cause?: unknown } | null)?.cause;
      const code = errorCode(cause) ?? errorCode(e);
      const text = errorMessage(cause) || errorMessage(e) || 'connection failed';
      const detail = code && !text.includes(code) ? `${code}: ${text}` : text;
      return { ok: false, error: vtError('network', { code, detail }) };
    } finally {
      clearTimeout(timer);
    }
  }
}

const kindOf = (h: string): 'md5' | 'sha1' | 'sha256' =>
  h.length === 32 ? 'md5' : h.length === 40 ? 'sha1' : 'sha256';

const STATUS_TEXT: Record<VtAnalysisStatus, string> = {
  queued: 'Queued at VirusTotal',
  'in-progress': 'VirusTotal is analysing the file',
  completed: 'Analysis completed',
};

/** POST analyse, then poll the analysis until completed (then look the file up again), a hard error, or maxMs. */
export async function reanalyseAndWait(
  client: Pick<VtClient, 'requestReanalyse' | 'getAnalysis' | 'lookupFile'>,
  hash: string,
  options: ReanalyseOptions = {},
): Promise<ReanalyseOutcome> {
  const pollMs = options.pollMs ?? 15_000;
  const maxMs = options.maxMs ?? 600_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  const elapsed = () => Math.max(0, now() - start);
  let analysisId: string | null = null;
  const emit = (status: ReanalyseStatus, message: string) =>
    options.onProgress?.({ status, analysisId, elapsedMs: elapsed(), message });

  let requests = 1;
  const accepted = await client.requestReanalyse(hash);
  if (!accepted.ok) {
    emit('failed', accepted.error.message);
    return { status: 'failed', analysisId, elapsedMs: elapsed(), requests, error: accepted.error };
  }
  const id = accepted.analysisId;
  analysisId = id;
  emit('requested', 'Reanalysis requested');
  let wait = pollMs;
  for (;;) {
    if (elapsed() >= maxMs) {
      emit('timed-out', `No result after ${Math.round(maxMs / 1000)} s`);
      return { status: 'timed-out', analysisId: id, elapsedMs: elapsed(), requests };
    }
    await sleep(Math.max(0, Math.min(wait, maxMs - elapsed())));
    wait = pollMs;
    requests += 1;
    const poll = await client.getAnalysis(id);
    if (!poll.ok) {
      if (isRetryable(poll.error)) {
        wait = Math.max(pollMs, poll.error.retryAfterMs ?? 0);
        continue;
      }
      emit('failed', poll.error.message);
      return { status: 'failed', analysisId: id, elapsedMs: elapsed(), requests, error: poll.error };
    }
    emit(poll.status, STATUS_TEXT[poll.status]);
    if (poll.status === 'completed') {
      const lookup = options.fetchReport === false ? null : await client.lookupFile(hash);
      if (lookup) requests += 1;
      return { status: 'completed', analysisId: id, elapsedMs: elapsed(), requests, lookup };
    }
  }
}
