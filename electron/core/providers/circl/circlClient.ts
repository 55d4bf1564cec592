// The CIRCL hashlookup client (https://hashlookup.circl.lu, no key; adulau/hashlookup-server bin/server.py).
// For each file it asks one question, by the strongest hash CIRCL can answer in bulk:
// - SHA-1 (the server's primary key) in POST /bulk/sha1, else MD5 in POST /bulk/md5, `batchSize` per request:
//   the answer lists the records found (matched back to the files by their own MD5 / SHA-1), absence = not found;
// - GET /lookup/sha256/<h> for a file known only by its SHA-256 (there is no bulk SHA-256 route).
// A file not found by its SHA-1 is not asked again by MD5: CIRCL stores one record per file, under its SHA-1, so
// the MD5 names the same record. Only hashes leave the machine.
import type { HashKind } from '../../../../shared/hashes';
import { parseJson } from '../../base/wire';
import { baseUrlOf, httpOptions, ProviderHttp, type HttpClientOptions } from '../http';
import {
  errorFromStatus,
  hashToAsk,
  noHash,
  notAsked,
  providerError,
  stopsTheBatch,
  type AskedHash,
  type HashQuery,
  type ProviderError,
  type ProviderResult,
  type ReputationClient,
} from '../types';
import { readCirclRecord, type CirclReading } from './record';

export const CIRCL_DEFAULT_URL = 'https://hashlookup.circl.lu';

/**
 * 500 hashes a request: about 21 KB of SHA-1 out (far below the 1 MB request limit front ends set by default) and
 * at most ~1 MB back when every file is known; a batch is one request of the best-effort service, and one slow or
 * failed answer delays or fails at most that many files.
 */
export const CIRCL_BATCH_SIZE = 500;
export const CIRCL_MAX_BATCH_SIZE = 1000;

/** Where to ask: the address is the whole configuration (CIRCL takes no key). */
export interface CirclConfig {
  baseUrl: string;
}

export interface CirclClientOptions extends Partial<Omit<HttpClientOptions, 'maxBodyBytes'>> {
  config: CirclConfig;
  /** hashes per bulk request (1 to 1000) */
  batchSize?: number;
  /** default 32 MB: a full batch of records with their parents stays well below */
  maxBodyBytes?: number;
}

export class CirclClient implements ReputationClient {
  readonly provider = 'circl' as const;
  readonly baseUrl: string;
  private readonly batchSize: number;
  private readonly http: ProviderHttp;

  constructor(options: CirclClientOptions) {
    this.baseUrl = baseUrlOf('circl', options.config.baseUrl);
    this.batchSize = Math.min(CIRCL_MAX_BATCH_SIZE, Math.max(1, Math.floor(options.batchSize ?? CIRCL_BATCH_SIZE)));
    this.http = new ProviderHttp('circl', httpOptions(options, { timeoutMs: 15_000, maxBodyBytes: 32 * 1024 * 1024 }));
  }

  close(): Promise<void> {
    return this.http.close();
  }

  async lookup(queries: readonly HashQuery[]): Promise<ProviderResult[]> {
    // SHA-1 first: the server's own key; SHA-256 last: it costs a request per file
    const questions = queries.map((q) => hashToAsk(q, ['sha1', 'md5', 'sha256']));
    const answers = new Map<string, ProviderResult>();
    const key = (q: AskedHash) => `${q.kind}:${q.hash}`;
    const unique = (kind: HashKind) => [...new Set(questions.filter((q) => q?.kind === kind).map((q) => q!.hash))];
    // after an error about the service itself (down, timing out, refusing us) the rest is not sent
    let stopped: ProviderError | null = null;
    const settle = (asked: AskedHash, r: ProviderResult) => {
      answers.set(key(asked), r);
      if (!stopped && r.kind === 'error' && stopsTheBatch(r.error)) stopped = r.error;
    };
    const skip = (asked: AskedHash, cause: ProviderError) =>
      answers.set(key(asked), { kind: 'error', provider: 'circl', asked: null, error: notAsked(cause) });
    for (const kind of ['sha1', 'md5'] as const) {
      const hashes = unique(kind);
      for (let i = 0; i < hashes.length; i += this.batchSize) {
        const batch = hashes.slice(i, i + this.batchSize);
        if (stopped) for (const hash of batch) skip({ kind, hash }, stopped);
        else (await this.bulk(kind, batch)).forEach((r, j) => settle({ kind, hash: batch[j] }, r));
      }
    }
    for (const hash of unique('sha256')) {
      const asked = { kind: 'sha256', hash } as const;
      if (stopped) skip(asked, stopped);
      else settle(asked, await this.lookupOne(asked));
    }
    return questions.map((q) => (q ? answers.get(key(q))! : noHash('circl')));
  }

