// The Wazuh 5.x manager's queue-http socket for tests: an HTTP server on a unix socket accepting
// `POST /events/enriched` with the engine's NDJSON batch, parsed as wazuh/wazuh src/engine does it
// (api/event/ndJsonParser.hpp, agentcache/agentMetadataCache.hpp, base/eventParser.cpp):
//   H <json header with a digits-only wazuh.agent.id>\n
//   E <queue byte>:<location, ':' escaped as '|:'>:<message>\n      (continuation lines indented by one space)
// 200 with an empty body when the whole batch parses; otherwise 400 with the engine's error body, which is
// built with fmt::format and NOT JSON-escaped: `{"error": "NDJson parser error, <why>", "code": 400}` (a reason
// holding quotes makes it invalid JSON, as the real one does). Every request is recorded with the events it
// delivered; fault switches answer 400/500, delay, reset, hang, and the socket can go away and come back.
import fs from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface QueueEvent {
  /** the agent header the event came with */
  header: Record<string, unknown>;
  /** the queue byte's value ('1' is 49) */
  queue: number;
  /** the location, unescaped ('|:' -> ':') */
  location: string;
  message: string;
  /** the message parsed as JSON when it is JSON, else null */
  json: unknown;
}

export interface QueueRequest {
  at: number;
  method: string;
  path: string;
  body: string;
  status: number | null;
  /** the events of an accepted batch; empty for a refused one */
  events: QueueEvent[];
  /** the engine's reason for a 400 */
  error: string | null;
}

export type QueueFault =
  | { kind: 'bad-request'; reason?: string }
  | { kind: 'server-error' }
  | { kind: 'slow'; ms: number }
  | { kind: 'reset' }
  | { kind: 'hang' };

export interface QueueSocketServer {
  readonly socketPath: string;
  readonly requests: QueueRequest[];
  /** every accepted event, in arrival order */
  readonly events: QueueEvent[];
  fail(fault: QueueFault, count?: number): void;
  clearFaults(): void;
  /** closes the server and removes the socket file (clients get ENOENT) */
  goAway(): Promise<void>;
  /** listens again on the same path */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export class EngineParseError extends Error {}

/** The engine's NDJSON parse of a batch (bytes as latin1: one char per byte, as the C++ code sees them). */
export function parseEnrichedBatch(batchBytes: Buffer): QueueEvent[] {
  const batch = batchBytes.toString('latin1');
  const utf8 = (s: string) => Buffer.from(s, 'latin1').toString('utf8');
  const nl = batch.indexOf('\n');
  if (nl < 0) throw new EngineParseError('Missing newline after header');
  const headerLine = batch.slice(0, nl);
  if (headerLine.length < 2 || headerLine[0] !== 'H' || headerLine[1] !== ' ') {
    throw new EngineParseError("Invalid header format, expected 'H {json}'");
  }
  const headerText = utf8(headerLine.slice(2));
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(headerText) as Record<string, unknown>;
  } catch {
    throw new EngineParseError(
      `JSON document could not be parsed: ${headerText.trim() === '' ? 'The document is empty.' : 'Invalid value.'}`,
    );
  }
  const agentId = (header as { wazuh?: { agent?: { id?: unknown } } })?.wazuh?.agent?.id;
  if (typeof agentId !== 'string')
    throw new EngineParseError('AgentMetadataCache: missing or non-string /wazuh/agent/id in header');
  if (!/^[0-9]+$/.test(agentId)) {
    throw new EngineParseError('AgentMetadataCache: /wazuh/agent/id must be a non-empty positive numeric string');
  }
  const events: QueueEvent[] = [];
  let pos = nl + 1;
  while (pos < batch.length) {
    while (pos < batch.length && batch[pos] === '\n') pos++;
    if (pos >= batch.length) break;
    if (pos + 1 >= batch.length || batch[pos] !== 'E' || batch[pos + 1] !== ' ')
      throw new EngineParseError("Expected 'E ' at event start");
    const start = pos + 2;
    const next = batch.indexOf('\nE ', start);
    let end = next >= 0 ? next : batch.length;
    while (end > start && batch[end - 1] === '\n') end--;
    const raw = batch.slice(start, end).replace(/\n /g, '\n');
    events.push(parseLegacyEvent(raw, header, utf8));
    pos = next >= 0 ? next + 1 : batch.length;
  }
  return events;
}

