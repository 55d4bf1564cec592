// An OpenSearch-compatible Wazuh indexer for tests, on 127.0.0.1 over HTTPS (the committed test CA) or HTTP:
// basic auth and index permissions, GET /, _cat/indices, _resolve/index, _count, _search (query, sort,
// search_after, _source, track_total_hits, result window), points in time, documents that become searchable
// late, fault switches per route and a request log. See tests/emulator/README.md for the API.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterConfig } from './cluster';
import type { IndexerRequest, IndexerServer, IndexerServerOptions, TlsChoice } from './indexerApi';
import {
  forbidden,
  internalError,
  NODE_ID,
  type Reply,
  ReplyError,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
} from './errors';
import { FaultSwitches, type IndexerFault, type IndexerRoute } from './faults';
import { PitRegistry } from './pit';
import { checkParams, handle, matchRoute, unknownRoute } from './routes';
import { authenticate, claimedUser, DEFAULT_USERS } from './security';
import { IndexStore } from './store';
import { alertDocument, EVENTS_5X_STREAM, FIM_STATES_INDEX, fimStateId } from './wazuhFeed';
import { filterPath, parseBody, readBody, serialize } from './wire';

export type { ClusterConfig, IndexerPreset } from './cluster';
export type { IndexerFault, IndexerRoute } from './faults';
export type { IndexerUser } from './security';
export type { DocVersion, NewDoc, WriteOptions } from './store';
export { DEFAULT_USERS } from './security';
export type { IndexerRequest, IndexerServer, IndexerServerOptions, TlsChoice } from './indexerApi';

export const TLS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/tls');
export const TLS_FILES = {
  rootCa: path.join(TLS_DIR, 'root-ca.pem'),
  otherCa: path.join(TLS_DIR, 'other-ca.pem'),
} as const;

function tlsMaterial(choice: TlsChoice): { cert: string | Buffer; key: string | Buffer } {
  if (typeof choice === 'object') return choice;
  const read = (name: string) => fs.readFileSync(path.join(TLS_DIR, name));
  return { cert: read(`${choice}.pem`), key: read(`${choice}-key.pem`) };
}

const FAULT_REPLY: Partial<
  Record<IndexerFault['kind'], (route: IndexerRoute, user: string, f: IndexerFault) => Reply>
> = {
  unauthorized: () => unauthorized(),
  forbidden: (route, user) =>
    forbidden(
      route === 'info'
        ? 'cluster:monitor/main'
        : route === 'pit-create'
          ? 'indices:data/read/point_in_time/create'
          : 'indices:data/read/search',
      user,
    ),
  'too-many-requests': (route) => tooManyRequests(route),
  unavailable: (_r, _u, f) => serviceUnavailable(f.kind === 'unavailable' ? f.variant : undefined),
  status: (_r, _u, f) => (f.kind === 'status' ? { ...internalError(), status: f.status } : internalError()),
};

