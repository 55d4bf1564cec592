// Serves the renderer bundle (out/renderer) on app://fim-verdict/: see appUrl.ts for why not file://.
// Only GET, only files under the renderer folder, each response with the CSP and nosniff.
import fs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { contentTypeOf } from '../core/contentTypes';
import { APP_SCHEME, resolveAppFile } from './appUrl';
import { CONTENT_SECURITY_POLICY } from './csp';

/** Before app 'ready': app:// behaves like https (standard URL parsing, a secure context, its own origin). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export async function serveAppRequest(
  rendererDir: string,
  request: Pick<Request, 'url' | 'method'>,
  readFile: (file: string) => Promise<Uint8Array> = (file) => fs.readFile(file),
): Promise<Response> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('method not allowed', { status: 405, headers });
  }
  const file = resolveAppFile(rendererDir, request.url);
  if (!file) return new Response('not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' },
    });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}

/** After app 'ready'. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
