// The reputation clients against answers no well-behaved server gives: HTML where JSON belongs, records about
// another file, redirects, oversized bodies, Retry-After, a key echoed back; and through an HTTP proxy or an
// injected fetch (Electron's net.fetch). Each server here is a plain 127.0.0.1 HTTP server scripted per test.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CirclClient } from '../../electron/core/providers/circl/circlClient';
import { MalwareBazaarClient } from '../../electron/core/providers/malwarebazaar/malwareBazaarClient';
import { sendJson, startTestHttp, type TestHttp } from '../emulator/testHttp';
import { startConnectProxy } from '../helpers/connectProxy';
import { errorOf } from '../helpers/providerResults';

const A = { md5: null, sha1: 'a'.repeat(40), sha256: null };
const B = { md5: null, sha1: 'b'.repeat(40), sha256: null };
const S = { md5: null, sha1: null, sha256: 'c'.repeat(64) };
const KEY = 'q'.repeat(48);
const NO_PROXY = { httpProxy: '', httpsProxy: '' };

const servers: TestHttp[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders };
async function scripted(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = await startTestHttp(async (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    await new Promise((r) => req.on('end', r));
    answer(req, res);
  });
  servers.push(server);
  return { url: server.url, seen };
}
const html = (res: http.ServerResponse, status: number, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'text/html', ...headers });
  res.end('<html><body>Welcome to our portal</body></html>');
};
function circl(url: string, o: Partial<ConstructorParameters<typeof CirclClient>[0]> = {}) {
  const c = new CirclClient({ config: { baseUrl: url }, timeoutMs: 5_000, proxy: NO_PROXY, ...o });
  closers.push(() => c.close());
  return c;
}
function bazaar(url: string) {
  const c = new MalwareBazaarClient({ config: { baseUrl: url, authKey: KEY }, timeoutMs: 5_000, proxy: NO_PROXY });
  closers.push(() => c.close());
  return c;
}

