// A CIRCL hashlookup server for tests, answering as adulau/hashlookup-server bin/server.py (v1.2) does:
// - GET /lookup/md5|sha1|sha256/<h>: 400 {"message": "<KIND> value incorrect, expecting a <KIND> value in hex
//   format"} when <h> is not that many hex digits (Python int(h, 16) rules), 404 {"message": "Non existing
//   MD5|SHA-1|SHA-256", "query": "<h as sent>"}, else 200 with the record, its parents (`parents`,
//   `hashlookup:parent-total`) and `hashlookup:trust` (50, +5 per parent, -20 with KnownMalicious, max 100);
// - POST /bulk/md5 and /bulk/sha1 with {"hashes": [...]} (JSON whatever the content type): a JSON array of the
//   records found, in request order, duplicates repeated, malformed hashes silently skipped, no trust or
//   parents; a body without "hashes" is 404 {"message": "JSON format incorrect. An array of hashes in the key
//   'hashes' is expected."}; invalid JSON is 400; a non-string entry is Flask's 500;
// - hashes are case-insensitive (stored upper-case); keys are written sorted, as the live service does.
// Fault switches (5xx as the front end answers, slow, reset, hang) and a request log.
import type http from 'node:http';
import { FaultQueue, type HttpFault, readText, sendJson, startTestHttp } from './testHttp';

export type CirclRecord = Record<string, unknown>;

export interface CirclRequest {
  at: number;
  method: string;
  path: string;
  body: unknown;
  status: number | null;
  kind: 'lookup' | 'bulk' | 'other';
  hashType: 'md5' | 'sha1' | 'sha256' | null;
  /** the hashes the request asked about, as sent */
  hashes: string[];
}

export interface CirclServer {
  readonly url: string;
  readonly requests: CirclRequest[];
  /** stores a record (its MD5 / SHA-1 / SHA-256 fields name it); returns its key */
  add(record: CirclRecord): string;
  remove(hash: string): boolean;
  fail(fault: HttpFault, count?: number): void;
  clearFaults(): void;
  /** how many requests (lookups and bulk) named this hash, any case */
  askedAbout(hash: string): number;
  reset(): void;
  close(): Promise<void>;
}

const KINDS = {
  md5: { length: 32, bad: 'MD5 value incorrect, expecting a MD5 value in hex format', missing: 'Non existing MD5' },
  sha1: {
    length: 40,
    bad: 'SHA1 value incorrect, expecting a SHA1 value in hex format',
    missing: 'Non existing SHA-1',
  },
  sha256: {
    length: 64,
    bad: 'SHA-256 value incorrect, expecting a SHA-256 value in hex format',
    missing: 'Non existing SHA-256',
  },
} as const;
type HashType = keyof typeof KINDS;

const BULK_FORMAT = "JSON format incorrect. An array of hashes in the key 'hashes' is expected.";
const NOT_FOUND =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

/** server.py's check: exactly `length` characters that Python's int(value, 16) accepts. */
export function pythonHexCheck(value: string, length: number): string | false {
  if (value.length !== length) return false;
  if (!/^\s*[+-]?(0[xX])?_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*\s*$/.test(value)) return false;
  return value.toUpperCase();
}

const sorted = (r: CirclRecord): CirclRecord =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A known-good record like the live service's (NSRL / distribution package fields, strings as stored). */
export function circlRecord(h: { md5: string; sha1: string; sha256?: string }, extra: CirclRecord = {}): CirclRecord {
  return {
    CRC32: '8F0A2B16',
    FileName: './usr/bin/ls',
    FileSize: '138208',
    MD5: h.md5.toUpperCase(),
    'SHA-1': h.sha1.toUpperCase(),
    ...(h.sha256 ? { 'SHA-256': h.sha256.toUpperCase() } : {}),
    PackageName: 'coreutils',
    PackageVersion: '9.1-1',
    db: 'nsrl_modern_rds',
    'insert-timestamp': '1676203423.3345668',
    mimetype: 'application/x-pie-executable',
    source: 'debian-bookworm',
    ...extra,
  };
}

