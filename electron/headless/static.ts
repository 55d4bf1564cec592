// The built renderer (out/renderer) over HTTP: index.html for / and for unknown page paths (the app routes itself),
// files by their extension's type, hashed assets cached for a year, and nothing outside the folder, ever.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../core/engineTypes';
import { contentTypeOf } from '../core/contentTypes';
import { escapeHtml, sendPage, setSecurityHeaders } from './http';

/** Vite names built assets like index-B2x9fQ1a.js: their content never changes under that name. */
const HASHED_ASSET = /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The file for these path segments inside root, or null: resolves links and checks the result is still inside. */
export async function resolveInside(root: string, segments: string[]): Promise<string | null> {
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s))) return null;
  const realRoot = await fs.realpath(root).catch(() => null);
  if (!realRoot) return null;
  const candidate = path.resolve(realRoot, ...segments);
  if (!candidate.startsWith(realRoot + path.sep)) return null;
  const real = await fs.realpath(candidate).catch(() => null);
  if (!real || !real.startsWith(realRoot + path.sep) || !(await isFile(real))) return null;
  return real;
}

export function sendNotBuilt(res: ServerResponse, staticDir: string | null): void {
  sendPage(res, 200, 'FIM Verdict: the interface is not built yet', [
    'The headless server is running and its API answers under <code>/api/</code>, but there is no built user ' +
      'interface to show' +
      (staticDir ? ` (no index.html in <code>${escapeHtml(staticDir)}</code>)` : '') +
      '.',
    'Build it once with <code>npm run build</code> in the project folder, then reload this page.',
  ]);
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, log: Logger): Promise<void> {
  const stat = await fs.stat(file);
  const type = contentTypeOf(file);
  const isHtml = type.startsWith('text/html');
  const name = path.basename(file);
  setSecurityHeaders(res, isHtml);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': stat.size,
    'Cache-Control':
      !isHtml && HASHED_ASSET.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache, must-revalidate',
    'Last-Modified': stat.mtime.toUTCString(),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file), res);
  } catch (error) {
    if (!res.destroyed) res.destroy();
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE') log.warn(`sending ${name} failed: ${(error as Error).message}`);
  }
}

function sendNotFound(res: ServerResponse): void {
  const body = 'not found\n';
  setSecurityHeaders(res, false);
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * GET/HEAD of a non-/api path. `segments` are the request path's decoded segments (the caller has already refused
 * dot segments, encoded slashes and NUL). Unknown paths without an extension get index.html (the app's own
 * routes); unknown files (/assets/gone.js) get a 404 rather than a page the browser would refuse as a script.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string | null,
  segments: string[],
  log: Logger,
): Promise<void> {
  const index = staticDir ? path.join(path.resolve(staticDir), 'index.html') : null;
  if (!index || !(await isFile(index))) {
    sendNotBuilt(res, staticDir);
    return;
  }
  const root = path.dirname(index);
  if (segments.length > 0 && !segments.some((s) => s.startsWith('.'))) {
    const file = await resolveInside(root, segments);
    if (file) return sendFile(req, res, file, log);
  }
  const last = segments[segments.length - 1] ?? '';
  if (segments.length > 0 && path.extname(last) !== '') {
    sendNotFound(res);
    return;
  }
  return sendFile(req, res, index, log);
}
