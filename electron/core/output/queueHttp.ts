// The sender of verdict batches to Wazuh 5's queue-http socket (`POST /events/enriched` over a unix socket), and
// what to do with a batch after an answer. Records wait in SQLite and are sent in order (wiring, later): this module
// takes one batch and says whether it is done, should wait and be sent again, be split (to find the one event the
// engine refuses), or be set aside with Wazuh's own message (one refused event must not block the queue).
import http from 'node:http';
import { oneLine } from '../wazuh/coerce';

export type QueuePostResult =
  | { kind: 'ok' }
  /** the engine refused the batch (400: a parse error; 413: over its payload limit); its message as it wrote it */
  | { kind: 'rejected'; status: number; message: string }
  /** the engine failed (5xx) */
  | { kind: 'server-error'; status: number; message: string }
  /** no engine there: socket missing (manager stopped), refused, not allowed, or the connection dropped */
  | { kind: 'unavailable'; reason: 'missing' | 'refused' | 'permission' | 'dropped'; message: string }
  | { kind: 'timeout'; message: string };

export interface PostOptions {
  /** default 10 s */
  timeoutMs?: number;
}

const MAX_ANSWER = 64 * 1024;

/** Wazuh's message from an error answer: the JSON `error` field, or the raw text when it is not JSON (the engine
 * builds its 400 body without escaping, so a reason with quotes is not valid JSON). */
export function engineMessage(body: string): string {
  try {
    const v = JSON.parse(body) as { error?: unknown };
    if (v && typeof v.error === 'string') return oneLine(v.error, 500);
  } catch {
    // not JSON: shown as it is
  }
  return oneLine(body, 500) || 'no message';
}

function unavailable(e: NodeJS.ErrnoException, socketPath: string): QueuePostResult {
  if (e.code === 'ENOENT')
    return {
      kind: 'unavailable',
      reason: 'missing',
      message: `${socketPath} does not exist: is the Wazuh manager running?`,
    };
  if (e.code === 'ECONNREFUSED')
    return {
      kind: 'unavailable',
      reason: 'refused',
      message: `${socketPath} refuses connections: is the Wazuh manager running?`,
    };
  if (e.code === 'EACCES' || e.code === 'EPERM')
    return {
      kind: 'unavailable',
      reason: 'permission',
      message: `permission denied on ${socketPath}: run FIM Verdict as a user in the wazuh-manager group, on the manager`,
    };
  return {
    kind: 'unavailable',
    reason: 'dropped',
    message: `the connection to ${socketPath} failed: ${e.code ?? e.message}`,
  };
}

/** One batch to the socket. Never throws. */
export function postEnriched(socketPath: string, body: string, o: PostOptions = {}): Promise<QueuePostResult> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: QueuePostResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const bytes = Buffer.from(body, 'utf8');
    const req = http.request(
      {
        socketPath,
        path: '/events/enriched',
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', 'content-length': bytes.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER) chunks.push(c);
        });
        res.on('error', (e: NodeJS.ErrnoException) => done(unavailable(e, socketPath)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (status >= 200 && status < 300) return done({ kind: 'ok' });
          if (status >= 500) return done({ kind: 'server-error', status, message: engineMessage(text) });
          done({ kind: 'rejected', status, message: engineMessage(text) });
        });
      },
    );
    req.setTimeout(timeoutMs, () => {
      done({
        kind: 'timeout',
        message: `no answer from ${socketPath} within ${timeoutMs / 1000} s (the batch may have been taken: it is sent again)`,
      });
      req.destroy();
    });
    req.on('error', (e: NodeJS.ErrnoException) => done(unavailable(e, socketPath)));
    req.end(bytes);
  });
}

export type BatchAction =
  /** sent: mark its alerts sent */
  | { action: 'done' }
  /** keep it, in order, and send it again at retryAt */
  | { action: 'retry'; message: string }
  /** send its halves instead (the engine refused the whole for one event, or it is too large) */
  | { action: 'split'; message: string }
  /** a single event the engine refuses: keep it aside with Wazuh's message, go on with the rest */
  | { action: 'set-aside'; message: string };

/** What to do with a batch of `events` events after this answer. Nothing is dropped. */
export function nextStep(r: QueuePostResult, events: number): BatchAction {
  switch (r.kind) {
    case 'ok':
      return { action: 'done' };
    case 'rejected': {
      const message = `Wazuh refused the verdicts (${r.status}): ${r.message}`;
      if (r.status !== 400 && r.status !== 413) return { action: 'retry', message }; // not the engine's socket?
      return events > 1 ? { action: 'split', message } : { action: 'set-aside', message };
    }
    case 'server-error':
      return { action: 'retry', message: `Wazuh failed (${r.status}): ${r.message}` };
    default:
      return { action: 'retry', message: r.message };
  }
}
