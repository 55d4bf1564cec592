// The headless transport: the request each contract call becomes (buildRequest), and what a failed answer
// becomes (ApiCallError), against a test server on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, ApiCallError, apiContract, type ApiEvent, type ApiMethod } from '../../../../shared/contract';
import { buildRequest, createHttpApi } from '../../../../renderer/src/api/httpTransport';
import { NO_FILTER, filterQuery } from '../../../../renderer/src/store/alertFilter';
import { PAGE_SIZE } from '../../../../renderer/src/store/alertsFeed';
import { EARLY_REQUESTS } from '../../../../shared/earlyRequests';

/** Every method's route, written out: a route that changes breaks the public HTTP API (docs/API.md). */
const ROUTES: Record<ApiMethod, string> = {
  getInfo: 'GET /api/info',
  getStats: 'GET /api/stats',
  listAlerts: 'GET /api/alerts',
  exportAlerts: 'GET /api/alerts/export',
  locateAlert: 'GET /api/alerts/position',
  listAgents: 'GET /api/agents',
  getHash: 'GET /api/hashes/:hash',
  rescan: 'POST /api/rescan',
  lookupHashes: 'POST /api/lookup',
  listHistory: 'GET /api/history',
  exportHistory: 'GET /api/history/export',
  historySummary: 'GET /api/history/summary',
  setTriage: 'POST /api/triage',
  listFiles: 'GET /api/files',
  exportFiles: 'GET /api/files/export',
  getSettings: 'GET /api/settings',
  putSettings: 'PUT /api/settings',
  testKey: 'POST /api/settings/test-key',
  listSources: 'GET /api/sources',
  addSource: 'POST /api/sources',
  removeSource: 'DELETE /api/sources/:id',
  startBackfill: 'POST /api/sources/:id/backfill',
  listBackfills: 'GET /api/backfills',
  getDiagnostics: 'GET /api/diagnostics',
  addIndexerSource: 'POST /api/sources/indexer',
  updateIndexerSource: 'PUT /api/sources/:id/indexer',
  testIndexerSource: 'POST /api/sources/indexer/test',
  startSweep: 'POST /api/sources/:id/sweep',
  listSweeps: 'GET /api/sweeps',
  listAllowlist: 'GET /api/allowlist',
  addAllowlist: 'POST /api/allowlist',
  importAllowlist: 'POST /api/allowlist/import',
  removeAllowlist: 'DELETE /api/allowlist/:id',
};

const headersOf = (init: RequestInit) => init.headers as Record<string, string>;

