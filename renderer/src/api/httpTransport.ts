// The headless transport: each contract method is a fetch to its `http` route on this origin (the server set an
// HttpOnly cookie when the page was opened with ?token=…). GET and DELETE inputs go in the query string, path
// parameters (:hash, :id) are substituted, POST and PUT send JSON; an error answer `{error: ApiErrorBody}` becomes
// an ApiCallError. Events come from the shared EventStream (Server-Sent Events).
import { ApiCallError, type ApiErrorBody } from '../../../shared/apiError';
import { API_METHODS, API_ROUTES } from '../../../shared/apiRoutes';
import type { Api, ApiMethod } from '../../../shared/contract';
import { checkOutput } from './devValidate';
import type { EventStream } from './eventStream';

const CODE_BY_STATUS: Record<number, ApiErrorBody['code']> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
};

export interface HttpRequest {
  url: string;
  init: RequestInit;
}

/** The URL and fetch options of one contract call (exported for tests). */
export function buildRequest(method: ApiMethod, input: unknown, base = ''): HttpRequest {
  const [verb, route] = API_ROUTES[method];
  const rest: Record<string, unknown> = { ...((input ?? {}) as Record<string, unknown>) };
  const path = route.replace(/:(\w+)/g, (_match, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value ?? ''));
  });
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method: verb, credentials: 'same-origin', headers, cache: 'no-store' };
  let url = base + path;
  if (verb === 'GET' || verb === 'DELETE') {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined || value === null || value === '') continue;
      query.set(key, String(value));
    }
    const qs = query.toString();
    if (qs) url += `?${qs}`;
  } else {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(rest);
  }
  return { url, init };
}

async function errorBody(response: Response): Promise<ApiErrorBody> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: described below from the status
  }
  const error = (body as { error?: Partial<ApiErrorBody> } | null)?.error;
  const code = error?.code ?? CODE_BY_STATUS[response.status] ?? 'internal';
  if (error?.message) return { code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  if (response.status === 401)
    return { code, message: 'Not signed in: open the address with ?token=… that the FIM Verdict server printed.' };
  return { code, message: `The server answered ${response.status} ${response.statusText}`.trim() };
}

/**
 * The requests the headless server's boot script sent while the page was loading (electron/headless/firstScreen.ts:
 * the first page of alerts and the info, under the Live view's first screen), by path: each answers the first GET
 * of its path, once.
 */
function takeEarlyRequests(): Map<string, Promise<Response>> {
  const early = (globalThis as { __fimvEarly?: Record<string, Promise<Response>> }).__fimvEarly;
  delete (globalThis as { __fimvEarly?: unknown }).__fimvEarly;
  return new Map(early ? Object.entries(early).filter(([, value]) => value instanceof Promise) : []);
}

export function createHttpApi(events: EventStream, base = '', early = takeEarlyRequests()): Api {
  const api: Partial<Record<ApiMethod, (input: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    api[method] = async (input: unknown) => {
      const { url, init } = buildRequest(method, input, base);
      const path = url.slice(base.length);
      const sent = init.method === 'GET' ? early.get(path) : undefined;
      early.delete(path);
      let response: Response;
      try {
        // a request the page sent early that failed to arrive is sent again
        response = (sent && (await sent.catch(() => null))) || (await fetch(url, init));
      } catch {
        throw new ApiCallError(
          { code: 'internal', message: 'Cannot reach the FIM Verdict server. Is it still running?' },
          method,
        );
      }
      if (!response.ok) throw new ApiCallError(await errorBody(response), method);
      const value: unknown = await response.json();
      checkOutput(method, value);
      return value;
    };
  }
  return { ...(api as Omit<Api, 'subscribe'>), subscribe: (listener) => events.subscribe(listener) };
}