describe('CIRCL client and unexpected answers', () => {
  it('calls an HTML page malformed (retry later), never "not found"', async () => {
    const s = await scripted((_req, res) => html(res, 200));
    const [a, c] = await circl(s.url).lookup([A, S]);
    expect(errorOf(a)).toMatchObject({ type: 'malformed', retryable: true, retryAfterMs: 300_000 });
    expect(errorOf(c)).toMatchObject({
      type: 'malformed',
      message: expect.stringContaining('not a hashlookup record'),
    });
  });

  it('calls a 404 that is not the server "Non existing" answer a wrong address, not "not found"', async () => {
    const s = await scripted((_req, res) => html(res, 404));
    const error = errorOf((await circl(s.url).lookup([S]))[0]);
    expect(error).toMatchObject({ type: 'http', retryable: false, httpStatus: 404 });
    expect(error.message).toContain('check the base URL');
  });

  it('ignores bulk records about files it did not ask about, and empty records', async () => {
    const s = await scripted((_req, res) =>
      sendJson(res, 200, [{}, { 'SHA-1': 'F'.repeat(40), FileName: 'other' }, 'text', { 'SHA-1': 'B'.repeat(40) }]),
    );
    const results = await circl(s.url).lookup([A, B]);
    expect(results.map((r) => r.kind)).toEqual(['not-found', 'found']);
  });

  it('refuses a lookup answer about another file', async () => {
    const s = await scripted((_req, res) => sendJson(res, 200, { 'SHA-256': 'd'.repeat(64), FileName: 'x' }));
    expect(errorOf((await circl(s.url).lookup([S]))[0]).message).toContain('the answer is about another file');
  });

  it('never follows a redirect', async () => {
    const elsewhere = await scripted((_req, res) => sendJson(res, 200, []));
    const s = await scripted((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/bulk/sha1` });
      res.end();
    });
    const error = errorOf((await circl(s.url).lookup([A]))[0]);
    expect(error).toMatchObject({ type: 'http', retryable: false, httpStatus: 307 });
    expect(error.message).toContain('redirect: check the base URL');
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('takes the wait from Retry-After', async () => {
    const s = await scripted((_req, res) => html(res, 429, { 'retry-after': '120' }));
    expect(errorOf((await circl(s.url).lookup([A]))[0])).toMatchObject({
      type: 'rate-limited',
      retryable: true,
      retryAfterMs: 120_000,
    });
  });

  it('refuses an answer larger than its cap', async () => {
    const s = await scripted((_req, res) => sendJson(res, 200, [{ 'SHA-1': 'A'.repeat(40), pad: 'x'.repeat(5_000) }]));
    const error = errorOf((await circl(s.url, { maxBodyBytes: 1_000 }).lookup([A]))[0]);
    expect(error).toMatchObject({ type: 'malformed', message: expect.stringContaining('larger than 1000 bytes') });
  });

  it('shows the server words as one line', async () => {
    const s = await scripted((_req, res) => sendJson(res, 400, { message: 'bad\nhash\u202e!' }));
    const error = errorOf(await circl(s.url).lookupOne({ kind: 'sha256', hash: 'c'.repeat(64) }));
    expect(error.message).toBe('CIRCL hashlookup: not a valid hash (bad hash\ufffd!)');
  });

  it('goes through the HTTP proxy it is given', async () => {
    const target = await scripted((_req, res) => sendJson(res, 200, [{ 'SHA-1': 'A'.repeat(40), source: 'NSRL' }]));
    const proxy = await startConnectProxy();
    closers.push(() => proxy.close());
    const [r] = await circl(target.url, { proxy: { httpProxy: proxy.url, noProxy: '' } }).lookup([A]);
    expect(r).toMatchObject({ kind: 'found', finding: { why: 'known good: NSRL' } });
    expect(proxy.tunnels).toEqual([new URL(target.url).host]);
  });

  it('uses an injected fetch (the desktop app passes Electron net.fetch)', async () => {
    const s = await scripted((_req, res) => sendJson(res, 200, []));
    const calls: string[] = [];
    const injected = ((url: string, init: RequestInit) => {
      calls.push(url);
      return fetch(url, init);
    }) as typeof fetch;
    expect((await circl(s.url, { fetch: injected }).lookup([A]))[0].kind).toBe('not-found');
    expect(calls).toEqual([`${s.url}/bulk/sha1`]);
  });
});

describe('MalwareBazaar client and unexpected answers', () => {
  it('scrubs the key from anything the service sends back', async () => {
    const s = await scripted((_req, res) => sendJson(res, 200, { query_status: KEY }));
    const error = errorOf((await bazaar(s.url).lookup([S]))[0]);
    // the answer is scrubbed before it is read: the echoed key is no status at all
    expect(error).toMatchObject({ type: 'malformed', message: 'MalwareBazaar: unexpected answer (no query_status)' });
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(s.seen[0].headers['auth-key']).toBe(KEY);
  });

  it('calls HTML, a missing query_status or a record about another file malformed', async () => {
    let answer: (res: http.ServerResponse) => void = (res) => html(res, 200);
    const s = await scripted((_req, res) => answer(res));
    const c = bazaar(s.url);
    expect(errorOf((await c.lookup([S]))[0])).toMatchObject({
      type: 'malformed',
      message: expect.stringContaining('not JSON'),
    });
    answer = (res) => sendJson(res, 200, { data: [] });
    expect(errorOf((await c.lookup([S]))[0]).message).toContain('no query_status');
    answer = (res) => sendJson(res, 200, { query_status: 'ok', data: [{ sha256_hash: 'e'.repeat(64) }] });
    expect(errorOf((await c.lookup([S]))[0]).message).toContain('the answer is about another file');
    answer = (res) => sendJson(res, 200, { query_status: 'ok', data: 'none' });
    expect(errorOf((await c.lookup([S]))[0]).message).toContain('no sample record');
  });
});
