// One POST to the webhook: one deadline over the whole exchange, redirects never followed (the body must not go to
// another address), the answer's body read up to 4 KiB and dropped (nothing a receiver says is shown), and the
// outcome classed: delivered (2xx), worth retrying (network, timeout, 408, 425, 429, 5xx), or refused for good
// (another 4xx, a redirect). Credentials in the URL (user:password@, https only) go as a Basic Authorization
// header: fetch refuses a URL that holds them.
import { parseRetryAfter } from '../../base/wire';

export type SendOutcome =
  | { ok: true; status: number }
  | { ok: false; permanent: boolean; status: number | null; error: string; retryAfterMs?: number | null };

const RETRYABLE = new Set([408, 425, 429]);
const MAX_BODY = 4096;

export interface WebhookRequest {
  body: string;
  contentType: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** aborts the exchange (the engine stops) */
  signal?: AbortSignal;
}

/** The URL without its credentials, and the Authorization header they make (if any). */
export function splitCredentials(raw: string): { url: string; authorization: string | null } {
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: url.href, authorization: null };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.href, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

async function drain(res: Response): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let size = 0;
  try {
    while (size < MAX_BODY) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export async function webhookRequest(doFetch: typeof fetch, rawUrl: string, r: WebhookRequest): Promise<SendOutcome> {
  const { url, authorization } = splitCredentials(rawUrl);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), r.timeoutMs);
  const stop = () => controller.abort();
  r.signal?.addEventListener('abort', stop, { once: true });
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { ...r.headers, 'content-type': r.contentType, ...(authorization ? { authorization } : {}) },
      body: r.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    await drain(res).catch(() => undefined);
    const status = res.status;
    if (status >= 200 && status < 300) return { ok: true, status };
    if (status < 200 || (status >= 300 && status < 400))
      return {
        ok: false,
        permanent: true,
        status: status || null,
        error: 'the webhook answered with a redirect, which is not followed: set the final URL',
      };
    const retry = status >= 500 || RETRYABLE.has(status);
    return {
      ok: false,
      permanent: !retry,
      status,
      error: retry
        ? `the webhook answered HTTP ${status}`
        : `the webhook refused the delivery (HTTP ${status}): check the URL`,
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now()),
    };
  } catch (error) {
    if (controller.signal.aborted)
      return { ok: false, permanent: false, status: null, error: `no answer within ${r.timeoutMs / 1000} s` };
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : null;
    const message = typeof cause?.message === 'string' ? cause.message : (error as Error).message;
    return { ok: false, permanent: false, status: null, error: `cannot reach the webhook: ${code ?? message}` };
  } finally {
    clearTimeout(timer);
    r.signal?.removeEventListener('abort', stop);
  }
}
