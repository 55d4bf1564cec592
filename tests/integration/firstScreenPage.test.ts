// GET / over real sockets: a signed-in browser gets index.html with the Live view's first screen in it; anyone
// else, a HEAD, another page's path, an empty database or a failing answer gets index.html as it was built, and no
// alert ever leaves in a page for someone who is not signed in.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCookieName, sessionCookieValue } from '../../electron/headless/auth';
import { BOOT_SCRIPT_SOURCE } from '../../electron/headless/firstScreen';
import { PAGE_CSP } from '../../electron/headless/http';
import { startHttpServer, type HttpServer } from '../../electron/headless/server';
import { alertItem } from '../helpers/alertItem';
import { fakeApiBackend, type FakeBackend } from '../helpers/fakeApiBackend';

const TOKEN = 'test-token-0123456789abcdef';
const SECRET_PATH = '/srv/only-for-the-analyst/<b>payroll</b>.xlsx';
const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <title>FIM Verdict</title>
    <script type="module" crossorigin src="./assets/index-Cr2IiQ3X.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-l9E3nqiy.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const alert = alertItem({
  id: 7,
  epochMs: Date.parse('2026-12-05T10:00:00Z'),
  path: SECRET_PATH,
  sha256: 'c'.repeat(64),
});

let tmp: string;
let backend: FakeBackend;
let server: HttpServer;
let cookie: string;
const warnings: string[] = [];
const log = { info: () => {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
let alerts: () => unknown;

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-first-screen-'));
  fs.writeFileSync(path.join(tmp, 'index.html'), INDEX);
  backend = fakeApiBackend();
  (backend.handlers as { listAlerts: unknown }).listAlerts = () => alerts();
  server = await startHttpServer({ backend, token: TOKEN, port: 0, staticDir: tmp, log });
  cookie = `${sessionCookieName(server.port)}=${sessionCookieValue(TOKEN, server.port)}`;
});

beforeEach(() => {
  alerts = () => ({ total: 1, items: [alert], maxId: 7 });
  warnings.length = 0;
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('GET / for a signed-in browser', () => {
  it('carries the first rows, the boot script allowed by its hash, and is never stored', async () => {
    const page = await get('/', { cookie, 'sec-fetch-site': 'none' });
    expect(warnings).toEqual([]);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root"><div class="app first-screen">');
    expect(page.body).toContain(
      '/srv/only-for-the-analyst/&#60;b&#62;payroll&#60;/</span><span class="path__name">b&#62;.xlsx</span>',
    );
    expect(page.body).not.toContain('<b>payroll');
    expect(page.body).toContain('data-fimv-app');
    expect(page.headers['content-security-policy']).toContain(
      `script-src 'self' ${BOOT_SCRIPT_SOURCE} 'wasm-unsafe-eval'`,
    );
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['last-modified']).toBeUndefined();
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(Buffer.byteLength(page.body)).toBe(Number(page.headers['content-length']));
    // a script with the token may ask for it too
    const bearer = await get('/', { authorization: `Bearer ${TOKEN}` });
    expect(bearer.body).toContain('first-screen');
  });

  it('is index.html as built, without any alert, for anyone else', async () => {
    const cases: Record<string, string>[] = [
      {},
      { cookie: `${sessionCookieName(server.port)}=wrong` },
      { cookie, 'sec-fetch-site': 'cross-site' }, // another site's page navigating here with the cookie
      { authorization: 'Bearer not-the-token' },
    ];
    for (const headers of cases) {
      const page = await get('/', headers);
      expect(page.status, JSON.stringify(headers)).toBe(200);
      expect(page.body, JSON.stringify(headers)).toBe(INDEX);
      expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    }
  });

  it('is index.html as built for a HEAD, another path, no alert yet, or an answer that fails', async () => {
    expect((await get('/', { cookie }, 'HEAD')).body).toBe('');
    expect((await get('/', { cookie }, 'HEAD')).headers['content-security-policy']).toBe(PAGE_CSP);
    expect((await get('/live', { cookie })).body).toBe(INDEX);
    alerts = () => ({ total: 0, items: [], maxId: 0 });
    expect((await get('/', { cookie })).body).toBe(INDEX);
    alerts = () => {
      throw new Error('database is locked');
    };
    const failed = await get('/', { cookie });
    expect(failed.status).toBe(200);
    expect(failed.body).toBe(INDEX);
    expect(warnings.join('\n')).toContain('first screen');
  });

  it('is index.html as built when the rows’ text is over the screen’s budget, or cannot be written', async () => {
    // a file named with 60,000 DELs (a forged agent event): 141.6 MB of markup before the budget
    alerts = () => ({ total: 1, items: [{ ...alert, path: `/tmp/${'\x7f'.repeat(60_000)}` }], maxId: 7 });
    const long = await get('/', { cookie });
    expect(long.status).toBe(200);
    expect(long.body).toBe(INDEX);
    expect(warnings).toEqual([]); // nothing went wrong: the app draws the rows
    // anything that throws while writing (a hash that is no string of characters an address can hold)
    alerts = () => ({ total: 1, items: [{ ...alert, sha256: '\ud800' }], maxId: 7 });
    const broken = await get('/', { cookie });
    expect(broken.status).toBe(200);
    expect(broken.body).toBe(INDEX);
    expect(warnings.join('\n')).toMatch(/first screen: not written \(URI malformed\)/);
  });

  it('is index.html as built, with a warning, when index.html is not as the build writes it', async () => {
    fs.writeFileSync(path.join(tmp, 'index.html'), '<!doctype html><title>x</title><body>no root</body>');
    try {
      const page = await get('/', { cookie });
      expect(page.body).toBe('<!doctype html><title>x</title><body>no root</body>');
      expect(warnings.join('\n')).toContain('index.html');
    } finally {
      fs.writeFileSync(path.join(tmp, 'index.html'), INDEX);
    }
  });
});
