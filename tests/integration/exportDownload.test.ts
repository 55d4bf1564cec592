// The three exports' download over HTTP (?download=1) go through one path, and each: sends its first bytes before
// the data has been read to the end, waiting for the reader between pages (backpressure); stops reading when the
// reader leaves; and cuts the connection when a page fails halfway (never a body that looks complete).
import { execFile } from 'node:child_process';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { alertsExport } from '../../electron/core/api/alertsExport';
import { exportAsText, type ExportStreams } from '../../electron/core/api/exportStream';
import { filesExport } from '../../electron/core/api/filesExport';
import { historyExport } from '../../electron/core/api/historyExport';
import type { Logger } from '../../electron/core/engineTypes';
import { startHttpServer } from '../../electron/headless/server';
import { countingAlerts, countingFiles, type PageCounter } from '../helpers/exportPages';
import { fakeApiBackend } from '../helpers/fakeApiBackend';
import { countingPages, historyEntries } from '../helpers/historyRows';

const TOKEN = 'export-download-token-0123456789';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The three exports over made-up rows (`rows` of each), in pages of 50, with their page counters. */
function exportsOver(rows: number): { exports: ExportStreams; counters: Record<string, PageCounter> } {
  const alerts = countingAlerts(rows);
  const files = countingFiles(rows / 2); // two rows per file
  const history = Object.assign(countingPages(historyEntries(rows, 97)), { failAt: 0 });
  const historyPages = {
    historyPageAfter: (...args: Parameters<typeof history.historyPageAfter>) => {
      if (history.pagesRead + 1 === history.failAt) {
        history.pagesRead += 1;
        throw new Error('page failed');
      }
      return history.historyPageAfter(...args);
    },
  };
  const now = Date.UTC(2026, 5, 1);
  return {
    exports: {
      alerts: (input) => alertsExport(alerts, input, now, 50),
      files: ({ format }) => filesExport(files, { sort: 'risk' }, format, now, 25),
      history: ({ format, ...filter }) => historyExport(historyPages, filter, format, now, 50),
    },
    counters: { alerts, files, history },
  };
}

const CASES = [
  { method: 'alerts', route: '/api/alerts/export', name: /fim-verdict-alerts-.*\.csv/ },
  { method: 'files', route: '/api/files/export', name: /fim-verdict-files-.*\.csv/ },
  { method: 'history', route: '/api/history/export', name: /fim-verdict-history-.*\.csv/ },
] as const;

async function serve(exports: ExportStreams, log?: Logger) {
  const server = await startHttpServer({
    backend: { ...fakeApiBackend(), exports },
    token: TOKEN,
    port: 0,
    staticDir: null,
    log: log ?? { info: () => {}, warn: () => {}, error: () => {} },
  });
  cleanups.push(() => server.close());
  return server;
}

/** GET with the token, reading `pause` ms after each chunk; `onData` sees every chunk as it comes. */
function get(port: number, path: string, onData: (res: http.IncomingMessage, req: http.ClientRequest) => void) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; aborted: boolean }>(
    (resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
        const parts: Buffer[] = [];
        let aborted = false;
        res.on('data', (chunk: Buffer) => {
          parts.push(chunk);
          onData(res, req);
        });
        res.on('aborted', () => (aborted = true));
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString('utf8'),
            aborted,
          });
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => ((aborted = true), done()));
      });
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    },
  );
}

/** Downloads `url` in another process (a reader as fast as curl, not sharing this event loop); resolves at its end. */
function downloadElsewhere(url: string): Promise<{ bytes: number }> {
  const script =
    "fetch(process.argv[1], { headers: { authorization: 'Bearer ' + process.argv[2] } })" +
    '.then((r) => r.arrayBuffer()).then((b) => console.log(b.byteLength))';
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, url, TOKEN], (error, stdout) =>
      error ? reject(error) : resolve({ bytes: Number(stdout.trim()) }),
    );
  });
}

