// One HTTP exchange, for every client of the engine that asks a remote service (VirusTotal, the reputation
// providers): one deadline over the whole exchange (connecting, headers and body), a capped body, redirects never
// followed (a redirect must not carry hashes or a key to another host), and failures answered as values, never
// thrown. Without an injected fetch (Electron's net.fetch brings the system proxy) it uses undici with an
// EnvHttpProxyAgent: HTTP(S)_PROXY and NO_PROXY. What a status or a failure means is the caller's to say.
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { parseRetryAfter } from './wire';

export interface ExchangeOptions {
  /** one deadline for the whole exchange */
  timeoutMs: number;
  /** a larger answer is a failure ('too-large') */
  maxBodyBytes: number;
  /** Electron's net.fetch in the desktop app; undici + EnvHttpProxyAgent otherwise */
  fetch?: typeof fetch;
  /** overrides HTTP_PROXY / HTTPS_PROXY / NO_PROXY for the undici dispatcher (ignored with an injected fetch) */
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  now?: () => number;
}

/** Why no answer came: the deadline passed, the answer was too large, or no connection (refused, reset, DNS...). */
export type ExchangeFailure =
  { kind: 'timeout' } | { kind: 'too-large' } | { kind: 'network'; code: string | null; detail: string };

/**
 * An answer with any status (an opaque redirect from Electron's fetch has status 0; a 3xx from undici its own), or
 * a failure.
 */
export type Exchange =
  { ok: true; status: number; body: string; retryAfterMs: number | null } | { ok: false; failure: ExchangeFailure };

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}
type FetchLike = (
  url: string,
  init: ExchangeRequest & { signal: AbortSignal; redirect: 'manual' },
) => Promise<ResponseLike>;

class TooLarge extends Error {}
class Deadline extends Error {}

export class HttpExchange {
  private readonly agent: EnvHttpProxyAgent | null;
  private readonly doFetch: FetchLike;

  constructor(private readonly options: ExchangeOptions) {
    if (options.fetch) {
      this.agent = null;
      this.doFetch = options.fetch as unknown as FetchLike;
    } else {
      const agent = new EnvHttpProxyAgent({ ...options.proxy });
      this.agent = agent;
      this.doFetch = (url, init) => undiciFetch(url, { ...init, dispatcher: agent });
    }
  }

  get maxBodyBytes(): number {
    return this.options.maxBodyBytes;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** Releases the undici dispatcher's connections. */
  async close(): Promise<void> {
    await this.agent?.close();
  }

  /** Never throws. */
  async request(url: string, init: ExchangeRequest): Promise<Exchange> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    // fetch and body reads do not all honour the signal at every step: racing this promise bounds them anyway
    const deadline = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(new Deadline()), { once: true }),
    );
    deadline.catch(() => undefined);
    try {
      const res = await Promise.race([
        Promise.resolve().then(() => this.doFetch(url, { ...init, signal: controller.signal, redirect: 'manual' })),
        deadline,
      ]);
      const body = await Promise.race([this.readCapped(res, controller.signal), deadline]);
      if (controller.signal.aborted) throw new Deadline();
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), (this.options.now ?? Date.now)());
      return { ok: true, status: res.status, body, retryAfterMs };
    } catch (e) {
      if (e instanceof Deadline || controller.signal.aborted) return { ok: false, failure: { kind: 'timeout' } };
      if (e instanceof TooLarge) return { ok: false, failure: { kind: 'too-large' } };
      return { ok: false, failure: networkFailure(e) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async readCapped(res: ResponseLike, signal: AbortSignal): Promise<string> {
    const max = this.options.maxBodyBytes;
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max) throw new TooLarge();
    if (!res.body) return '';
    const reader = res.body.getReader();
    const cancel = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > max) {
          cancel();
          throw new TooLarge();
        }
        chunks.push(value);
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  }
}

/** A fetch failure as a code (ECONNREFUSED...) and one line that names it. */
function networkFailure(e: unknown): ExchangeFailure {
  const cause = (e as { cause?: unknown } | null)?.cause;
  const codeOf = (x: unknown) =>
    typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string'
      ? (x as { code: string }).code
      : null;
  const messageOf = (x: unknown) => (x instanceof Error ? x.message : typeof x === 'string' ? x : '');
  const code = codeOf(cause) ?? codeOf(e);
  const text = messageOf(cause) || messageOf(e) || 'connection failed';
  return { kind: 'network', code, detail: code && !text.includes(code) ? `${code}: ${text}` : text };
}
