// The history download over HTTP streams: the first bytes leave before the database has been read to the end (the
// server waits for the reader between pages), and with a real engine the download is byte for byte the JSON
// answer's content, over more rows than one page.
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportStreams } from '../../electron/core/api/exportStream';
import { historyExport } from '../../electron/core/api/historyExport';
import { openDatabase } from '../../electron/core/db/database';
import { startHttpServer } from '../../electron/headless/server';
import { FilesStore } from '../../electron/core/store/filesStore';
import { LookupsStore } from '../../electron/core/store/lookupsStore';
import { fakeApiBackend } from '../helpers/fakeApiBackend';
import { startTestEngine } from '../helpers/engine';
import { countingPages, historyEntries, wholeBodies } from '../helpers/historyRows';
import { makeTempDir } from '../helpers/tempDir';

const TOKEN = 'export-token-0123456789';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** GET with the token; `onFirstData` runs when the first bytes of the body arrive. */
function download(port: number, pathname: string, onFirstData: () => void = () => {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: pathname, headers: { authorization: `Bearer ${TOKEN}` } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (parts.length === 0) onFirstData();
          parts.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

describe('the history download', () => {
  it('sends its first bytes before the history has been read to the end, and the same bytes in the end', async () => {
    // ~33 MB of CSV: more than the socket buffers of both ends hold, so the server must wait for the reader
    const items = historyEntries(100_000, 97);
    const pages = countingPages(items);
    const backend = fakeApiBackend();
    const server = await startHttpServer({
      backend: {
        ...backend,
        // the history's only (the three exports' download: exportDownload.test.ts)
        exports: {
          history: ({ format, ...filter }) => historyExport(pages, filter, format, Date.now(), 50),
        } as Partial<ExportStreams> as ExportStreams,
      },
      token: TOKEN,
      port: 0,
      staticDir: null,
    });
    cleanups.push(() => server.close());
    let pagesAtFirstByte = -1;
    const file = await download(server.port, '/api/history/export?format=csv&download=1', () => {
      pagesAtFirstByte = pages.pagesRead;
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="fim-verdict-history-.*\.csv"$/);
    expect(pagesAtFirstByte).toBeGreaterThan(0);
    expect(pagesAtFirstByte).toBeLessThan(2001 / 2); // far from the 2,001 reads of the whole history
    expect(pages.largestPage).toBe(50);
    expect(file.body).toBe(wholeBodies(items).csv);
  });

  it("is the JSON answer's content byte for byte (CSV and JSON, 1,234 answers, shared timestamps)", async () => {
    const tmp = makeTempDir('fimv-export-stream-');
    cleanups.push(tmp.cleanup);
    const dataDir = path.join(tmp.dir, 'data');
    const { db } = openDatabase(dataDir);
    const files = new FilesStore(db);
    const lookups = new LookupsStore(db);
    const at = Date.UTC(2026, 2, 1);
    db.transaction(() => {
      for (let i = 0; i < 1234; i++) {
        const fileId = files.ensure({ sha256: i.toString(16).padStart(64, '0'), sha1: null, md5: null }, at);
        lookups.insert({
          fileId,
          at: at + Math.floor(i / 7) * 1000, // seven answers share each second: pages end inside a run
          origin: i % 3 ? 'virustotal' : 'wazuh',
          reason: 'live',
          api: 'v3',
          state: i % 11 ? 'clean' : 'malicious',
          positives: i % 11 ? 0 : 9,
          total: 70,
          scanDate: at,
          permalink: null,
          error: null,
          httpStatus: 200,
          wazuhAlertId: null,
          raw: null,
        });
      }
    })();
    db.close();
    const t = await startTestEngine({ dataDir });
    cleanups.push(() => t.stop());
    const server = await startHttpServer({ backend: t.engine.backend, token: TOKEN, port: 0, staticDir: null });
    cleanups.push(() => server.close());
    for (const format of ['csv', 'json'] as const) {
      const answer = await t.h.exportHistory({ format });
      expect(answer.rows).toBe(1234);
      const file = await download(server.port, `/api/history/export?format=${format}&download=1`);
      expect(file.status).toBe(200);
      expect(file.body).toBe(answer.content);
    }
    const filtered = await download(server.port, '/api/history/export?format=csv&state=malicious&download=1');
    expect(filtered.body.split('\r\n').filter(Boolean)).toHaveLength(1 + 113); // the header and every 11th answer
    const refused = await download(server.port, '/api/history/export?format=xml&download=1');
    expect(refused.status).toBe(400);
  });
});