describe('a download and the other requests', () => {
  it('takes turns with them: the server answers while a large export streams to a fast reader', async () => {
    const { exports } = exportsOver(300_000);
    const server = await serve(exports);
    const started = performance.now();
    let done = false;
    const download = downloadElsewhere(`http://127.0.0.1:${server.port}/api/alerts/export?format=csv&download=1`);
    void download.finally(() => (done = true));
    const answeredAt: number[] = [];
    while (!done) {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      await res.arrayBuffer();
      if (!done) answeredAt.push(performance.now());
    }
    const { bytes } = await download;
    const took = performance.now() - started;
    expect(bytes).toBeGreaterThan(10_000_000);
    // every request waited a small part of the download at most (before: all of it, seconds at this size)
    const gaps = answeredAt.map((t, i) => t - (i === 0 ? started : answeredAt[i - 1]));
    expect(answeredAt.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(took / 3);
  });
});

describe('the JSON answer (no download=1)', () => {
  it('is refused past its bound, saying to ask with download=1, and stops reading there', () => {
    const { exports, counters } = exportsOver(100_000);
    const stream = exports.alerts({ format: 'csv', sort: 'risk' } as never);
    expect(() => exportAsText(stream, 1_000_000)).toThrow(
      'this export is larger than 1 MB: ask for it with download=1 (streamed a page at a time)',
    );
    const read = counters.alerts.pagesRead;
    expect(read).toBeLessThan(100_000 / 50 / 4); // not the whole export
    expect(exportAsText(exportsOver(1_000).exports.alerts({ format: 'csv' } as never)).rows).toBe(1_000);
  });
});

describe.each(CASES)('the $method download', ({ method, route, name }) => {
  it('sends its first bytes before the data has been read to the end, and the whole body in the end', async () => {
    // 100,000 rows: megabytes, more than the socket buffers of both ends hold, so the server must wait for the reader
    const { exports, counters } = exportsOver(100_000);
    const server = await serve(exports);
    let pagesAtFirstByte = -1;
    const file = await get(server.port, `${route}?format=csv&download=1`, () => {
      if (pagesAtFirstByte < 0) pagesAtFirstByte = counters[method].pagesRead;
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(name);
    expect(pagesAtFirstByte).toBeGreaterThan(0);
    expect(pagesAtFirstByte).toBeLessThan(counters[method].pagesRead / 2); // far from all the pages
    expect(counters[method].largestPage).toBeLessThanOrEqual(50);
    const whole = exportAsText(exportsOver(100_000).exports[method]({ format: 'csv', sort: 'risk' } as never));
    expect(file.body).toBe(whole.content);
  });

  it('stops reading the data when the reader leaves', async () => {
    const { exports, counters } = exportsOver(100_000);
    const server = await serve(exports);
    const file = await get(server.port, `${route}?format=json&download=1`, (_res, req) => req.destroy());
    expect(file.body.length).toBeGreaterThan(0);
    // the server notices the socket closed at its next wait: give it a moment, then no page more is read
    await new Promise((r) => setTimeout(r, 300));
    const read = counters[method].pagesRead;
    await new Promise((r) => setTimeout(r, 300));
    expect(counters[method].pagesRead).toBe(read);
    expect(read).toBeLessThan(100_000 / 50 / 2);
  });

  it('cuts the connection when a page fails halfway, and logs why', async () => {
    const { exports, counters } = exportsOver(20_000);
    counters[method].failAt = 5;
    const errors: string[] = [];
    const server = await serve(exports, { info: () => {}, warn: () => {}, error: (m) => errors.push(m) });
    const file = await get(server.port, `${route}?format=csv&download=1`, () => {});
    expect(file.status).toBe(200);
    expect(file.aborted).toBe(true);
    expect(file.body.length).toBeGreaterThan(0);
    expect(file.body.endsWith('\r\n') && file.body.length > 1_000_000).toBe(false);
    expect(errors.join('\n')).toMatch(new RegExp(`the ${method} export failed`));
  });

  it('answers a clean 500 when the first page fails (no headers sent yet)', { timeout: 10_000 }, async () => {
    const { exports, counters } = exportsOver(1_000);
    counters[method].failAt = 1;
    const server = await serve(exports);
    // JSON: its first chunk is the first page (a CSV's is the header line, sent before any page is read)
    const file = await get(server.port, `${route}?format=json&download=1`, () => {});
    expect(file.status).toBe(500);
    expect(JSON.parse(file.body).error.code).toBe('internal');
  });
});
