// Who may talk to the headless server: the Host and Origin checks against DNS rebinding and cross-site requests,
// and the token (bearer header, or the browser session cookie set by opening /?token=<t>), compared in constant time.
//
// Browsers send a cookie for 127.0.0.1 to every port of 127.0.0.1. So the browser session's cookie is not the token:
// its name carries this server's port and its value is a keyed hash of the token and the port. Another local server
// the browser visits sees neither the token (which also works as a bearer for scripts) nor anything that opens
// another port's FIM Verdict; a tab keeps working across a restart with the same token and port.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie of earlier versions, whose value was the token itself: never accepted, and cleared when seen. */
export const LEGACY_TOKEN_COOKIE = 'fimv_token';

export function sessionCookieName(port: number): string {
  return `fimv_session_${port}`;
}

/** HMAC-SHA256 keyed by the token: what the cookie holds cannot be turned back into the token. */
export function sessionCookieValue(token: string, port: number): string {
  return createHmac('sha256', token).update(`fim-verdict browser session for 127.0.0.1:${port}`).digest('base64url');
}

/** Constant-time comparison: both sides are hashed first, so the buffers always have the same length. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * null when the request may go on, else why not. A page on another site that resolves its own name to 127.0.0.1
 * (DNS rebinding) still sends its own Host; a cross-site fetch sends its Origin.
 */
export function checkHostAndOrigin(req: IncomingMessage, port: number): string | null {
  const host = header(req, 'host')?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) {
    return `requests must be addressed to 127.0.0.1:${port} or localhost:${port}`;
  }
  const origin = header(req, 'origin');
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase())) {
    return 'cross-origin requests are not allowed';
  }
  return null;
}

export function parseCookies(req: IncomingMessage): Map<string, string[]> {
  const cookies = new Map<string, string[]>();
  const raw = req.headers.cookie;
  if (!raw) return cookies;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    cookies.set(name, [...(cookies.get(name) ?? []), value]);
  }
  return cookies;
}

export type AuthResult =
  | { ok: true; via: 'bearer' | 'cookie' }
  /** 401: no valid token; 403: a valid cookie sent by a page that is not ours */
  | { ok: false; status: 401 | 403; reason: string };

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/** The token check for /api/* (except health). Call after checkHostAndOrigin. */
export function authenticate(req: IncomingMessage, token: string, port: number): AuthResult {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (match && tokensEqual(match[1], token)) return { ok: true, via: 'bearer' };
    return { ok: false, status: 401, reason: 'the bearer token is not the one this server was started with' };
  }
  // More than one cookie of that name can arrive (set with another path, or by hand): any may match.
  const candidates = parseCookies(req).get(sessionCookieName(port)) ?? [];
  const expected = sessionCookieValue(token, port);
  let matched = false;
  for (const candidate of candidates) matched = tokensEqual(candidate, expected) || matched;
  if (!matched) {
    return {
      ok: false,
      status: 401,
      reason:
        candidates.length > 0
          ? 'the token cookie is out of date: open the URL the server printed at start'
          : 'a token is needed: open the URL the server printed at start, or send Authorization: Bearer <token>',
    };
  }
  // A cookie rides along with requests other pages make; accept it only from this origin's own pages.
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, reason: 'the token cookie is only accepted from this server’s own pages' };
  }
  if (STATE_CHANGING.has(req.method ?? '') && header(req, 'origin') === undefined && site !== 'same-origin') {
    return {
      ok: false,
      status: 403,
      reason: 'a change made with the token cookie must come from this server’s own pages',
    };
  }
  return { ok: true, via: 'cookie' };
}

/**
 * Set-Cookie values for a browser that opened /?token=<t>: the session cookie (HttpOnly: scripts cannot read it;
 * SameSite=Strict: other sites do not send it; no Secure: this is http://), and the removal of an earlier version's
 * cookie that held the token itself.
 */
export function sessionCookies(token: string, port: number): string[] {
  return [
    `${sessionCookieName(port)}=${sessionCookieValue(token, port)}; HttpOnly; SameSite=Strict; Path=/`,
    `${LEGACY_TOKEN_COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/`,
  ];
}
