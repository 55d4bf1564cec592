// GET / for a signed-in browser: index.html with the Live view's first screen in it (firstScreen.ts), so that the
// first rows show before the app's script has run. Anyone else (no cookie, another site's page), a HEAD, an empty
// database or an answer that fails gets index.html as it is built: the renderer then asks for everything itself.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/engineTypes';
import { dispatch } from '../core/api/dispatch';
import type { ApiBackend } from '../core/api/types';
import type { ApiOutput } from '../../shared/contract';
import { FIRST_PAGE_QUERY } from '../../shared/earlyRequests';
import { localeOfAcceptLanguage } from '../../shared/format';
import { BOOT_SCRIPT_SOURCE, firstScreenHtml, pageWithFirstScreen } from './firstScreen';
import { pageCsp, setSecurityHeaders } from './http';
import { queryObject } from './routes';

/** Sends the page and says true, or says false without touching `res` (the caller sends index.html as built). */
export async function sendFirstScreenPage(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
  backend: ApiBackend,
  log: Logger,
): Promise<boolean> {
  let indexHtml: string;
  try {
    indexHtml = await fs.readFile(path.join(path.resolve(staticDir), 'index.html'), 'utf8');
  } catch {
    return false; // not built: the caller says so
  }
  const input = queryObject(new URLSearchParams(FIRST_PAGE_QUERY), []);
  // the answers /api/alerts and /api/info would give (the same dispatcher); a failure is said in the log
  const warn = { log: (m: string) => log.warn(`first screen: ${m}`), internalMessage: 'internal error' };
  const alerts = await dispatch(backend, 'listAlerts', input, warn);
  const info = await dispatch(backend, 'getInfo', {}, warn);
  if (!alerts.ok || !info.ok) return false;
  const page = alerts.value as ApiOutput<'listAlerts'>;
  // times and counts in the browser's language, as the app will write them (navigator.language is its first one)
  const locale = localeOfAcceptLanguage(req.headers['accept-language']);
  let screen: string | null;
  let html: string | null;
  try {
    screen = firstScreenHtml(page, info.value as ApiOutput<'getInfo'>, { locale });
    html = screen === null ? null : pageWithFirstScreen(indexHtml, screen);
  } catch (err) {
    // alert text the screen could not write: the app draws it
    log.warn(`first screen: not written (${err instanceof Error ? err.message : String(err)}); sent without rows`);
    return false;
  }
  if (screen === null) return false;
  if (html === null) {
    log.warn(
      'first screen: index.html is not as the build writes it (one entry script, <div id="root"></div>); sent as it is',
    );
    return false;
  }
  const body = Buffer.from(html, 'utf8');
  setSecurityHeaders(res, true);
  res.setHeader('Content-Security-Policy', pageCsp([BOOT_SCRIPT_SOURCE]));
  // alerts are in it: never kept by the browser or anything between
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
  return true;
}
