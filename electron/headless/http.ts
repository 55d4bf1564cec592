// Response helpers of the headless server: the security headers every answer carries, JSON and HTML answers in
// one shape, and the bounded JSON body reader. No framework: node:http's request and response only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody } from '../../shared/contract';

/**
 * The page policy: everything from this origin, nothing inline (but the scripts named by their hash), nothing
 * framed, no plugins.
 */
export const pageCsp = (scriptHashes: readonly string[] = []): string =>
  [
    "default-src 'self'",
    // WebAssembly only (hash-wasm hashes dropped files); no JS eval; an inline script only by its hash
    ["script-src 'self'", ...scriptHashes, "'wasm-unsafe-eval'"].join(' '),
    // React's style props go through the CSSOM, which style-src does not restrict; <style> and style="" would.
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
export const PAGE_CSP = pageCsp();

/** Everything that is not a page (JSON, downloads, assets): nothing may run or be framed. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox";

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function setSecurityHeaders(res: ServerResponse, page: boolean): void {
  res.setHeader('Content-Security-Policy', page ? PAGE_CSP : NON_PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  setSecurityHeaders(res, false);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

export function sendError(
  res: ServerResponse,
  status: number,
  error: ApiErrorBody,
  extra: Record<string, string> = {},
): void {
  sendJson(res, status, { error }, extra);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small self-contained page (no script, no style sheet) for the states before the app: 401, not built. */
export function sendPage(res: ServerResponse, status: number, title: string, paragraphs: string[]): void {
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>\n`;
  setSecurityHeaders(res, true);
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'HttpError';
  }
}

/** The deepest nesting a body may have: the API's bodies nest three or four levels. */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether JSON text nests arrays and objects deeper than `max` (strings skipped, escapes included). Looked at before
 * JSON.parse: megabytes of `[[[[…` cost the server seconds to parse and then to check.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Reads the whole body, at most MAX_BODY_BYTES, and parses it as JSON (an empty body is `{}`). */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const tooLarge = new HttpError(413, {
    code: 'bad-request',
    message: `the body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
  });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
    throw new HttpError(400, { code: 'bad-request', message: `the body nests deeper than ${MAX_BODY_DEPTH} levels` });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, { code: 'bad-request', message: 'the body is not valid JSON' });
  }
}
