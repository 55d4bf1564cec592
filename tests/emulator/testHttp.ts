// The plumbing the small test servers share (CIRCL hashlookup, MalwareBazaar): a 127.0.0.1 HTTP server that
// closes cleanly (open sockets and pending timers included), body reading, and a queue of fault switches
// (5xx answers, slow answers, resets, hangs) for the next N requests or until cleared.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HttpFault =
  /** answer with this status (and a body typical of the service's front end) */
  | { kind: 'status'; status: 500 | 502 | 503 | 504 | 429 }
  /** answer normally after ms */
  | { kind: 'slow'; ms: number }
  /** close the connection without an answer */
  | { kind: 'reset' }
  /** never answer */
  | { kind: 'hang' };

export class FaultQueue {
  private rules: { fault: HttpFault; left: number }[] = [];

  /** the next `count` requests (default: all until cleared) get `fault` */
  set(fault: HttpFault, count?: number): void {
    this.rules.push({ fault, left: count ?? Infinity });
  }

  take(): HttpFault | null {
    const rule = this.rules.find((r) => r.left > 0);
    if (!rule) return null;
    rule.left -= 1;
    this.rules = this.rules.filter((r) => r.left > 0);
    return rule.fault;
  }

  clear(): void {
    this.rules = [];
  }
}

export interface TestHttp {
  url: string;
  port: number;
  delay(ms: number): Promise<void>;
  close(): Promise<void>;
}

export function readText(req: http.IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text
      ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }
      : { 'content-length': '0' }),
    ...headers,
  });
  res.end(text);
}

/** Starts a server on host:port (default 127.0.0.1, any free port). */
export async function startTestHttp(
  handler: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    tools: { delay(ms: number): Promise<void> },
  ) => Promise<void>,
  o: { host?: string; port?: number } = {},
): Promise<TestHttp> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  const server = http.createServer((req, res) => {
    handler(req, res, { delay }).catch((e: unknown) => sendJson(res, 500, { message: `test server: ${String(e)}` }));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    port: address.port,
    delay,
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
