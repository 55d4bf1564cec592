// The headless transport over real sockets, against a small fake backend: routing from the contract, validation,
// auth (bearer, cookie), DNS-rebinding and CSRF refusals, SSE, downloads, static files. Every answer is recorded
// and checked for the security headers and for the fake VirusTotal key, which must never appear.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionCookieName, sessionCookieValue } from '../../electron/headless/auth';
import { startHttpServer, type HttpServer } from '../../electron/headless/server';
import { FAKE_KEY, fakeApiBackend, type FakeBackend } from '../helpers/fakeApiBackend';

const TOKEN = 'test-token-0123456789abcdef';
const SHA256 = 'a'.repeat(64);
const seen: { where: string; status: number; headers: Record<string, unknown>; body: string }[] = [];
const logged: string[] = [];
const log = {
  info: (m: string) => logged.push(m),
  warn: (m: string) => logged.push(m),
  error: (m: string) => logged.push(m),
};

let tmp: string;
let backend: FakeBackend;
let server: HttpServer;
let base: string;

function record(where: string, status: number, headers: Record<string, unknown>, body: string) {
  seen.push({ where, status, headers, body });
}

/** fetch, recorded; `auth: false` leaves the bearer token out. */
async function call(pathname: string, init: RequestInit & { auth?: boolean } = {}) {
  const headers = new Headers(init.headers);
  if (init.auth !== false) headers.set('authorization', `Bearer ${TOKEN}`);
  const res = await fetch(base + pathname, { ...init, headers, redirect: 'manual' });
  const body = await res.text();
  record(pathname, res.status, Object.fromEntries(res.headers), body);
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in the tests
  return { status: res.status, headers: res.headers, body, json: json as Record<string, any> };
}

/** node:http, for what fetch will not send: a raw path, a Host header. */
function raw(pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        record(pathname, res.statusCode ?? 0, res.headers, text);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const bearer = { authorization: `Bearer ${TOKEN}` };

/** A server of its own over the fake backend, API only, with `options` on top (the bounds a test makes small). */
function serverWith(options: Partial<Parameters<typeof startHttpServer>[0]>): Promise<HttpServer> {
  return startHttpServer({ backend: fakeApiBackend(), token: TOKEN, port: 0, staticDir: null, log, ...options });
}
let cookie: { cookie: string };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-http-'));
  fs.writeFileSync(path.join(tmp, 'package.json'), '{"secret":"OUTSIDE-THE-STATIC-DIR"}');
  const dir = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>app</title><script src="/assets/index-AbCd1234.js"></script>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  fs.symlinkSync(path.join(tmp, 'package.json'), path.join(dir, 'link.json'));
  backend = fakeApiBackend();
  server = await startHttpServer({ backend, token: TOKEN, port: 0, staticDir: dir, log, sse: { pingMs: 50 } });
  base = server.url.replace(/\/$/, '');
  cookie = { cookie: `${sessionCookieName(server.port)}=${sessionCookieValue(TOKEN, server.port)}` };
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(seen.length).toBeGreaterThan(40);
  for (const r of seen) {
    expect(r.body, r.where).not.toContain(FAKE_KEY);
    expect(JSON.stringify(r.headers), r.where).not.toContain(FAKE_KEY);
    expect(r.headers['x-content-type-options'], r.where).toBe('nosniff');
    expect(r.headers['referrer-policy'], r.where).toBe('no-referrer');
    expect(r.headers['content-security-policy'], r.where).toBeTruthy();
    if (r.where.startsWith('/api/')) expect(r.headers['cache-control'], r.where).toBe('no-store');
  }
});

describe('binding and health', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address);
    for (const address of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: address, port: server.port }, () => (socket.destroy(), resolve(false)));
        socket.on('error', () => resolve(true));
      });
      expect(refused, address).toBe(true);
    }
    await expect(
      startHttpServer({ backend, token: TOKEN, port: 0, staticDir: null, host: '0.0.0.0' as '127.0.0.1' }),
    ).rejects.toThrow(/127\.0\.0\.1/);
  });

  it('answers /api/health without a token', async () => {
    const version = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')).version;
    const r = await call('/api/health', { auth: false });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, name: 'fim-verdict', version });
  });

  it('reports a port in use', async () => {
    const err = await startHttpServer({ backend, token: TOKEN, port: server.port, staticDir: null }).catch((e) => e);
    expect(err.code).toBe('EADDRINUSE');
  });
});

