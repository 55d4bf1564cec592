// The Live alerts and Files exports stream (a page of the database per chunk) and keep today's bytes: over a varied
// data set stored by the real engine (several agents, events, verdicts, triage states, files at many places, paths
// with control characters, quotes, commas and formula starts, alerts without a hash), the streamed body, in pages
// small enough to cut the data in many places, is byte for byte what the whole-body builders gave before, for
// every filter tried; and the HTTP download (?download=1) is the JSON answer's content.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsExport } from '../../electron/core/api/alertsExport';
import { exportAsText } from '../../electron/core/api/exportStream';
import { filesExport } from '../../electron/core/api/filesExport';
import { EngineCore } from '../../electron/core/engineCore';
import { startHttpServer, type HttpServer } from '../../electron/headless/server';
import type { ApiParsedInput } from '../../shared/contract';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { GOOD_KEY, memorySecretStore, startTestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';
import { wholeAlertsExport, wholeFilesExport } from '../helpers/wholeExports';

const TOKEN = 'exports-stream-token-0123456789';
const NOW = Date.UTC(2026, 6, 1, 12);
const hex = (seed: number) => (seed.toString(16).padStart(4, '0') + 'cd').repeat(11).slice(0, 64);
const HASHES = Array.from({ length: 9 }, (_, i) => hex(0x100 + i));
const PATHS = [
  '/usr/bin/ev\u202Egpj.sh',
  '/tmp/=cmd|calc',
  '/srv/a "quoted", file',
  '/var/www/html/index.php',
  '/opt/\u0007bell\u007f',
  '/home/ana/@sum',
];
const AGENTS = ['web-01', 'db-01', 'mail,01', 'edge-\u202E02'];

let tmp: { dir: string; cleanup: () => void };
let vt: VtEmulator;
let core: EngineCore;
let server: HttpServer;

beforeAll(async () => {
  tmp = makeTempDir('fimv-exports-stream-');
  vt = await startVtEmulator({
    apiKeys: [GOOD_KEY],
    perMinute: null,
    files: HASHES.slice(0, 7).map((sha256, i) => ({ sha256, malicious: i % 3 === 0 ? 5 + i : 0, undetected: 60 })),
  });
  const gen = new WazuhAlertGenerator({ seed: 15, startEpochMs: Date.UTC(2026, 5, 1, 8) });
  const lines: string[] = [];
  for (let i = 0; i < 160; i++) {
    const event = (['added', 'modified', 'deleted'] as const)[i % 3];
    lines.push(
      gen.fimAlert({
        event,
        path: `${PATHS[i % PATHS.length]}${i % 5 === 0 ? '' : `-${i % 11}`}`,
        agent: AGENTS[i % AGENTS.length],
        // hashes 2, 5 and 8 are only deleted (never looked up); every 13th alert has no hash at all
        hashes: i % 13 === 0 ? { sha256: null, sha1: null, md5: null } : { sha256: HASHES[i % HASHES.length] },
      }),
    );
  }
  const alertsPath = path.join(tmp.dir, 'alerts.json');
  fs.writeFileSync(alertsPath, lines.map((l) => l + '\n').join(''));
  const dataDir = path.join(tmp.dir, 'data');
  const t = await startTestEngine({
    dataDir,
    sources: [{ path: alertsPath, fromEnd: false }],
    vtBaseUrl: vt.url,
    apiKeyFromEnv: GOOD_KEY,
    quota: { perMinute: 1000, perDay: 100000, perMonth: 1000000 },
  });
  await t.until(
    (s) => s.alertsRead === 160 && s.lookups >= 6 && s.queue === 0 && s.inFlight === 0,
    30_000,
    'the alerts and answers',
  );
  await t.h.setTriage({ hashes: [HASHES[0], HASHES[4]], state: 'escalated', note: 'x,"y"\nz', by: '=boss' });
  await t.h.setTriage({ hashes: [HASHES[1]], state: 'false-positive' });
  await t.stop();
  // the stores of that data, read without the sources running
  core = new EngineCore({ dataDir, secrets: memorySecretStore(), transport: 'http' });
  server = await startHttpServer({
    backend: { handlers: core.handlers, subscribe: () => () => {}, exports: core.exports },
    token: TOKEN,
    port: 0,
    staticDir: null,
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await core?.stop();
  await vt?.close();
  tmp?.cleanup();
});

const ALERT_FILTERS: Omit<ApiParsedInput<'exportAlerts'>, 'format'>[] = [
  {},
  { state: 'malicious' },
  { state: 'pending' },
  { q: 'ev' },
  { agent: 'db-01' },
  { event: 'deleted' },
  { triage: 'escalated' },
  { triage: 'new', state: 'clean' },
  { q: 'no such path' },
];

describe('the Live alerts export', () => {
  it('gives the bytes of the whole-body builder, for every filter, in pages of 1 to 1,000 alerts', () => {
    expect(core.alerts.list({ limit: 1, offset: 0 }).total).toBe(160);
    for (const filter of ALERT_FILTERS) {
      for (const format of ['csv', 'json'] as const) {
        const want = wholeAlertsExport(core, { format, ...filter }, NOW);
        for (const page of [1, 7, 50, 1000]) {
          const got = exportAsText(alertsExport(core, { format, ...filter }, NOW, page));
          expect(got, `${JSON.stringify(filter)} ${format} /${page}`).toEqual(want);
        }
      }
    }
    // the data set is varied: every state, triage and a hash-less alert are in it
    const all = wholeAlertsExport(core, { format: 'csv' }, NOW).content;
    for (const text of [
      'malicious',
      'clean',
      'unknown',
      'escalated',
      'false-positive',
      '/tmp/=cmd|calc',
      '\\u202E',
      ',,,',
    ]) {
      expect(all).toContain(text);
    }
  });

  it('leaves out alerts past the maxId it is given', () => {
    const { maxId } = core.alerts.list({ limit: 1, offset: 0 });
    const file = exportAsText(alertsExport(core, { format: 'csv', maxId: maxId - 10 }, NOW, 7));
    expect(file.rows).toBe(150);
  });

  it('downloads (?download=1) the JSON answer’s content, CSV and JSON', async () => {
    for (const format of ['csv', 'json'] as const) {
      const answer = await core.handlers.exportAlerts({ format });
      expect(answer.rows).toBe(160);
      const res = await get(`/api/alerts/export?format=${format}&download=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="fim-verdict-alerts-.*"$/);
      expect(res.headers.get('content-length')).toBeNull(); // streamed, not sent whole
      expect(await res.text()).toBe(answer.content);
    }
    const filtered = await get('/api/alerts/export?format=json&state=malicious&download=1');
    expect(await filtered.text()).toBe(
      (await core.handlers.exportAlerts({ format: 'json', state: 'malicious' })).content,
    );
  });
});

describe('the Files export', () => {
  it('gives the bytes of the whole-body builder, for every filter, in pages of 1 to 500 files', () => {
    const filters = [
      { sort: 'risk' as const },
      { sort: 'last' as const, state: 'malicious' },
      { sort: 'alerts' as const, triage: 'escalated' as const },
      { sort: 'risk' as const, agent: 'web-01' },
      { sort: 'risk' as const, q: HASHES[2].slice(0, 12) },
      { sort: 'risk' as const, fileIds: core.triage.fileIdsOf([HASHES[3], HASHES[8]]) },
    ];
    for (const filter of filters) {
      for (const format of ['csv', 'json'] as const) {
        const want = wholeFilesExport(core.triage.list, filter, format, NOW);
        for (const page of [1, 2, 4, 500]) {
          const got = exportAsText(filesExport(core.triage.list, filter, format, NOW, page));
          expect(got, `${JSON.stringify(filter)} ${format} /${page}`).toEqual(want);
        }
      }
    }
    expect(wholeFilesExport(core.triage.list, { sort: 'risk' }, 'csv', NOW).rows).toBeGreaterThan(9);
  });

  it('downloads (?download=1) the JSON answer’s content, filters and a selection', async () => {
    for (const query of ['format=csv', 'format=json&state=malicious', `format=csv&hashes=${HASHES[0]},${HASHES[5]}`]) {
      const input = Object.fromEntries(new URLSearchParams(query));
      const answer = await core.handlers.exportFiles(
        (await import('../../shared/contract')).apiContract.exportFiles.input.parse(input),
      );
      const res = await get(`/api/files/export?${query}&download=1`);
      expect(res.status, query).toBe(200);
      expect(await res.text(), query).toBe(answer.content);
    }
    const bad = await get('/api/files/export?format=csv&hashes=nope&download=1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not a hash/);
  });
});

function get(route: string) {
  return fetch(server.url.replace(/\/$/, '') + route, { headers: { authorization: `Bearer ${TOKEN}` } });
}