export async function startIndexerServer(options: IndexerServerOptions = {}): Promise<IndexerServer> {
  const now = options.now ?? Date.now;
  const config = clusterConfig(options.preset ?? 'wazuh-4.x', options);
  const users = [...(options.users ?? DEFAULT_USERS)];
  const store = new IndexStore(now);
  const pits = new PitRegistry(store, now, config.maxOpenPits);
  const faults = new FaultSwitches();
  const requests: IndexerRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const tls = options.tls === undefined ? 'server' : options.tls;
  let requestNumber = 0;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function send(
    res: http.ServerResponse,
    reply: Reply,
    entry: IndexerRequest,
    params: URLSearchParams,
    bodyDelayMs = 0,
  ): void {
    if (res.destroyed || res.headersSent) return;
    entry.status = reply.status;
    let text = '';
    let type = 'application/json; charset=UTF-8';
    if (reply.text !== undefined) {
      text = reply.text;
      type = 'text/plain; charset=UTF-8';
    } else if (reply.body !== undefined) {
      const body = reply.status < 300 ? filterPath(reply.body, params.get('filter_path')) : reply.body;
      text = serialize(body, params.has('pretty') && params.get('pretty') !== 'false');
    }
    const bytes = Buffer.from(text, 'utf8');
    res.writeHead(reply.status, { 'content-type': type, 'content-length': String(bytes.length), ...reply.headers });
    if (entry.method === 'HEAD') return void res.end();
    if (bodyDelayMs <= 0 || bytes.length < 2) return void res.end(bytes);
    res.write(bytes.subarray(0, bytes.length >> 1));
    void delay(bodyDelayMs).then(() => {
      if (!res.destroyed) res.end(bytes.subarray(bytes.length >> 1));
    });
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const u = new URL(req.url ?? '/', 'http://indexer');
    const params = u.searchParams;
    const raw = await readBody(req);
    const entry: IndexerRequest = {
      at: now(),
      method,
      path: u.pathname,
      query: Object.fromEntries(params),
      body: null,
      user: claimedUser(req.headers.authorization),
      route: null,
      status: null,
    };
    requests.push(entry);
    requestNumber += 1;
    try {
      const body = parseBody(raw, req.headers['content-encoding'] as string | undefined, params.get('source'));
      entry.body = body ?? null;
      const segments = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const match = matchRoute(method, segments, config, body);
      if (!match) return send(res, unknownRoute(method, `${u.pathname}${u.search}`, config), entry, params);
      entry.route = match.route;

      const fault = match.route === 'pit-list' ? null : faults.take(match.route);
      let bodyDelay = 0;
      let injected = null;
      if (fault?.kind === 'reset') return void req.socket.destroy();
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'slow') await delay(fault.ms);
      if (fault?.kind === 'slow-body') bodyDelay = fault.ms;
      if (fault?.kind === 'shard-failures') {
        injected = {
          failed: fault.failed ?? 1,
          reason: fault.reason ?? {
            type: 'node_disconnected_exception',
            reason: `[node-2][127.0.0.1:9300][indices:data/read/search[phase/query]] disconnected`,
          },
        };
      }
      const forced =
        fault && match.route !== 'pit-list'
          ? FAULT_REPLY[fault.kind]?.(match.route, entry.user ?? 'anonymous', fault)
          : undefined;
      if (forced) return send(res, forced, entry, params);

      const user = authenticate(req.headers.authorization, users);
      if (!user) return send(res, unauthorized(), entry, params);
      checkParams(match.route, params, u.pathname);
      const reply = handle(
        { method, path: u.pathname, params, body, user, store, pits, config, now: now(), injected, requestNumber },
        match,
      );
      send(res, reply, entry, params, bodyDelay);
    } catch (e) {
      if (e instanceof ReplyError) return send(res, e.reply, entry, params);
      send(res, internalError(`test server: ${e instanceof Error ? e.message : String(e)}`), entry, params);
    }
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void onRequest(req, res);
  const server = tls === false ? http.createServer(handler) : https.createServer(tlsMaterial(tls), handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {
    // a client that refuses the certificate closes the handshake: nothing to answer
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `${tls === false ? 'http' : 'https'}://${address.address}:${address.port}`;

  return {
    url,
    port: address.port,
    caPem: tls === false ? null : fs.readFileSync(TLS_FILES.rootCa, 'utf8'),
    config,
    users,
    store,
    pits,
    faults,
    requests,
    addAlerts: (alerts, opts) =>
      alerts.flatMap((a) => {
        const { index, doc } = alertDocument(a);
        return store.write(index, [doc], opts);
      }),
    addEvents: (events, opts) =>
      store.write(
        opts?.stream ?? EVENTS_5X_STREAM,
        events.map((source) => ({ source })),
        opts,
      ),
    upsertFimStates: (states, opts) =>
      store.write(
        FIM_STATES_INDEX,
        states.map((source) => ({ id: fimStateId(source), source })),
        opts,
      ),
    index: (target, docs, opts) => store.write(target, docs, opts),
    refresh: () => store.refresh(),
    rollover: (stream) => store.rollover(stream),
    fail: (route, fault, count) => faults.set(route, fault, count),
    clearFaults: (route) => faults.clear(route),
    searches: () => requests.filter((r) => r.route === 'search' || r.route === 'pit-search'),
    reset: () => {
      requests.length = 0;
      faults.clear();
    },
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

export { NODE_ID };
