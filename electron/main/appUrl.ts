// The app's own origin. The renderer is served from a custom `app://` scheme (registered as standard and secure in
// appProtocol.ts) instead of file://: a page on file:// may read any file the user can, while app:// serves only
// the files under out/renderer, gives the page a real origin for the CSP's 'self', and lets us check the sender
// of every IPC message and every navigation against one exact origin. Pure: no electron import.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'fim-verdict';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parse a URL without throwing. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * True for a URL of the app's own pages: scheme app:, host exactly fim-verdict, no credentials or port.
 * (Node's URL gives custom schemes the origin "null", so protocol and host are compared one by one.)
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * The file under rootDir that an app:// URL names, or null (foreign URL, traversal, odd characters).
 * "/" serves index.html. Every path is resolved and must stay inside rootDir.
 */
export function resolveAppFile(rootDir: string, raw: string): string | null {
  if (!isAppUrl(raw)) return null;
  const url = new URL(raw);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, '.' + path.posix.normalize(pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}
