// The reputation clients' HTTP: base/httpExchange.ts (one deadline, a capped body, no redirect followed, undici with
// HTTP(S)_PROXY and NO_PROXY unless Electron's net.fetch is given), with what a status or a failure means for a
// provider: a typed ProviderError. Every request sent is counted (onRequest) before it leaves.
import type { ProviderName } from '../../../shared/providers';
import { HttpExchange, type ExchangeFailure, type ExchangeOptions } from '../base/httpExchange';
import { errorFromStatus, providerError, type ProviderError } from './types';

export interface HttpClientOptions extends ExchangeOptions {
  userAgent?: string;
  /** called once per request, before it is sent (the provider's request count) */
  onRequest?: () => void;
}

export type HttpAnswer =
  { ok: true; status: number; body: string; retryAfterMs: number | null } | { ok: false; error: ProviderError };

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
    onRequest: o.onRequest,
  };
}

export class ProviderHttp {
  private readonly exchange: HttpExchange;

  constructor(
    private readonly provider: ProviderName,
    private readonly options: HttpClientOptions,
  ) {
    this.exchange = new HttpExchange(options);
  }

  close(): Promise<void> {
    return this.exchange.close();
  }

  /** Never throws: an answer with a 2xx or 4xx/5xx status, or a typed error (timeout, network, too large, redirect). */
  async request(
    url: string,
    init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  ): Promise<HttpAnswer> {
    const headers = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'fim-verdict',
      ...init.headers,
    };
    this.options.onRequest?.();
    const x = await this.exchange.request(url, { method: init.method, headers, body: init.body });
    if (!x.ok) return { ok: false, error: this.failure(x.failure) };
    // an opaque redirect (status 0) from Electron's fetch, or a 3xx from undici: never followed
    if (x.status < 200 || (x.status >= 300 && x.status < 400))
      return { ok: false, error: errorFromStatus(this.provider, x.status < 100 ? 302 : x.status, null) };
    return x;
  }

  private failure(f: ExchangeFailure): ProviderError {
    switch (f.kind) {
      case 'timeout':
        return providerError(this.provider, 'timeout', { detail: `${this.options.timeoutMs} ms` });
      case 'too-large':
        return providerError(this.provider, 'malformed', {
          detail: `answer larger than ${this.options.maxBodyBytes} bytes`,
        });
      case 'network':
        return providerError(this.provider, 'network', { code: f.code, detail: f.detail });
    }
  }
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