function parseLegacyEvent(raw: string, header: Record<string, unknown>, utf8: (s: string) => string): QueueEvent {
  if (raw.length < 5 || raw[1] !== ':') {
    throw new EngineParseError('Invalid format: event must be at least 5 bytes ("<byte>:<location>:<message>")');
  }
  let sep = -1;
  for (let i = 2; i < raw.length; i++) {
    if (raw[i] === ':' && raw[i - 1] !== '|') {
      sep = i;
      break;
    }
  }
  if (sep < 0) throw new EngineParseError("Invalid format: missing unescaped ':' between location and message");
  const rawLocation = raw.slice(2, sep);
  if (rawLocation === '') throw new EngineParseError('Invalid format: location cannot be empty');
  const message = utf8(raw.slice(sep + 1));
  let json: unknown = null;
  try {
    json = JSON.parse(message);
  } catch {
    json = null;
  }
  return { header, queue: raw.charCodeAt(0), location: utf8(rawLocation.replace(/\|:/g, ':')), message, json };
}

export interface QueueSocketOptions {
  /** default: queue-http.sock in a fresh temporary folder */
  socketPath?: string;
  now?: () => number;
  /** called when a request has been answered (the CLI prints them) */
  onAnswered?: (request: QueueRequest) => void;
}

export async function startWazuhQueueSocket(o: QueueSocketOptions = {}): Promise<QueueSocketServer> {
  const now = o.now ?? Date.now;
  const ownDir = o.socketPath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'wq-'));
  const socketPath = o.socketPath ?? path.join(ownDir!, 'queue-http.sock');
  const requests: QueueRequest[] = [];
  const events: QueueEvent[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let faults: { fault: QueueFault; left: number }[] = [];

  const reply = (res: http.ServerResponse, entry: QueueRequest, status: number, body = '') => {
    if (res.destroyed) return;
    entry.status = status;
    o.onAnswered?.(entry);
    res.writeHead(
      status,
      body
        ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }
        : { 'Content-Length': 0 },
    );
    res.end(body);
  };
  const engineError = (reason: string) => `{"error": "NDJson parser error, ${reason}", "code": 400}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const entry: QueueRequest = {
        at: now(),
        method: req.method ?? '',
        path: req.url ?? '',
        body: bytes.toString('utf8'),
        status: null,
        events: [],
        error: null,
      };
      requests.push(entry);
      if (entry.method !== 'POST' || entry.path !== '/events/enriched') return reply(res, entry, 404);
      const rule = faults.find((f) => f.left > 0);
      if (rule) {
        rule.left -= 1;
        faults = faults.filter((f) => f.left > 0);
        const f = rule.fault;
        if (f.kind === 'reset') return void req.socket.destroy();
        if (f.kind === 'hang') return;
        if (f.kind === 'server-error') return reply(res, entry, 500, '{"error": "Internal server error", "code": 500}');
        if (f.kind === 'bad-request') {
          entry.error = f.reason ?? 'Invalid format: location cannot be empty';
          return reply(res, entry, 400, engineError(entry.error));
        }
        if (f.kind === 'slow') {
          const t = setTimeout(() => {
            timers.delete(t);
            accept(res, entry, bytes);
          }, f.ms);
          timers.add(t);
          return;
        }
      }
      accept(res, entry, bytes);
    });
  });
  const accept = (res: http.ServerResponse, entry: QueueRequest, bytes: Buffer) => {
    try {
      entry.events = parseEnrichedBatch(bytes);
      events.push(...entry.events);
      reply(res, entry, 200);
    } catch (e) {
      if (!(e instanceof EngineParseError)) throw e;
      entry.error = e.message;
      reply(res, entry, 400, engineError(e.message));
    }
  };
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  let listening = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      fs.rmSync(socketPath, { force: true });
      server.once('error', reject);
      server.listen(socketPath, () => {
        fs.chmodSync(socketPath, 0o660);
        listening = true;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (!listening) return resolve();
      listening = false;
      server.close(() => {
        fs.rmSync(socketPath, { force: true });
        resolve();
      });
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
    });
  await listen();

  return {
    socketPath,
    requests,
    events,
    fail: (fault, count) => void faults.push({ fault, left: count ?? Infinity }),
    clearFaults: () => void (faults = []),
    goAway: stop,
    comeBack: listen,
    close: async () => {
      await stop();
      if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true });
    },
  };
}