export async function startCirclServer(
  o: { records?: CirclRecord[]; now?: () => number; host?: string; port?: number } = {},
): Promise<CirclServer> {
  const now = o.now ?? Date.now;
  const records = new Map<string, CirclRecord>();
  const links = new Map<string, string>();
  const requests: CirclRequest[] = [];
  const faults = new FaultQueue();

  const add = (record: CirclRecord): string => {
    const up = (k: string) => (typeof record[k] === 'string' ? (record[k] as string).toUpperCase() : null);
    const key = up('SHA-1') ?? up('SHA-256') ?? up('MD5');
    if (!key) throw new Error('a CIRCL record needs MD5, SHA-1 or SHA-256');
    const stored: CirclRecord = { ...record };
    for (const k of ['MD5', 'SHA-1', 'SHA-256']) if (up(k)) stored[k] = up(k);
    records.set(key, stored);
    for (const k of ['MD5', 'SHA-256']) {
      const h = up(k);
      if (h && h !== key) links.set(h, key);
    }
    return key;
  };
  for (const r of o.records ?? []) add(r);

  const find = (type: HashType, k: string): CirclRecord | null => {
    if (type === 'sha1') return records.get(k) ?? null;
    const key = links.get(k) ?? (records.has(k) ? k : null);
    return key ? (records.get(key) ?? null) : null;
  };

  const lookup = (type: HashType, value: string): [number, unknown] => {
    const k = pythonHexCheck(value, KINDS[type].length);
    if (k === false) return [400, { message: KINDS[type].bad }];
    const found = find(type, k);
    if (!found) return [404, { message: KINDS[type].missing, query: value }];
    const out: CirclRecord = { ...found };
    const parents = Array.isArray(found.parents) ? (found.parents as CirclRecord[]) : [];
    delete out.parents;
    if (parents.length > 0) {
      out['hashlookup:parent-total'] = parents.length;
      out.parents = parents.slice(0, parents.length <= 15 ? 15 : 10);
    }
    let trust = 50 + (parents.length > 0 ? 5 * parents.length : 0);
    if ('KnownMalicious' in out) trust -= 20;
    out['hashlookup:trust'] = Math.min(100, trust);
    return [200, sorted(out)];
  };

  const bulk = (type: 'md5' | 'sha1', body: unknown): [number, unknown] => {
    if (body === null || typeof body !== 'object' || Array.isArray(body) || !('hashes' in body))
      return [404, { message: BULK_FORMAT }];
    const hashes = (body as { hashes: unknown }).hashes;
    const list: unknown[] = Array.isArray(hashes)
      ? hashes
      : typeof hashes === 'string'
        ? [...hashes]
        : hashes && typeof hashes === 'object'
          ? Object.keys(hashes)
          : [];
    // Python iterates whatever "hashes" is: a string by characters, a dict by keys; None or a number raise
    if (hashes === null || typeof hashes === 'number' || typeof hashes === 'boolean')
      return [500, { message: 'Internal Server Error' }];
    const out: CirclRecord[] = [];
    for (const val of list) {
      if (typeof val !== 'string') return [500, { message: 'Internal Server Error' }];
      const k = pythonHexCheck(val.toUpperCase(), KINDS[type].length);
      if (k === false) continue;
      const found = type === 'md5' ? (links.has(k) ? records.get(links.get(k)!) : undefined) : records.get(k);
      if (found) {
        const { parents: _parents, ...raw } = found;
        out.push(sorted(raw));
      }
    }
    return [200, out];
  };

  const handler = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    tools: { delay(ms: number): Promise<void> },
  ) => {
    const u = new URL(req.url ?? '/', 'http://circl');
    const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const text = req.method === 'POST' ? await readText(req) : '';
    const entry: CirclRequest = {
      at: now(),
      method: req.method ?? '',
      path: u.pathname,
      body: text || null,
      status: null,
      kind: 'other',
      hashType: null,
      hashes: [],
    };
    requests.push(entry);
    const answer = (status: number, body: unknown) => {
      entry.status = status;
      sendJson(res, status, body);
    };
    const route = parts[0];
    const type = parts[1] as HashType;
    if (route === 'lookup' && type in KINDS && parts.length === 3) {
      entry.kind = 'lookup';
      entry.hashType = type;
      entry.hashes = [parts[2]];
    }
    let bodyJson: unknown = undefined;
    if (route === 'bulk' && (type === 'md5' || type === 'sha1') && parts.length === 2) {
      entry.kind = 'bulk';
      entry.hashType = type;
      try {
        bodyJson = JSON.parse(text);
        entry.body = bodyJson;
        const h = (bodyJson as { hashes?: unknown })?.hashes;
        entry.hashes = Array.isArray(h) ? h.map(String) : [];
      } catch (e) {
        bodyJson = e;
      }
    }

    const fault = faults.take();
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'slow') await tools.delay(fault.ms);
    if (fault?.kind === 'status') {
      entry.status = fault.status;
      if (fault.status === 500) return sendJson(res, 500, { message: 'Internal Server Error' });
      const title = `${fault.status} ${{ 429: 'Too Many Requests', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' }[fault.status]}`;
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      return void res.end(
        `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      );
    }

    if (entry.kind === 'lookup') {
      if (req.method !== 'GET') return answer(405, { message: 'The method is not allowed for the requested URL.' });
      const [status, body] = lookup(type, parts[2]);
      return answer(status, body);
    }
    if (entry.kind === 'bulk') {
      if (req.method !== 'POST') return answer(405, { message: 'The method is not allowed for the requested URL.' });
      if (bodyJson instanceof Error)
        return answer(400, { message: `Failed to decode JSON object: ${bodyJson.message}` });
      const [status, body] = bulk(type as 'md5' | 'sha1', bodyJson);
      return answer(status, body);
    }
    answer(404, { message: NOT_FOUND });
  };
  const http0 = await startTestHttp(handler, o);

  return {
    url: http0.url,
    requests,
    add,
    remove: (hash) => {
      const k = hash.toUpperCase();
      const key = links.get(k) ?? k;
      const had = records.delete(key);
      for (const [l, target] of links) if (target === key) links.delete(l);
      return had;
    },
    fail: (fault, count) => faults.set(fault, count),
    clearFaults: () => faults.clear(),
    askedAbout: (hash) => requests.filter((r) => r.hashes.some((h) => h.toUpperCase() === hash.toUpperCase())).length,
    reset: () => {
      requests.length = 0;
      faults.clear();
    },
    close: () => http0.close(),
  };
}