  /** POST /bulk/<kind> {"hashes": [...]}: one result per hash, in order. */
  async bulk(kind: 'md5' | 'sha1', hashes: readonly string[]): Promise<ProviderResult[]> {
    const x = await this.http.request(`${this.baseUrl}/bulk/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hashes }),
    });
    const all = (error: ProviderError): ProviderResult[] =>
      hashes.map((hash) => ({ kind: 'error', provider: 'circl', asked: { kind, hash }, error }));
    if (!x.ok) return all(x.error);
    if (x.status !== 200)
      return all(errorFromStatus('circl', x.status, x.retryAfterMs, statusDetail(x.status, x.body)));
    const json = parseJson(x.body);
    if (!Array.isArray(json))
      return all(providerError('circl', 'malformed', { httpStatus: 200, detail: 'a bulk answer is a JSON array' }));
    // match records back by their own hash; a record about none of the hashes asked is ignored
    const found = new Map<string, { reading: CirclReading; raw: string }>();
    for (const item of json) {
      const reading = readCirclRecord(item);
      const own = reading?.hashes[kind];
      if (reading && own && !found.has(own)) found.set(own, { reading, raw: JSON.stringify(item) });
    }
    return hashes.map((hash) => {
      const hit = found.get(hash);
      const asked = { kind, hash };
      return hit ? foundResult(asked, hit.reading, hit.raw) : { kind: 'not-found', provider: 'circl', asked };
    });
  }

  /** GET /lookup/<kind>/<h>: 200 a record, 404 not found, 400 a hash the server calls malformed. */
  async lookupOne(asked: AskedHash): Promise<ProviderResult> {
    const x = await this.http.request(`${this.baseUrl}/lookup/${asked.kind}/${asked.hash}`, { method: 'GET' });
    const fail = (error: ProviderError): ProviderResult => ({ kind: 'error', provider: 'circl', asked, error });
    if (!x.ok) return fail(x.error);
    const json = parseJson(x.body);
    const message = messageOf(json);
    // the server's own 404 says "Non existing ..."; any other 404 (an HTML page, a wrong route) is not an answer
    if (x.status === 404 && message?.startsWith('Non existing')) return { kind: 'not-found', provider: 'circl', asked };
    if (x.status === 400)
      return fail(providerError('circl', 'bad-hash', { httpStatus: 400, detail: message ?? 'HTTP 400' }));
    if (x.status !== 200)
      return fail(errorFromStatus('circl', x.status, x.retryAfterMs, statusDetail(x.status, x.body)));
    const reading = readCirclRecord(json);
    if (!reading)
      return fail(providerError('circl', 'malformed', { httpStatus: 200, detail: 'not a hashlookup record' }));
    const own = reading.hashes[asked.kind];
    if (own !== null && own !== asked.hash)
      return fail(providerError('circl', 'malformed', { httpStatus: 200, detail: 'the answer is about another file' }));
    return foundResult(asked, reading, x.body);
  }
}

function foundResult(asked: AskedHash, reading: CirclReading, raw: string): ProviderResult {
  const { verdict, why, details } = reading;
  return { kind: 'found', provider: 'circl', asked, finding: { verdict, why, details, link: null, raw } };
}

function messageOf(json: unknown): string | null {
  const m = typeof json === 'object' && json !== null ? (json as { message?: unknown }).message : null;
  return typeof m === 'string' ? m.slice(0, 200) : null;
}

/** The server's JSON message when it sent one ({"message": ...}), else the status alone. */
function statusDetail(status: number, body: string): string {
  const message = messageOf(parseJson(body));
  return message ? `HTTP ${status}: ${message}` : `HTTP ${status}`;
}
