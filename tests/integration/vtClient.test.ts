// VtClient against the VirusTotal emulator on 127.0.0.1 (and a local CONNECT proxy): answers, typed errors,
// timeouts, the key's secrecy, reanalysis and quotas.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reanalyseAndWait, VtClient, type VtClientOptions } from '../../electron/core/vt/vtClient';
import { verdictOf, type VtError, type VtLookupResult } from '../../electron/core/vt/types';
import { startVtEmulator, type VtEmulator, type VtEmulatorMode } from '../emulator/vtEmulator';

const KEY = '0123456789abcdef'.repeat(4);
const MAL = {
  sha256: 'ab'.repeat(32),
  malicious: 12,
  suspicious: 1,
  undetected: 55,
  harmless: 2,
  names: ['evil.exe'],
  threatLabel: 'trojan.emotet/x',
};
const CLEAN = { sha256: 'cd'.repeat(32), undetected: 70 };
const UNKNOWN = 'ef'.repeat(32);

let emu: VtEmulator;
let now = 0;
const clients: VtClient[] = [];
function client(options: Partial<VtClientOptions> = {}): VtClient {
  const c = new VtClient({
    baseUrl: `${emu.url}/`,
    apiKey: KEY,
    apiVersion: 'v3',
    timeoutMs: 2000,
    proxy: { httpProxy: '', httpsProxy: '' }, // whatever this machine's environment says
    ...options,
  });
  clients.push(c);
  return c;
}
const errorOf = (r: VtLookupResult): VtError => {
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return r.error;
};

