// One HTTP exchange for the reputation clients: one deadline over the whole exchange (connecting, headers and
// body), a capped body, redirects never followed (a redirect must not carry hashes or a key to another host), and
// network failures turned into typed errors instead of exceptions. Without an injected fetch (Electron's net.fetch
// brings the system proxy) it uses undici with an EnvHttpProxyAgent: HTTP(S)_PROXY and NO_PROXY, as the
// VirusTotal client does.
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { ProviderName } from '../../../shared/providers';
import { parseRetryAfter } from '../base/wire';
import { errorFromStatus, providerError, type ProviderError } from './types';

export interface HttpClientOptions {
  /** one deadline for the whole exchange */
  timeoutMs: number;
  /** Electron's net.fetch in the desktop app; undici + EnvHttpProxyAgent otherwise */
  fetch?: typeof fetch;
  /** overrides HTTP_PROXY / HTTPS_PROXY / NO_PROXY for the undici dispatcher (ignored with an injected fetch) */
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
  /** a larger answer is refused as malformed */
  maxBodyBytes: number;
  userAgent?: string;
  now?: () => number;
}

export type HttpAnswer =
  { ok: true; status: number; body: string; retryAfterMs: number | null } | { ok: false; error: ProviderError };

interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}
type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<ResponseLike>;

/** Only the HTTP options of a client's options (never its config: the key stays with the client). */
export function httpOptions(
  o: Partial<HttpClientOptions>,
  defaults: { timeoutMs: number; maxBodyBytes: number },
): HttpClientOptions {
  return {
    timeoutMs: o.timeoutMs ?? defaults.timeoutMs,
    maxBodyBytes: o.maxBodyBytes ?? defaults.maxBodyBytes,
    fetch: o.fetch,
    proxy: o.proxy,
    userAgent: o.userAgent,
    now: o.now,
  };
}

class TooLarge extends Error {}
class Deadline extends Error {}

export class ProviderHttp {
  private readonly agent: EnvHttpProxyAgent | null;
  private readonly doFetch: FetchLike;

  constructor(
    private readonly provider: ProviderName,
    private readonly options: HttpClientOptions,
  ) {
    if (options.fetch) {
      this.agent = null;
      this.doFetch = options.fetch as unknown as FetchLike;
    } else {
      const agent = new EnvHttpProxyAgent({ ...options.proxy });
      this.agent = agent;
      this.doFetch = (url, init) => undiciFetch(url, { ...init, dispatcher: agent });
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }

  /** Never throws: an answer with any status, or a typed error (timeout, network, too large, redirect). */
  async request(
    url: string,
    init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  ): Promise<HttpAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    // fetch and body reads do not all honour the signal at every step: racing this promise bounds them anyway
    const deadline = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(new Deadline()), { once: true }),
    );
    deadline.catch(() => undefined);
    try {
      const headers = {
        accept: 'application/json',
        'user-agent': this.options.userAgent ?? 'fim-verdict',
        ...init.headers,
      };
      const res = await Promise.race([
        Promise.resolve().then(() =>
          this.doFetch(url, { ...init, headers, signal: controller.signal, redirect: 'manual' }),
        ),
        deadline,
      ]);
      const body = await Promise.race([this.readCapped(res, controller.signal), deadline]);
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), (this.options.now ?? Date.now)());
      // an opaque redirect (status 0) from Electron's fetch, or a 3xx from undici: never followed
      if (res.status < 200 || (res.status >= 300 && res.status < 400))
        return { ok: false, error: errorFromStatus(this.provider, res.status < 100 ? 302 : res.status, null) };
      return { ok: true, status: res.status, body, retryAfterMs };
    } catch (e) {
      if (e instanceof Deadline || controller.signal.aborted)
        return {
          ok: false,
          error: providerError(this.provider, 'timeout', { detail: `${this.options.timeoutMs} ms` }),
        };
      if (e instanceof TooLarge)
        return {
          ok: false,
          error: providerError(this.provider, 'malformed', {
            detail: `answer larger than ${this.options.maxBodyBytes} bytes`,
          }),
        };
      return { ok: false, error: networkError(this.provider, e) };
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

function networkError(provider: ProviderName, e: unknown): ProviderError {
  const cause = (e as { cause?: unknown } | null)?.cause;
  const codeOf = (x: unknown) =>
    typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string'
      ? (x as { code: string }).code
      : null;
  const messageOf = (x: unknown) => (x instanceof Error ? x.message : '');
  const code = codeOf(cause) ?? codeOf(e);
  const text = messageOf(cause) || messageOf(e) || 'connection failed';
  return providerError(provider, 'network', { code, detail: code && !text.includes(code) ? `${code}: ${text}` : text });
}

/**
 * A base URL from configuration: http(s), no user:password, no query or fragment; trailing slashes dropped.
 * Throws with a sentence naming the provider: a client is never built for an address it cannot use.
 */
export function baseUrlOf(provider: ProviderName, value: string): string {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    throw new Error(`${provider}: not a URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`${provider}: the URL must be http(s)`);
  if (u.username || u.password) throw new Error(`${provider}: the URL must not hold a user name or password`);
  if (u.search || u.hash) throw new Error(`${provider}: the URL must not hold a query or fragment`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}
