// A webhook receiver on 127.0.0.1 for tests: records every request (method, path, headers, body), answers 200 by
// default (Slack's incoming webhooks answer "ok"), and takes faults for the next requests (a status such as 500,
// a redirect, a hang). waitFor(n) resolves when n requests have arrived: tests wait on it, never on a sleep.
import type http from 'node:http';
import { readText, startTestHttp } from './testHttp';

export interface ReceivedHook {
  at: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** the status it was answered with (null: hung) */
  status: number | null;
}

export type HookFault =
  { kind: 'status'; status: number; retryAfter?: string } | { kind: 'redirect'; to: string } | { kind: 'hang' };

export interface WebhookReceiver {
  /** http://127.0.0.1:PORT (post to any path under it) */
  readonly url: string;
  readonly received: ReceivedHook[];
  /** the next `count` requests get `fault` */
  fail(fault: HookFault, count?: number): void;
  /** resolves with the received requests once there are at least n (rejects after ms) */
  waitFor(n: number, ms?: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const faults: { fault: HookFault; left: number }[] = [];
  const waiters = new Set<() => void>();
  const server = await startTestHttp(async (req, res, { delay }) => {
    const body = await readText(req, 1024 * 1024);
    const rule = faults.find((f) => f.left > 0);
    if (rule) rule.left -= 1;
    const fault = rule?.fault ?? null;
    const hook: ReceivedHook = {
      at: Date.now(),
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      status: null,
    };
    received.push(hook);
    if (fault?.kind === 'hang') {
      for (const w of waiters) w();
      await delay(600_000);
      return;
    }
    if (fault?.kind === 'redirect') {
      hook.status = 302;
      res.writeHead(302, { location: fault.to, 'content-length': '0' });
    } else {
      hook.status = fault?.kind === 'status' ? fault.status : 200;
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault?.kind === 'status' && fault.retryAfter) headers['retry-after'] = fault.retryAfter;
      res.writeHead(hook.status, headers);
    }
    res.end(hook.status === 200 ? 'ok' : '');
    for (const w of waiters) w();
  });
  return {
    url: server.url,
    received,
    fail(fault, count = 1) {
      faults.push({ fault, left: count });
    },
    waitFor(n, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < n) return;
          cleanup();
          resolve(received.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`the webhook receiver got ${received.length} of ${n} requests in ${ms} ms`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => server.close(),
  };
}