beforeAll(async () => {
  emu = await startVtEmulator({ apiKeys: [KEY], now: () => now });
});
beforeEach(() => {
  now = Date.UTC(2024, 5, 1, 12, 0, 0);
  emu.reset();
  emu.configure({ perMinute: null, slowMs: 1000, analysisPolls: 3, reanalyseResult: null, retryAfterSeconds: null });
  emu.addFile(MAL);
  emu.addFile(CLEAN);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => emu.close());

describe('v3 look-ups', () => {
  it('finds a file by any of its hashes, with the counts and permalink of the sha256', async () => {
    const ids = emu.addFile(MAL);
    for (const h of [ids.sha256, ids.md5.toUpperCase(), ids.sha1]) {
      const r = await client().lookupFile(h);
      if (r.kind !== 'found') throw new Error(r.kind);
      expect(r).toMatchObject({ api: 'v3', httpStatus: 200 });
      expect(r.report).toMatchObject({ sha256: ids.sha256, sha1: ids.sha1, md5: ids.md5, names: ['evil.exe'] });
      expect(r.report.permalink).toBe(`https://www.virustotal.com/gui/file/${ids.sha256}`);
      expect(r.report.threatLabel).toBe('trojan.emotet/x');
      expect(r.report.engines).toHaveLength(73);
      expect(verdictOf(r.report, 1)).toEqual({ state: 'malicious', positives: 12, total: 70 });
      expect(JSON.parse(r.raw).data.id).toBe(ids.sha256);
    }
    expect(emu.countFor(ids.md5)).toBe(3);
    expect(emu.requests[0]).toMatchObject({
      method: 'GET',
      path: `/api/v3/files/${ids.sha256}`,
      key: KEY,
      status: 200,
    });
  });

  it('answers not found as a normal answer, not an error', async () => {
    const r = await client().lookupFile(UNKNOWN);
    expect(r).toMatchObject({ kind: 'not-found', api: 'v3', httpStatus: 404 });
    expect(r.raw).toContain('NotFoundError');
    emu.failNext(1, { status: 404 });
    expect((await client().lookupFile(CLEAN.sha256)).kind).toBe('not-found');
  });

  it('refuses something that is not a hash without a request', async () => {
    const r = await client().lookupFile('../users/x');
    expect(errorOf(r)).toMatchObject({ type: 'bad-request', httpStatus: null });
    expect(emu.requests).toHaveLength(0);
  });

  it.each([
    [{ status: 401 }, 'credentials', 'WrongCredentialsError'],
    [{ status: 403 }, 'forbidden', 'ForbiddenError'],
    [{ status: 429 }, 'quota', 'QuotaExceededError'],
    [{ status: 500 }, 'transient', 'InternalError'],
    [{ status: 503 }, 'transient', 'TransientError'],
    [{ status: 504 }, 'deadline', 'DeadlineExceededError'],
    [{ status: 400 }, 'bad-request', 'BadRequestError'],
    [{ status: 400, code: 'NotAvailableYet' }, 'not-available-yet', 'NotAvailableYet'],
    [{ status: 409 }, 'conflict', 'AlreadyExistsError'],
    [{ status: 424 }, 'failed-dependency', 'FailedDependencyError'],
    [{ status: 404, code: 'SomethingElse' }, 'http', 'SomethingElse'],
  ] as const)('%o -> %s', async (mode, type, code) => {
    emu.failNext(1, mode);
    const c = client();
    const e = errorOf(await c.lookupFile(MAL.sha256));
    expect(e).toMatchObject({ type, code, httpStatus: mode.status });
    expect(e.message).toMatch(/^Error: /);
    expect((await c.lookupFile(MAL.sha256)).kind).toBe('found'); // failNext is over
  });

  it('tells a wrong key from a missing one', async () => {
    const wrong = errorOf(await client({ apiKey: 'b'.repeat(64) }).lookupFile(MAL.sha256));
    expect(wrong).toMatchObject({ type: 'credentials', httpStatus: 401, code: 'WrongCredentialsError' });
    expect(wrong.message).toBe('Error: Check credentials (WrongCredentialsError: Wrong API key)');
    const missing = errorOf(await client({ apiKey: '' }).lookupFile(MAL.sha256));
    expect(missing).toMatchObject({ type: 'credentials', code: 'AuthenticationRequiredError' });
  });

  it('calls non-JSON and wrong-shape answers malformed', async () => {
    emu.failNext(1, 'malformed');
    const bad = await client().lookupFile(MAL.sha256);
    expect(errorOf(bad)).toMatchObject({ type: 'malformed', httpStatus: 200 });
    expect(errorOf(bad).message).toContain('not JSON');
    expect(bad.raw).toContain('<html>');
    emu.failNext(1, 'wrong-shape');
    expect(errorOf(await client().lookupFile(MAL.sha256)).message).toContain('not a file object');
    const tiny = errorOf(await client({ maxBodyBytes: 1000 }).lookupFile(MAL.sha256));
    expect(tiny).toMatchObject({ type: 'malformed' });
    expect(tiny.message).toContain('larger than 1000 bytes');
  });

  it('times out a hanging server and a stalled body, and waits for a slow but timely one', async () => {
    for (const mode of ['hang', 'slow-body'] as VtEmulatorMode[]) {
      emu.failNext(1, mode);
      const started = Date.now();
      const e = errorOf(await client({ timeoutMs: 300 }).lookupFile(MAL.sha256));
      expect(e).toMatchObject({ type: 'timeout', message: 'Error: API request timed out' });
      expect(Date.now() - started).toBeLessThan(1500);
    }
    emu.failNext(1, { slowMs: 100 });
    expect((await client({ timeoutMs: 2000 }).lookupFile(MAL.sha256)).kind).toBe('found');
  });

  it('calls a reset connection and a refused one network errors', async () => {
    emu.failNext(1, 'reset');
    expect(errorOf(await client().lookupFile(MAL.sha256)).type).toBe('network');
    const dead = await startVtEmulator();
    await dead.close();
    const refused = errorOf(await client({ baseUrl: dead.url }).lookupFile(MAL.sha256));
    expect(refused).toMatchObject({ type: 'network', code: 'ECONNREFUSED', httpStatus: null });
    expect(refused.message).toMatch(/^Error: Cannot reach VirusTotal \(/);
  });

  it('reads Retry-After in seconds and as an HTTP date, and the per-minute quota', async () => {
    emu.failNext(1, { status: 429, retryAfter: 30 });
    expect(errorOf(await client().lookupFile(MAL.sha256)).retryAfterMs).toBe(30_000);
    emu.failNext(1, { status: 503, retryAfter: new Date(now + 120_000).toUTCString() });
    expect(errorOf(await client({ now: () => now }).lookupFile(MAL.sha256))).toMatchObject({
      type: 'transient',
      retryAfterMs: 120_000,
    });
    emu.reset();
    emu.configure({ perMinute: 2 });
    const c = client();
    expect((await c.lookupFile(MAL.sha256)).kind).toBe('found');
    now += 10_000;
    expect((await c.lookupFile(UNKNOWN)).kind).toBe('not-found');
    expect(errorOf(await c.lookupFile(CLEAN.sha256))).toMatchObject({ type: 'quota', retryAfterMs: 50_000 });
    now += 50_000;
    expect((await c.lookupFile(CLEAN.sha256)).kind).toBe('found');
    expect(emu.fileRequests()).toBe(4);
    expect(emu.maxInAnyWindow(60_000)).toBe(3);
  });

  it('does not follow redirects (the key header would go along)', async () => {
    let leaked = 0;
    const elsewhere = http.createServer((_req, res) => {
      leaked += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
    const redirecting = http.createServer((_req, res) => {
      res.writeHead(302, { location: target });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
      const e = errorOf(await client({ baseUrl }).lookupFile(MAL.sha256));
      expect(e).toMatchObject({ type: 'http', httpStatus: 302 });
      expect(leaked).toBe(0);
    } finally {
      redirecting.closeAllConnections();
      elsewhere.closeAllConnections();
      await Promise.all([redirecting, elsewhere].map((s) => new Promise((r) => s.close(r))));
    }
  });

  it('works with an injected fetch, and still applies the deadline when the fetch ignores the signal', async () => {
    expect((await client({ fetch: globalThis.fetch }).lookupFile(MAL.sha256)).kind).toBe('found');
    const never = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    expect(errorOf(await client({ fetch: never, timeoutMs: 200 }).lookupFile(MAL.sha256)).type).toBe('timeout');
  });
});

describe('v2 look-ups', () => {
  const v2 = (o: Partial<VtClientOptions> = {}) => client({ apiVersion: 'v2', ...o });

  it('finds a file: positives and total from v2, the GUI permalink, the key out of recorded paths', async () => {
    const ids = emu.addFile(MAL);
    const r = await v2().lookupFile(ids.md5);
    if (r.kind !== 'found') throw new Error(r.kind);
    expect(r).toMatchObject({ api: 'v2', httpStatus: 200 });
    expect(r.report.permalink).toBe(`https://www.virustotal.com/gui/file/${ids.sha256}`);
    expect(verdictOf(r.report, 1)).toEqual({ state: 'malicious', positives: 12, total: 70 });
    expect(emu.requests[0]).toMatchObject({
      path: `/vtapi/v2/file/report?resource=${ids.md5}`,
      key: KEY,
      hash: ids.md5,
    });
  });

  it('answers not found (response_code 0), 204 rate limit and 403 credentials', async () => {
    expect(await v2().lookupFile(UNKNOWN)).toMatchObject({ kind: 'not-found', api: 'v2', httpStatus: 200 });
    emu.failNext(1, 'v2-rate-limit');
    expect(errorOf(await v2().lookupFile(MAL.sha256))).toEqual({
      type: 'quota',
      httpStatus: 204,
      code: null,
      message: 'Error: Public API request rate limit reached',
      retryAfterMs: null,
    });
    const bad = errorOf(await v2({ apiKey: 'b'.repeat(64) }).lookupFile(MAL.sha256));
    expect(bad).toMatchObject({ type: 'credentials', httpStatus: 403, message: 'Error: Check credentials' });
    emu.configure({ perMinute: 1 });
    await v2().lookupFile(MAL.sha256);
    expect(errorOf(await v2().lookupFile(MAL.sha256))).toMatchObject({ type: 'quota', httpStatus: 204 });
  });
});

describe('the key stays secret', () => {
  it('never appears in an error, a raw answer or a recorded path', async () => {
    const seen: unknown[] = [];
    const modes: VtEmulatorMode[] = [{ status: 401 }, { status: 429 }, 'malformed', 'wrong-shape', 'reset', 'hang'];
    for (const apiVersion of ['v3', 'v2'] as const) {
      for (const mode of modes) {
        emu.failNext(1, mode);
        seen.push(await client({ apiVersion, timeoutMs: 300 }).lookupFile(MAL.sha256));
      }
      seen.push(await client({ apiVersion, baseUrl: 'http://127.0.0.1:1' }).lookupFile(MAL.sha256));
      seen.push(await client({ apiVersion, baseUrl: 'http://[not a url' }).lookupFile(MAL.sha256));
      seen.push(await client({ apiVersion }).requestReanalyse(UNKNOWN));
    }
    emu.failNext(1, { status: 400, message: `your key ${KEY} is odd` });
    const echoed = await client().lookupFile(MAL.sha256);
    expect(errorOf(echoed).message).toContain('your key *** is odd');
    seen.push(echoed, await client().getOverallQuotas(), await client({ apiKey: 'c'.repeat(64) }).getOverallQuotas());
    expect(seen.filter((r) => (r as { kind?: string }).kind === 'error').length).toBeGreaterThan(10);
    expect(JSON.stringify(seen)).not.toContain(KEY);
    expect(JSON.stringify(emu.requests.map((r) => r.path))).not.toContain(KEY);
    expect(emu.requests.map((r) => r.path)).toContain('/api/v3/users/{key}/overall_quotas');
  });
});

describe('reanalysis and quotas', () => {
  const fake = () => {
    const state = { t: 0, sleeps: [] as number[], progress: [] as string[] };
    return {
      state,
      options: {
        sleep: async (ms: number) => {
          state.sleeps.push(ms);
          state.t += ms;
        },
        now: () => state.t,
        onProgress: (p: { status: string }) => state.progress.push(p.status),
      },
    };
  };

  it('requests, polls until completed and reads the new report', async () => {
    emu.configure({ analysisPolls: 3, reanalyseResult: { malicious: 20 } });
    const { state, options } = fake();
    const out = await reanalyseAndWait(client(), MAL.sha256, options);
    expect(state.progress).toEqual(['requested', 'queued', 'in-progress', 'completed']);
    expect(state.sleeps).toEqual([15_000, 15_000, 15_000]);
    if (out.status !== 'completed' || out.lookup?.kind !== 'found') throw new Error(out.status);
    expect(out).toMatchObject({ requests: 5, elapsedMs: 45_000 });
    expect(verdictOf(out.lookup.report, 1)).toEqual({ state: 'malicious', positives: 20, total: 70 });
    expect(emu.requests.map((r) => r.kind)).toEqual(['analyse', 'analysis', 'analysis', 'analysis', 'file']);
  });

  it('keeps polling through a transient error, gives up after maxMs, fails on a hard error', async () => {
    const a = fake();
    emu.configure({ analysisPolls: 2 });
    const c = client();
    const sleep = a.options.sleep;
    a.options.sleep = async (ms) => {
      if (a.state.sleeps.length === 0) emu.failNext(1, { status: 503 });
      await sleep(ms);
    };
    expect((await reanalyseAndWait(c, MAL.sha256, a.options)).status).toBe('completed');
    expect(a.state.progress).toEqual(['requested', 'queued', 'completed']);
    emu.configure({ analysisPolls: 1000 });
    const b = fake();
    const out = await reanalyseAndWait(c, MAL.sha256, { ...b.options, pollMs: 10_000, maxMs: 60_000 });
    expect(out).toMatchObject({ status: 'timed-out', requests: 7, elapsedMs: 60_000 });
    expect(b.state.progress.at(-1)).toBe('timed-out');
    const f = await reanalyseAndWait(c, UNKNOWN, fake().options);
    expect(f).toMatchObject({ status: 'failed', requests: 1, error: { code: 'NotFoundError' } });
  });

  it('reanalyses with v2: rescan, then the report by scan_id', async () => {
    emu.configure({ analysisPolls: 2 });
    const { state, options } = fake();
    const out = await reanalyseAndWait(client({ apiVersion: 'v2' }), MAL.sha256, options);
    expect(out.status).toBe('completed');
    expect(state.progress).toEqual(['requested', 'queued', 'completed']);
    expect(emu.requests.map((r) => r.kind)).toEqual(['analyse', 'analysis', 'analysis', 'file']);
  });

  it('reads the overall quotas', async () => {
    const c = client({ now: () => now });
    await c.lookupFile(MAL.sha256);
    await c.lookupFile(UNKNOWN);
    expect(await c.getOverallQuotas()).toEqual({
      ok: true,
      allowance: {
        readAt: '2024-06-01T12:00:00.000Z',
        hourly: { allowed: 240, used: 2 },
        daily: { allowed: 500, used: 2 },
        monthly: { allowed: 15_500, used: 2 },
      },
    });
    const wrong = await client({ apiKey: 'c'.repeat(64) }).getOverallQuotas();
    expect(wrong).toMatchObject({ ok: false, error: { type: 'credentials' } });
  });
});

/** A tiny HTTP proxy: CONNECT tunnels (undici's default, also for http:// targets) and absolute-form requests. */
async function startProxy() {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const up = http.request(target, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s: net.Socket) => sockets.add(s));
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    sockets.add(socket);
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    sockets.add(up);
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('proxy (undici EnvHttpProxyAgent)', () => {
  const names = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const n of names) {
      saved[n] = process.env[n];
      delete process.env[n];
    }
  });
  afterEach(() => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  });

  it('goes through HTTP_PROXY from the environment, and around it for NO_PROXY hosts', async () => {
    const proxy = await startProxy();
    try {
      process.env.HTTP_PROXY = proxy.url;
      const viaEnv = { proxy: undefined };
      expect((await client(viaEnv).lookupFile(MAL.sha256)).kind).toBe('found');
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${emu.port}`]);
      process.env.NO_PROXY = 'localhost,127.0.0.1';
      expect((await client(viaEnv).lookupFile(MAL.sha256)).kind).toBe('found');
      expect(proxy.seen).toHaveLength(1);
      expect(emu.requests).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('takes an explicit proxy option, and calls a dead proxy a network error', async () => {
    const proxy = await startProxy();
    try {
      expect((await client({ proxy: { httpProxy: proxy.url } }).lookupFile(MAL.sha256)).kind).toBe('found');
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${emu.port}`]);
    } finally {
      await proxy.close();
    }
    const dead = errorOf(await client({ proxy: { httpProxy: proxy.url } }).lookupFile(MAL.sha256));
    expect(dead.type).toBe('network');
  });
});
