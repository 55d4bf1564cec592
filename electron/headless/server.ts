// The headless transport: the contract's methods over HTTP, the engine's events over SSE, and the built renderer,
// on 127.0.0.1 only, behind a token (the security rules in docs/ARCHITECTURE.md and the README).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiContract, type ApiMethod } from '../../shared/contract';
import { isExportMethod } from '../../shared/exports';
import type { Logger } from '../core/engineTypes';
import { dispatch } from '../core/api/dispatch';
import { APP_VERSION } from '../core/api/info';
import { HTTP_STATUS_BY_CODE, type ApiBackend } from '../core/api/types';
import { authenticate, checkHostAndOrigin, sessionCookies, tokensEqual } from './auth';
import { attachmentName, sendExportDownload } from './exportDownload';
import { HttpError, readJsonBody, sendError, sendJson, sendPage, setSecurityHeaders } from './http';
import { compileRoutes, EVENTS_PATH, HEALTH_PATH, matchRoute, queryObject, withParams, type Verb } from './routes';
import { createEventHub, type EventHubOptions } from './sse';
import { sendFirstScreenPage } from './firstScreenPage';
import { serveStatic } from './static';
import { TOKEN_PATTERN } from './tokenFile';

export interface HttpServerOptions {
  backend: ApiBackend;
  token: string;
  /** 0 = any free port */
  port: number;
  /** only 127.0.0.1 is accepted: the server is for this machine */
  host?: '127.0.0.1';
  /** the built renderer (out/renderer); null = API only */
  staticDir: string | null;
  log?: Logger;
  /** defaults to package.json's version */
  version?: string;
  sse?: EventHubOptions;
  /** connections held at once at most (default MAX_CONNECTIONS) */
  maxConnections?: number;
  /** a connection that has not sent its request's headers by then is closed (default 10 s) */
  headersTimeoutMs?: number;
}

/**
 * Connections held at once: far more than the app's tabs need (an event stream and a few requests each), far
 * fewer than a process may open files (1,024 by default on Linux). Past it a connection is closed at once; without
 * a bound, anyone on this machine could hold every file descriptor with idle connections, and the engine's next
 * open (the key file, the database's) would fail.
 */
export const MAX_CONNECTIONS = 256;

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What an internal error says over HTTP: the message itself stays in the server's log. */
const INTERNAL = 'internal error: see the server log';

const stderrLog: Logger = {
  info: () => {},
  warn: (m) => console.warn(`[headless] ${m}`),
  error: (m) => console.error(`[headless] ${m}`),
};