describe('routing from the contract', () => {
  it('coerces query strings and applies defaults', async () => {
    expect((await call('/api/alerts?limit=5&offset=10&state=malicious&maxId=7&q=')).status).toBe(200);
    expect(backend.calls.at(-1)).toEqual({
      method: 'listAlerts',
      input: { limit: 5, offset: 10, state: 'malicious', maxId: 7 },
    });
    await call('/api/alerts');
    expect(backend.calls.at(-1)?.input).toEqual({ limit: 100, offset: 0 });
  });

  it('refuses bad query values with the field named', async () => {
    const r = await call('/api/alerts?limit=abc');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('bad-request');
    expect(Object.keys(r.json.error.fields)).toContain('limit');
    expect((await call('/api/alerts?limit=1&limit=2')).status).toBe(400);
    expect((await call('/api/info?unexpected=1')).status).toBe(400);
  });

  it('passes path params', async () => {
    expect((await call(`/api/hashes/${SHA256}`)).json.sha256).toBe(SHA256);
    const bad = await call('/api/hashes/abc');
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toHaveProperty('hash');
    expect((await call('/api/sources/12', { method: 'DELETE' })).json).toEqual({ removed: true });
    expect(backend.calls.at(-1)?.input).toEqual({ id: 12 });
    expect((await call('/api/sources/x', { method: 'DELETE' })).json.error.fields).toHaveProperty('id');
    const body = JSON.stringify({ from: '2024-01-01', to: '2024-01-31' });
    expect((await call('/api/sources/3/backfill', { method: 'POST', body })).status).toBe(200);
    expect(backend.calls.at(-1)?.input).toEqual({ id: 3, from: '2024-01-01', to: '2024-01-31' });
    for (const from of ['2026-02-30', '2026-13-01', '2026-1-01']) {
      const wrong = await call('/api/sources/3/backfill', { method: 'POST', body: JSON.stringify({ from, to: from }) });
      expect(wrong.status).toBe(400);
      expect(wrong.json.error.fields).toHaveProperty('from');
    }
    expect(
      (
        await call('/api/sources/3/backfill', {
          method: 'POST',
          body: JSON.stringify({ from: '2024-02-29', to: '2024-02-29' }),
        })
      ).status,
    ).toBe(200); // a leap day is a day
  });

  it('validates JSON bodies with the schema', async () => {
    const put = (b: string) =>
      call('/api/settings', { method: 'PUT', body: b, headers: { 'content-type': 'application/json' } });
    const wrong = await put(JSON.stringify({ threshold: 'x' }));
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toContain('threshold');
    expect(wrong.json.error.fields).toHaveProperty('threshold');
    expect((await put(JSON.stringify({ nope: 1 }))).status).toBe(400);
    const ok = await put(JSON.stringify({ threshold: 3 }));
    expect(ok.status).toBe(200);
    expect(ok.json.threshold).toBe(3);
    const notJson = await call('/api/rescan', { method: 'POST', body: 'hash=abc' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toBe('the body is not valid JSON');
    // a wrong content type is tolerated when the body is JSON
    const text = await call('/api/rescan', {
      method: 'POST',
      body: JSON.stringify({ hash: SHA256 }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.json).toMatchObject({ hash: SHA256, queued: true });
    expect((await call('/api/rescan', { method: 'POST', body: JSON.stringify({ hash: SHA256, x: 1 }) })).status).toBe(
      400,
    );
    expect((await call('/api/rescan', { method: 'POST', body: '[1,2]' })).status).toBe(400);
    const huge = await call('/api/lookup', {
      method: 'POST',
      body: JSON.stringify({ text: 'a'.repeat(5 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    // nesting: refused before it is parsed (megabytes of [[[[ cost seconds to parse and check); strings do not count
    const deep = await call('/api/lookup', { method: 'POST', body: '['.repeat(2_000_000) + ']'.repeat(2_000_000) });
    expect(deep.status).toBe(400);
    expect(deep.json.error.message).toBe('the body nests deeper than 32 levels');
    const brackets = await call('/api/rescan', {
      method: 'POST',
      body: JSON.stringify({ hash: `${'['.repeat(100)}"\\${'{'.repeat(100)}` }),
    });
    expect(brackets.status).toBe(400);
    expect(brackets.json.error.message).not.toContain('nests'); // the schema's word on the hash, not the nesting's
  });

  it('answers unknown routes, wrong verbs and errors as JSON', async () => {
    const missing = await call('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not-found');
    const verb = await call('/api/rescan');
    expect(verb.status).toBe(405);
    expect(verb.headers.get('allow')).toBe('POST');
    expect((await call('/api/health', { method: 'POST', auth: false })).status).toBe(405);
    expect((await call('/api/diagnostics')).json).toEqual({
      error: { code: 'not-found', message: 'no diagnostics yet' },
    });
    const crash = await call('/api/settings/test-key', { method: 'POST', body: '{}' });
    expect(crash.status).toBe(500);
    expect(crash.json).toEqual({ error: { code: 'internal', message: 'internal error: see the server log' } });
    expect(crash.body).not.toMatch(/at .*\.ts/);
    expect((await call('/api/sources')).status).toBe(500); // an answer outside the contract
    expect(logged.some((m) => m.includes('listSources'))).toBe(true);
  });

  it('never returns fields outside the contract (the key)', async () => {
    const r = await call('/api/settings');
    expect(r.status).toBe(200);
    expect(r.json.apiKeySet).toBe(true);
    expect(r.json).not.toHaveProperty('apiKey');
  });

  it('sends the history export as a file with download=1', async () => {
    const file = await call('/api/history/export?format=csv&download=1');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="history.csv"');
    expect(file.body).toBe('at,state\n2024-01-01T00:00:00Z,clean\n');
    const json = await call('/api/history/export?format=json&download=1');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await call('/api/history/export?format=json')).json).toMatchObject({ filename: 'history.json', rows: 1 });
    expect((await call('/api/history/export?format=csv&download=maybe')).status).toBe(400);
  });
});

describe('auth', () => {
  it('needs the token on every /api route but health', async () => {
    const none = await call('/api/info', { auth: false });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    expect((await call('/api/events', { auth: false })).status).toBe(401);
    expect((await call('/api/nope', { auth: false })).status).toBe(401);
    expect((await call('/api/info', { auth: false, headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await call('/api/info', { auth: false, headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401);
    expect((await call('/api/info', { auth: false, headers: { cookie: 'fimv_token=wrong' } })).status).toBe(401);
    expect((await call('/api/info')).status).toBe(200);
  });

  it('takes no cookie that holds the token, nor another port’s session', async () => {
    const name = sessionCookieName(server.port);
    for (const value of [
      `fimv_token=${TOKEN}`, // what earlier versions set: the token itself, sent to every local port
      `${name}=${TOKEN}`,
      `${name}=${sessionCookieValue(TOKEN, server.port + 1)}`,
      `${sessionCookieName(server.port + 1)}=${sessionCookieValue(TOKEN, server.port)}`,
      `${name}=${sessionCookieValue('another-token-of-32-characters!!', server.port)}`,
    ]) {
      expect((await call('/api/info', { auth: false, headers: { cookie: value } })).status, value).toBe(401);
    }
    expect((await call('/api/info', { auth: false, headers: cookie })).status).toBe(200);
  });

  it('sets the cookie from /?token= and then accepts it', async () => {
    const link = await call(`/?token=${TOKEN}`, { auth: false });
    expect(link.status).toBe(303);
    expect(link.headers.get('location')).toBe('/');
    const setCookie = link.headers.getSetCookie()[0] ?? '';
    // the name carries the port, the value is not the token (browsers send 127.0.0.1's cookies to every port)
    expect(setCookie).toMatch(new RegExp(`^fimv_session_${server.port}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).not.toContain(TOKEN);
    expect(link.headers.getSetCookie()[1]).toMatch(/^fimv_token=; Max-Age=0;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const pair = setCookie.split(';')[0];
    expect((await call('/api/info', { auth: false, headers: { cookie: `other=1; ${pair}` } })).status).toBe(200);
    const wrong = await call('/?token=nope', { auth: false });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(wrong.body).toContain('listening on');
    expect(logged.join('\n')).not.toContain(TOKEN);
  });
});

describe('DNS rebinding and cross-site requests', () => {
  it('refuses a foreign Host header', async () => {
    for (const host of [
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `127.0.0.1.evil.example:${server.port}`,
    ]) {
      const r = await raw('/api/health', { host });
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.body).error.code).toBe('forbidden');
    }
    expect((await raw('/', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await raw('/api/info', { ...bearer, host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `https://127.0.0.1:${server.port}`,
      `http://localhost:${server.port + 1}`,
    ]) {
      expect((await raw('/api/info', { ...bearer, origin })).status, origin).toBe(403);
    }
    expect((await raw('/api/info', { ...bearer, origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('accepts cookie changes only from its own pages', async () => {
    const post = (h: Record<string, string>) =>
      raw(
        '/api/rescan',
        { ...cookie, 'content-type': 'application/json', ...h },
        'POST',
        JSON.stringify({ hash: SHA256 }),
      );
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(403); // neither Origin nor Sec-Fetch-Site
    expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await raw('/api/info', { ...cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await raw('/api/info', { ...cookie })).status).toBe(200);
    // bearer clients (scripts) need no Origin
    expect((await raw('/api/rescan', bearer, 'POST', JSON.stringify({ hash: SHA256 }))).status).toBe(200);
  });
});

describe('events', () => {
  it('streams events in order, pings, and unsubscribes on close', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: bearer, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await vi.waitFor(() => expect(backend.listenerCount).toBe(1));
    backend.emit({ type: 'open-file', hash: 'one' });
    backend.emit({ type: 'open-file', hash: 'two', apiKey: FAKE_KEY }); // a field outside the contract: dropped
    backend.emit({ type: 'alerts' }); // not an event of the contract: not sent
    backend.emit({ type: 'open-file', hash: 'three' });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!(text.includes('three') && text.includes(': ping'))) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += chunk.value;
    }
    record('/api/events', res.status, Object.fromEntries(res.headers), text);
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);
    const frames = text.split('\n\n').filter((f) => f.startsWith('event:'));
    expect(frames).toEqual(
      ['one', 'two', 'three'].map((h) => `event: open-file\ndata: {"type":"open-file","hash":"${h}"}`),
    );
    expect(text).not.toContain('"alerts"');
    expect(text).not.toContain('apiKey');
    expect(logged.some((m) => m.includes('does not match the contract'))).toBe(true);
    controller.abort();
    await vi.waitFor(() => expect(backend.listenerCount).toBe(0));
  });

  it('ends open streams when the server closes', async () => {
    const other = fakeApiBackend();
    const closing = await startHttpServer({ backend: other, token: TOKEN, port: 0, staticDir: null, log });
    const res = await fetch(`${closing.url}api/events`, { headers: bearer });
    const reader = res.body!.getReader();
    await vi.waitFor(() => expect(other.listenerCount).toBe(1));
    await closing.close();
    while (!(await reader.read()).done);
    expect(other.listenerCount).toBe(0);
  });

  it('drops a client that stops reading', async () => {
    const slow = fakeApiBackend();
    const small = await serverWith({ backend: slow, sse: { maxBufferedBytes: 64 * 1024 } });
    let closed = false;
    const req = http.get({ host: '127.0.0.1', port: small.port, path: '/api/events', headers: bearer }, (res) => {
      res.pause(); // never reads
      res.on('close', () => (closed = true));
    });
    req.on('error', () => (closed = true));
    await vi.waitFor(() => expect(slow.listenerCount).toBe(1));
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 400 && slow.listenerCount > 0; i++) slow.emit({ type: 'open-file', hash: big });
    expect(slow.listenerCount).toBe(0);
    expect(logged.some((m) => m.includes('stopped reading'))).toBe(true);
    req.destroy();
    await vi.waitFor(() => expect(closed).toBe(true));
    await small.close();
  });
});

describe('bounded: connections and event streams', () => {
  it('closes connections past its bound and ones that send headers too slowly; answers again when they go', async () => {
    const small = await serverWith({ maxConnections: 4, headersTimeoutMs: 300 });
    const held: net.Socket[] = [];
    const connect = async () => {
      const socket = net.connect(small.port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((resolve) => socket.once('connect', resolve));
      held.push(socket);
      return socket;
    };
    const closed = (socket: net.Socket) =>
      new Promise((resolve) => (socket.destroyed ? resolve(null) : socket.once('close', resolve)));
    try {
      // a local user holding connections open without a word: they take the bound, not every file descriptor
      for (let i = 0; i < 4; i++) await connect();
      const fifth = await connect();
      await closed(fifth); // closed at once
      for (const s of held) s.destroy();
      // once the server has seen them go
      await vi.waitFor(async () => expect((await fetch(`${small.url}api/health`)).status).toBe(200));
      // headers sent a byte at a time and never finished (slowloris): 408, closed
      const slow = await connect();
      let answer = '';
      slow.on('data', (d: Buffer) => (answer += d.toString()));
      slow.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await closed(slow);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      for (const s of held) s.destroy();
      await small.close();
    }
  });

  it('refuses an event stream past its bound with 503, and takes one again when one closes', async () => {
    const small = await serverWith({ sse: { maxClients: 2 } });
    const streams: AbortController[] = [];
    const open = async () => {
      const abort = new AbortController();
      const res = await fetch(`${small.url}api/events`, { headers: bearer, signal: abort.signal });
      streams.push(abort);
      return res;
    };
    try {
      expect((await open()).status).toBe(200);
      expect((await open()).status).toBe(200);
      const refused = await open();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(await refused.json()).toEqual({
        error: { code: 'unavailable', message: 'too many event streams open (2): close a tab of the app' },
      });
      streams[0].abort();
      await vi.waitFor(async () => expect((await open()).status).toBe(200));
    } finally {
      for (const s of streams) s.abort();
      await small.close();
    }
  });
});

describe('static files', () => {
  it('serves the app with a strict CSP and falls back to index.html', async () => {
    const page = await call('/', { auth: false });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toContain('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const rule of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ]) {
      expect(csp).toContain(rule);
    }
    expect(csp).not.toMatch(/'unsafe-(inline|eval|hashes)'/); // only 'wasm-unsafe-eval': WebAssembly, no JS eval
    expect((await call('/alerts/123', { auth: false })).body).toBe(page.body);
    const js = await call('/assets/index-AbCd1234.js', { auth: false });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await call('/assets/missing-AbCd1234.js', { auth: false })).status).toBe(404);
  });

  it('never leaves the static folder', async () => {
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/assets/..%5c..%5cpackage.json',
      '/%2e%2e%2fpackage.json',
      '/index.html%00.js',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const r = await raw(p);
      expect(r.status, p).toBe(400);
      expect(r.body, p).not.toContain('OUTSIDE-THE-STATIC-DIR');
    }
    const link = await raw('/link.json');
    expect(link.status).toBe(404);
    expect(link.body).not.toContain('OUTSIDE-THE-STATIC-DIR');
    expect((await call('/package.json', { auth: false })).body).not.toContain('OUTSIDE-THE-STATIC-DIR');
  });

  it('explains how to build the interface when it is missing', async () => {
    const bare = await startHttpServer({ backend, token: TOKEN, port: 0, staticDir: path.join(tmp, 'nowhere'), log });
    const res = await fetch(bare.url);
    const body = await res.text();
    record('/ (not built)', res.status, Object.fromEntries(res.headers), body);
    expect(body).toContain('npm run build');
    await bare.close();
  });
});
