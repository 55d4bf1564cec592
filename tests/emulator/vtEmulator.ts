// A VirusTotal-compatible HTTP server for tests and the demo: v3 files/analyse/analyses/overall_quotas and v2
// file/report and file/rescan, with switches for errors, slowness, malformed answers, hangs, resets and quotas.
// Control API (manual use, demo): POST /__emulator/mode {mode, count?}, POST|GET /__emulator/files,
// GET /__emulator/requests, POST /__emulator/reset, POST /__emulator/config {perMinute, slowMs, ...}.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorJson, type VtFileSpec } from './vtFiles';
import { apiAnswer, json, modeAnswer, type Answer } from './vtRoutes';
import {
  EmulatorState,
  type EmulatorRequest,
  type RequestKind,
  type VtEmulatorConfig,
  type VtEmulatorMode,
  type VtEmulatorOptions,
} from './vtState';

export type { EmulatorRequest, VtEmulatorConfig, VtEmulatorMode, VtEmulatorOptions } from './vtState';
export type { VtFileSpec } from './vtFiles';

export interface VtEmulator {
  /** base URL, e.g. http://127.0.0.1:PORT (give it to VtClient as baseUrl) */
  readonly url: string;
  readonly port: number;
  /** accepted API keys (mutable) */
  readonly keys: string[];
  /** every API request (control requests excluded), oldest first */
  readonly requests: EmulatorRequest[];
  readonly config: VtEmulatorConfig;
  addFile(spec: VtFileSpec): { sha256: string; sha1: string; md5: string };
  removeFile(hash: string): boolean;
  setMode(mode: VtEmulatorMode): void;
  failNext(n: number, mode: VtEmulatorMode): void;
  configure(patch: Partial<VtEmulatorConfig>): void;
  countFor(hash: string): number;
  fileRequests(): number;
  maxInAnyWindow(ms: number): number;
  reset(): void;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

export async function startVtEmulator(options: VtEmulatorOptions = {}): Promise<VtEmulator> {
  const state = new EmulatorState(options);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let url = '';

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** Sends an answer; with bodyDelayMs, the headers and half the body now, the rest after the delay. */
  function send(res: http.ServerResponse, answer: Answer, entry?: EmulatorRequest, bodyDelayMs = 0): void {
    if (res.destroyed || res.headersSent) return;
    if (entry) entry.status = answer.status;
    const text =
      answer.status === 204 ? '' : (answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    const type = answer.text !== undefined ? 'text/html' : 'application/json';
    const bytes = Buffer.from(text, 'utf8');
    res.writeHead(answer.status, {
      ...(text ? { 'content-type': type, 'content-length': String(bytes.length) } : {}),
      ...answer.headers,
    });
    if (bodyDelayMs <= 0 || bytes.length < 2) return void res.end(bytes.length ? bytes : undefined);
    const half = Math.floor(bytes.length / 2);
    res.write(bytes.subarray(0, half));
    void delay(bodyDelayMs).then(() => {
      if (!res.destroyed) res.end(bytes.subarray(half));
    });
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, u: URL): Promise<void> {
    const api = u.pathname.startsWith('/api/v3/') ? 'v3' : 'v2';
    const method = req.method ?? 'GET';
    const parts = u.pathname
      .slice(api === 'v3' ? 8 : 10)
      .split('/')
      .filter(Boolean)
      .map((p) => decodeURIComponent(p));
    const body = method === 'POST' ? await readBody(req) : '';
    const params = new URLSearchParams(u.search);
    if (api === 'v2') for (const [k, v] of new URLSearchParams(body)) if (!params.has(k)) params.set(k, v);
    const headerKey = req.headers['x-apikey'];
    const key = api === 'v3' ? (typeof headerKey === 'string' ? headerKey : null) : params.get('apikey');

    let kind: RequestKind = 'other';
    let hash: string | null = null;
    if (api === 'v3' && parts[0] === 'files' && parts[1]) {
      hash = parts[1].toLowerCase();
      kind = parts.length === 2 ? 'file' : parts[2] === 'analyse' ? 'analyse' : 'other';
    } else if (api === 'v3' && parts[0] === 'analyses') kind = 'analysis';
    else if (api === 'v3' && parts[0] === 'users') kind = 'quotas';
    else if (api === 'v2') {
      const resource = params.get('resource')?.trim().toLowerCase() ?? null;
      const route = parts.join('/');
      kind = route === 'file/rescan' ? 'analyse' : route === 'file/report' ? 'file' : 'other';
      if (kind === 'file' && resource && state.isAnalysisId(resource)) kind = 'analysis';
      else hash = resource;
    }
    const shown = new URLSearchParams(u.search);
    shown.delete('apikey');
    let path =
      (api === 'v3' && parts[0] === 'users' ? u.pathname.replace(/(\/users\/)[^/]+/, '$1{key}') : u.pathname) +
      (shown.size ? `?${shown.toString()}` : '');
    for (const k of [key, ...state.keys]) if (k && k.length >= 8) path = path.split(k).join('{key}');
    const entry = state.record({ method, path, hash, apiVersion: api, key, kind });

    const mode = state.takeMode();
    if (mode === 'hang') return;
    if (mode === 'reset') {
      req.socket.destroy();
      return;
    }
    if (mode === 'slow' || (typeof mode === 'object' && 'slowMs' in mode)) {
      await delay(mode === 'slow' ? state.config.slowMs : mode.slowMs);
    }
    const forced = modeAnswer(mode, api);
    if (forced) return send(res, forced, entry);
    const bodyDelay = mode === 'slow-body' ? state.config.slowMs : 0;

    if (!key || !state.isKnownKey(key)) {
      if (api === 'v2') return send(res, { status: 403 }, entry);
      const answer = key
        ? errorJson(401, 'WrongCredentialsError', 'Wrong API key')
        : errorJson(401, 'AuthenticationRequiredError', 'X-Apikey header is missing');
      return send(res, json(401, answer), entry);
    }
    if (kind !== 'quotas') {
      const quota = state.consume(key);
      if (!quota.ok) {
        if (api === 'v2') return send(res, { status: 204 }, entry);
        return send(res, json(429, errorJson(429), { 'retry-after': String(quota.retryAfterS) }), entry);
      }
    }
    send(res, apiAnswer(state, url, api, method, parts, params, key), entry, bodyDelay);
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, u: URL): Promise<void> {
    const route = `${req.method} ${u.pathname}`;
    let input: unknown = null;
    if (req.method === 'POST') {
      try {
        input = JSON.parse((await readBody(req)) || 'null');
      } catch {
        return send(res, json(400, { error: 'the body must be JSON' }));
      }
    }
    const obj = (input ?? {}) as Record<string, unknown>;
    try {
      if (route === 'POST /__emulator/mode') {
        const mode = obj.mode as VtEmulatorMode;
        if (typeof obj.count === 'number') state.failNext(obj.count, mode);
        else state.setMode(mode);
        return send(res, json(200, { ok: true }));
      }
      if (route === 'POST /__emulator/files') {
        const specs = (Array.isArray(input) ? input : [input]) as VtFileSpec[];
        return send(res, json(200, { added: specs.map((s) => state.addFile(s)) }));
      }
      if (route === 'GET /__emulator/files') return send(res, json(200, { files: state.listFiles() }));
      if (route === 'GET /__emulator/requests') return send(res, json(200, { requests: state.requests }));
      if (route === 'POST /__emulator/reset') {
        state.reset();
        return send(res, json(200, { ok: true }));
      }
      if (route === 'POST /__emulator/config') {
        Object.assign(state.config, obj);
        return send(res, json(200, { config: state.config }));
      }
    } catch (e) {
      return send(res, json(400, { error: e instanceof Error ? e.message : String(e) }));
    }
    send(res, json(404, { error: `no control route ${route}` }));
  }

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://emulator');
    const handler = u.pathname.startsWith('/__emulator/')
      ? handleControl
      : u.pathname.startsWith('/api/v3/') || u.pathname.startsWith('/vtapi/v2/')
        ? handleApi
        : null;
    if (!handler) return send(res, json(404, errorJson(404, 'NotFoundError', 'Resource not found')));
    handler(req, res, u).catch((e: unknown) => send(res, json(500, { error: String(e) })));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    keys: state.keys,
    requests: state.requests,
    config: state.config,
    addFile: (spec) => state.addFile(spec),
    removeFile: (hash) => state.removeFile(hash),
    setMode: (mode) => state.setMode(mode),
    failNext: (n, mode) => state.failNext(n, mode),
    configure: (patch) => void Object.assign(state.config, patch),
    countFor: (hash) => state.countFor(hash),
    fileRequests: () => state.fileRequests(),
    maxInAnyWindow: (ms) => state.maxInAnyWindow(ms),
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      }),
  };
}