describe('buildRequest', () => {
  it('maps every contract method to its route and verb', () => {
    expect(Object.keys(ROUTES).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) {
      const [verb, route] = ROUTES[method].split(' ');
      expect(apiContract[method].http, method).toEqual([verb, route]);
      const request = buildRequest(method, { hash: 'abc', id: 7 });
      expect(request.init.method, method).toBe(verb);
      expect(new URL(request.url, 'http://x').pathname, method).toBe(route.replace(':hash', 'abc').replace(':id', '7'));
    }
  });

  it('puts path parameters in the path, encoded, and nowhere else', () => {
    const hash = buildRequest('getHash', { hash: '../a b/?c#d%' });
    expect(hash.url).toBe('/api/hashes/..%2Fa%20b%2F%3Fc%23d%25');
    const remove = buildRequest('removeSource', { id: 12 });
    expect(remove.url).toBe('/api/sources/12');
    expect(remove.init.body).toBeUndefined();
    const backfill = buildRequest('startBackfill', { id: 3, from: '2024-04-01', to: '2024-04-07' });
    expect(backfill.url).toBe('/api/sources/3/backfill');
    expect(JSON.parse(backfill.init.body as string)).toEqual({ from: '2024-04-01', to: '2024-04-07' });
  });

  it('a GET puts its input in the query string, leaving out empty values but keeping 0', () => {
    const { url, init } = buildRequest('listAlerts', {
      limit: 100,
      offset: 0,
      q: '',
      state: undefined,
      agent: null as unknown as string,
      event: 'added',
      maxId: 0,
    });
    const parsed = new URL(url, 'http://x');
    expect(parsed.pathname).toBe('/api/alerts');
    expect([...parsed.searchParams]).toEqual([
      ['limit', '100'],
      ['offset', '0'],
      ['event', 'added'],
      ['maxId', '0'],
    ]);
    expect(init.body).toBeUndefined();
    expect(headersOf(init)['Content-Type']).toBeUndefined();
  });

  it('a GET with nothing to send has no query string; values are encoded', () => {
    expect(buildRequest('getStats', {}).url).toBe('/api/stats');
    expect(buildRequest('getStats', undefined).url).toBe('/api/stats');
    const { url } = buildRequest('listHistory', { q: 'a b&c=d/é', from: '2024-05-01' });
    expect(url).toBe('/api/history?q=a+b%26c%3Dd%2F%C3%A9&from=2024-05-01');
    expect(new URL(url, 'http://x').searchParams.get('q')).toBe('a b&c=d/é');
  });

  it('POST and PUT send their input as JSON, empty values included', () => {
    const lookup = buildRequest('lookupHashes', { text: '' });
    expect(lookup.init.method).toBe('POST');
    expect(lookup.init.body).toBe('{"text":""}');
    expect(headersOf(lookup.init)['Content-Type']).toBe('application/json');
    const put = buildRequest('putSettings', { threshold: 3, apiKey: null });
    expect(put.init.method).toBe('PUT');
    expect(JSON.parse(put.init.body as string)).toEqual({ threshold: 3, apiKey: null });
    expect(JSON.parse(buildRequest('testKey', undefined).init.body as string)).toEqual({});
  });

  it('asks for JSON, sends the session cookie on this origin only, and never from the cache', () => {
    const { url, init } = buildRequest('getInfo', {}, 'http://127.0.0.1:8477');
    expect(url).toBe('http://127.0.0.1:8477/api/info');
    expect(headersOf(init).Accept).toBe('application/json');
    expect(init.credentials).toBe('same-origin');
    expect(init.cache).toBe('no-store');
  });
});