/** The request path as decoded segments, or null when it tries to leave its folder or smuggle a NUL. */
function pathSegments(rawPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`the headless server only listens on 127.0.0.1, not ${String(host)}`);
  if (!TOKEN_PATTERN.test(opts.token)) throw new Error('the token must be 1-512 visible characters without ; , " \\');
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('the port must be 0-65535');
  const { backend, token, staticDir } = opts;
  const log = opts.log ?? stderrLog;
  const version = opts.version ?? APP_VERSION;
  const routes = compileRoutes();
  const hub = createEventHub(backend, log, opts.sse);
  let port = opts.port;

  async function callMethod(
    req: IncomingMessage,
    res: ServerResponse,
    method: ApiMethod,
    params: Record<string, string>,
    query: URLSearchParams,
  ): Promise<void> {
    const spec = apiContract[method];
    const verb = spec.http[0];
    const isExport = isExportMethod(method);
    const download = isExport ? query.get('download') : null;
    if (download !== null && !['1', 'true', '0', 'false'].includes(download)) {
      throw new HttpError(400, {
        code: 'bad-request',
        message: 'download: 1 sends the file, 0 the JSON answer',
        fields: { download: 'download: 1 sends the file, 0 the JSON answer' },
      });
    }
    const raw =
      verb === 'GET' || verb === 'DELETE' ? queryObject(query, isExport ? ['download'] : []) : await readJsonBody(req);
    const input = withParams(raw, params);
    if (isExportMethod(method) && (download === '1' || download === 'true') && backend.exports) {
      return sendExportDownload(res, method, input, backend.exports, log);
    }
    // the one dispatcher (core/api/dispatch.ts): input and answer checked against the contract; here only the
    // codes become statuses, and an internal error's message stays in the log
    const result = await dispatch(backend, method, input, { log: (m) => log.error(m), internalMessage: INTERNAL });
    if (!result.ok) return sendError(res, HTTP_STATUS_BY_CODE[result.error.code] ?? 500, result.error);
    if (isExport && (download === '1' || download === 'true')) {
      const file = result.value as { filename: string; content: string };
      const format = (input as { format: 'csv' | 'json' }).format;
      const body = Buffer.from(file.content, 'utf8');
      setSecurityHeaders(res, false);
      res.writeHead(200, {
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'Content-Disposition': attachmentName(file.filename),
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(body);
      return;
    }
    sendJson(res, 200, result.value);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, segments: string[], query: URLSearchParams) {
    const verb = req.method ?? 'GET';
    const pathname = `/${segments.join('/')}`;
    if (pathname === HEALTH_PATH) {
      if (verb !== 'GET') return methodNotAllowed(res, verb, pathname, ['GET']);
      return sendJson(res, 200, { ok: true, name: 'fim-verdict', version });
    }
    const auth = authenticate(req, token, port);
    if (!auth.ok) {
      return auth.status === 401
        ? sendError(res, 401, { code: 'unauthorized', message: auth.reason }, { 'WWW-Authenticate': 'Bearer' })
        : sendError(res, 403, { code: 'forbidden', message: auth.reason });
    }
    if (pathname === EVENTS_PATH) {
      if (verb !== 'GET') return methodNotAllowed(res, verb, pathname, ['GET']);
      return hub.attach(req, res);
    }
    const match = matchRoute(routes, verb, segments);
    if (match.kind === 'none') return sendError(res, 404, { code: 'not-found', message: `no such route: ${pathname}` });
    if (match.kind === 'wrong-verb') return methodNotAllowed(res, verb, pathname, match.allowed);
    const { route, params } = match;
    try {
      await callMethod(req, res, route.method, params, query);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof HttpError) {
        sendError(res, error.status, error.body, error.status === 413 ? { Connection: 'close' } : {});
      } else {
        log.error(
          `${route.verb} ${route.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        sendError(res, 500, { code: 'internal', message: INTERNAL });
      }
    }
  }

  function methodNotAllowed(res: ServerResponse, verb: string, pathname: string, allowed: Verb[] | string[]) {
    sendError(
      res,
      405,
      { code: 'bad-request', message: `${verb} is not allowed on ${pathname} (allowed: ${allowed.join(', ')})` },
      { Allow: allowed.join(', ') },
    );
  }

  function handleTokenLink(res: ServerResponse, given: string) {
    if (tokensEqual(given, token)) {
      setSecurityHeaders(res, false);
      res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookies(token, port), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    sendPage(res, 401, 'FIM Verdict: this link has the wrong token', [
      'The token in this address is not the one this server was started with (a new one is made at every start ' +
        'unless one is given with <code>--token-file</code> or <code>FIM_VERDICT_TOKEN</code>).',
      'Open the address the server printed when it started, on the line ' +
        '<code>FIM Verdict (headless) listening on http://127.0.0.1:PORT/?token=…</code>, or restart it with ' +
        '<code>npm run headless -- --token-file &lt;a file only you can read&gt;</code> and open ' +
        '<code>/?token=&lt;the token in it&gt;</code>.',
    ]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = checkHostAndOrigin(req, port);
    if (refused) return sendError(res, 403, { code: 'forbidden', message: refused });
    const url = req.url ?? '/';
    if (!url.startsWith('/'))
      return sendError(res, 400, { code: 'bad-request', message: 'the path must start with /' });
    const q = url.indexOf('?');
    const segments = pathSegments(q < 0 ? url : url.slice(0, q));
    if (!segments) return sendError(res, 400, { code: 'bad-request', message: 'this path is not allowed' });
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    if (segments[0] === 'api') return handleApi(req, res, segments, query);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return methodNotAllowed(res, req.method ?? '?', `/${segments.join('/')}`, ['GET', 'HEAD']);
    }
    if (segments.length === 0 && query.has('token')) return handleTokenLink(res, query.get('token') ?? '');
    // a signed-in browser's first page carries the Live view's first rows (firstScreenPage.ts)
    if (segments.length === 0 && req.method === 'GET' && staticDir && authenticate(req, token, port).ok) {
      if (await sendFirstScreenPage(req, res, staticDir, backend, log)) return;
    }
    return serveStatic(req, res, staticDir, segments, log);
  }

  const headersTimeout = opts.headersTimeoutMs ?? 10_000;
  const server = http.createServer(
    // an idle connection that never sends a request is closed after headersTimeout (checked this often)
    { headersTimeout, requestTimeout: 60_000, connectionsCheckingInterval: Math.min(headersTimeout, 5_000) },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // logged without the URL: /?token=... carries the token
        log.error(`request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) sendError(res, 500, { code: 'internal', message: INTERNAL });
        else res.destroy();
      });
    },
  );
  server.maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => log.error(`server error: ${error.message}`));

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}/`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeIdleConnections();
        // requests still running get a moment to answer, then their sockets go too
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      return closing;
    },
  };
}
