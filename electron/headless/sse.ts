// GET /api/events: the engine's events as Server-Sent Events. One subscription to the backend while any client is
// connected; each event is validated and serialized once, then written to every client. A client whose socket
// buffer passes the limit (it stopped reading) is dropped instead of growing memory: EventSource reconnects
// after `retry` and the app refetches what it shows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiEventSchema, type ApiEvent } from '../../shared/contract';
import type { Logger } from '../core/engineTypes';
import type { ApiBackend } from '../core/api/types';
import { sendError, setSecurityHeaders } from './http';

export interface EventHubOptions {
  /** a comment line this often keeps proxies and idle timers from closing the stream (default 15 s) */
  pingMs?: number;
  /** drop a client whose unsent bytes pass this (default 8 MB) */
  maxBufferedBytes?: number;
  /** EventSource's reconnect delay, sent as `retry:` (default 2000 ms) */
  retryMs?: number;
  /** streams at once at most (default 64: a few per open tab of the app); past it, 503 */
  maxClients?: number;
}

export interface EventHub {
  attach(req: IncomingMessage, res: ServerResponse): void;
  readonly clientCount: number;
  /** end every stream (server shutdown) */
  close(): void;
}

export function createEventHub(backend: ApiBackend, log: Logger, options: EventHubOptions = {}): EventHub {
  const pingMs = options.pingMs ?? 15_000;
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const retryMs = options.retryMs ?? 2000;
  const maxClients = options.maxClients ?? 64;
  const clients = new Set<ServerResponse>();
  let unsubscribe: (() => void) | null = null;
  let pingTimer: NodeJS.Timeout | null = null;

  const drop = (res: ServerResponse) => {
    if (!clients.delete(res)) return;
    if (!res.destroyed) res.destroy();
    if (clients.size === 0) stopSharedParts();
  };

  const send = (frame: string) => {
    for (const res of [...clients]) {
      if (res.destroyed || res.writableEnded) {
        drop(res);
        continue;
      }
      res.write(frame);
      if (res.writableLength > maxBuffered) {
        log.warn(`an event stream client stopped reading (${res.writableLength} bytes waiting): dropped it`);
        drop(res);
      }
    }
  };

  const onEvent = (event: ApiEvent) => {
    try {
      const parsed = ApiEventSchema.safeParse(event);
      if (!parsed.success) {
        const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
        log.error(`an engine event does not match the contract (${where}): not sent`);
        return;
      }
      send(`event: ${parsed.data.type}\ndata: ${JSON.stringify(parsed.data)}\n\n`);
    } catch (error) {
      log.error(`sending an event failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  function startSharedParts() {
    unsubscribe = backend.subscribe(onEvent);
    pingTimer = setInterval(() => send(': ping\n\n'), pingMs);
    pingTimer.unref();
  }

  function stopSharedParts() {
    unsubscribe?.();
    unsubscribe = null;
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = null;
  }

  return {
    attach(req, res) {
      if (clients.size >= maxClients) {
        // each stream holds a socket and up to maxBuffered bytes: their number is bounded too
        return sendError(
          res,
          503,
          { code: 'unavailable', message: `too many event streams open (${maxClients}): close a tab of the app` },
          { 'Retry-After': '10' },
        );
      }
      req.socket.setTimeout(0);
      req.socket.setNoDelay(true);
      setSecurityHeaders(res, false);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        // the stream is the connection's last response: when it ends, the socket goes too (no idle keep-alive)
        Connection: 'close',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: ${retryMs}\n\n`);
      clients.add(res);
      res.on('close', () => drop(res));
      if (!unsubscribe) startSharedParts();
    },
    get clientCount() {
      return clients.size;
    },
    close() {
      for (const res of [...clients]) {
        clients.delete(res);
        res.end();
      }
      stopSharedParts();
    },
  };
}