describe('createHttpApi against a server', () => {
  type Answer = { status: number; body?: string; type?: string };
  let answer: Answer = { status: 200, body: '{}' };
  const received: { method: string; url: string; body: string }[] = [];
  let server: http.Server;
  let base: string;
  const noEvents = { subscribe: () => () => undefined };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', body });
        res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function failure(call: Promise<unknown>): Promise<ApiCallError> {
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiCallError);
    return error as ApiCallError;
  }

  it('sends the built request and answers the JSON value', async () => {
    answer = { status: 200, body: '{"removed":true}' };
    const api = createHttpApi(noEvents, base);
    await expect(api.removeSource({ id: 4 })).resolves.toEqual({ removed: true });
    expect(received.at(-1)).toEqual({ method: 'DELETE', url: '/api/sources/4', body: '' });
    answer = { status: 200, body: '{"hash":"x","queued":true,"reanalyse":false,"message":"queued first"}' };
    await api.rescan({ hash: 'x' });
    expect(received.at(-1)).toEqual({ method: 'POST', url: '/api/rescan', body: '{"hash":"x"}' });
  });

  it("keeps the server's error: code, message and the fields for the form", async () => {
    answer = {
      status: 400,
      body: JSON.stringify({
        error: { code: 'bad-request', message: 'from: a date as YYYY-MM-DD', fields: { from: 'a date as YYYY-MM-DD' } },
      }),
    };
    const error = await failure(createHttpApi(noEvents, base).startBackfill({ id: 1, from: 'x', to: '2024-01-01' }));
    expect(error.method).toBe('startBackfill');
    expect(error.message).toBe('from: a date as YYYY-MM-DD');
    expect(error.body).toEqual({
      code: 'bad-request',
      message: 'from: a date as YYYY-MM-DD',
      fields: { from: 'a date as YYYY-MM-DD' },
    });
  });

  it('without an error body, the status says what happened', async () => {
    const cases: [number, string, string][] = [
      [400, 'bad-request', 'The server answered 400 Bad Request'],
      [403, 'forbidden', 'The server answered 403 Forbidden'],
      [404, 'not-found', 'The server answered 404 Not Found'],
      [409, 'conflict', 'The server answered 409 Conflict'],
      [500, 'internal', 'The server answered 500 Internal Server Error'],
      [502, 'internal', 'The server answered 502 Bad Gateway'],
    ];
    for (const [status, code, message] of cases) {
      answer = { status, body: '<html>not json</html>', type: 'text/html' };
      const error = await failure(createHttpApi(noEvents, base).getStats({}));
      expect(error.body, String(status)).toEqual({ code, message });
    }
  });

  it('a 401 says how to sign in; an error body with a code but no message is described from the status', async () => {
    answer = { status: 401, body: '' };
    const signedOut = await failure(createHttpApi(noEvents, base).getInfo({}));
    expect(signedOut.body.code).toBe('unauthorized');
    expect(signedOut.message).toMatch(/open the address with \?token=… that the FIM Verdict server printed/);

    answer = { status: 409, body: '{"error":{"code":"conflict"}}' };
    const conflict = await failure(createHttpApi(noEvents, base).addSource({ path: '/x' }));
    expect(conflict.body).toEqual({ code: 'conflict', message: 'The server answered 409 Conflict' });
  });

  it('a server that is gone is said so, not thrown as a TypeError', async () => {
    const gone = http.createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const error = await failure(createHttpApi(noEvents, `http://127.0.0.1:${port}`).getStats({}));
    expect(error.body).toEqual({
      code: 'internal',
      message: 'Cannot reach the FIM Verdict server. Is it still running?',
    });
  });

  it('events come from the shared event stream', () => {
    const listeners: ((event: ApiEvent) => void)[] = [];
    const api = createHttpApi({ subscribe: (l) => (listeners.push(l), () => undefined) }, base);
    const seen: ApiEvent[] = [];
    api.subscribe((event) => seen.push(event));
    listeners[0]({ type: 'open-file', hash: 'a'.repeat(64) });
    expect(seen).toEqual([{ type: 'open-file', hash: 'a'.repeat(64) }]);
  });
  it('takes an answer the page asked for early, once, for exactly its path (shared/earlyRequests.ts)', async () => {
    const json = (value: unknown) =>
      Promise.resolve(new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json' } }));
    answer = { status: 200, body: '{"from":"server"}' };
    const before = received.length;
    const api = createHttpApi(noEvents, base, new Map([['/api/info', json({ from: 'early' })]]));
    await expect(api.getInfo({})).resolves.toEqual({ from: 'early' });
    expect(received.length).toBe(before);
    await expect(api.getInfo({})).resolves.toEqual({ from: 'server' }); // once
    expect(received.length).toBe(before + 1);
    // the app's first two requests are the ones the page sends early
    expect(buildRequest('listAlerts', { ...filterQuery(NO_FILTER), limit: PAGE_SIZE, offset: 0 }).url).toBe(
      EARLY_REQUESTS[0],
    );
    expect(buildRequest('getInfo', {}).url).toBe(EARLY_REQUESTS[1]);
  });

  it('sends again an early request that failed, and says an early error answer as its own', async () => {
    answer = { status: 200, body: '{"from":"server"}' };
    const lost = createHttpApi(noEvents, base, new Map([['/api/info', Promise.reject(new TypeError('network'))]]));
    await expect(lost.getInfo({})).resolves.toEqual({ from: 'server' });
    const refused = createHttpApi(
      noEvents,
      base,
      new Map([['/api/info', Promise.resolve(new Response('', { status: 401 }))]]),
    );
    expect((await failure(refused.getInfo({}))).body.code).toBe('unauthorized');
  });

  it('reads the early requests from the page once (window.__fimvEarly), whatever else is there', async () => {
    answer = { status: 200, body: '{"from":"server"}' };
    const early = Promise.resolve(new Response('{"from":"page"}'));
    const page = globalThis as { __fimvEarly?: unknown };
    page.__fimvEarly = { '/api/info': early, '/api/stats': 'not a promise' };
    const api = createHttpApi(noEvents, base);
    expect(page.__fimvEarly).toBeUndefined();
    await expect(api.getInfo({})).resolves.toEqual({ from: 'page' });
    await expect(api.getStats({})).resolves.toEqual({ from: 'server' });
  });
});
