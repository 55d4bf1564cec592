// The security handlers (Electron's checklist, the parts that apply): a strict CSP on every response, no remote
// content in the window, navigation and new windows denied (VirusTotal links go to safeOpenExternal), every
// permission denied but clipboard writes from the app's own page (the "copy hash" buttons), no <webview>.
import type { App, Session, WebContents } from 'electron';
import { APP_SCHEME, isAppUrl, parseUrl } from './appUrl';
import { CONTENT_SECURITY_POLICY } from './csp';
import { safeOpenExternal } from './externalLinks';

export { CONTENT_SECURITY_POLICY } from './csp';

/** Schemes the window may load: its own pages, inline images, and the devtools in development. */
const ALLOWED_SCHEMES = new Set([`${APP_SCHEME}:`, 'data:', 'blob:', 'devtools:']);
/** The one permission granted, and only to the app's own page: writing text to the clipboard. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

export function hardenSession(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('devtools:')) return callback({}); // the developer tools bring their own policy
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  // The main process's own requests (net.fetch to VirusTotal) carry no webContentsId and pass.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = parseUrl(details.url);
    const fromPage = details.webContentsId !== undefined;
    callback({ cancel: fromPage && (url === null || !ALLOWED_SCHEMES.has(url.protocol)) });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details?.requestingUrl)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
}

/** Guards one webContents: no navigation away from the app, no new windows, no webviews. */
export function guardWebContents(contents: WebContents): void {
  const refuse = (event: { preventDefault(): void; url: string }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // a plain <a href> to VirusTotal would navigate the window: it opens in the browser instead (if it is one)
    safeOpenExternal(event.url, 'navigation');
  });
  // sub-frames (the main frame's navigations are will-navigate's, above)
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuse(event);
  });
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    safeOpenExternal(url, 'window.open');
    return { action: 'deny' };
  });
}

export function installSecurity(app: App, ses: Session): void {
  hardenSession(ses);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
