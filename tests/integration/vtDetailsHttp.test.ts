// GET /api/hashes/:hash over real HTTP, against a real engine and the VirusTotal emulator answering with the
// attributes of real answers (tests/fixtures/virustotal): `vt` holds what VirusTotal's page shows, read from the
// stored raw answer, so an answer stored before the feature (a row written straight into the lookups table) gains
// it too, without a new request. A hostile answer's texts come back bounded and as JSON strings, never as markup.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HashDetail } from '../../shared/contract';
import { VT_DETAIL_LIMITS } from '../../shared/vtDetails';
import { startHttpServer, type HttpServer } from '../../electron/headless/server';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { GOOD_KEY, startTestEngine, type TestEngine } from '../helpers/engine';
import { VT_FIXTURES } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/tempDir';

const TOKEN = 'd'.repeat(40);
const attributesOf = (name: string) =>
  (
    JSON.parse(fs.readFileSync(path.join(VT_FIXTURES, name), 'utf8')) as {
      data: { attributes: Record<string, unknown> };
    }
  ).data.attributes;
const RANSOM = attributesOf('v3-file-ransomware-sandbox-2025.json');
const SIGNED = attributesOf('v3-file-signed-clean-2025.json');
const YARA = attributesOf('v3-file-yara-2021.json');

const MALICIOUS = '1'.repeat(64);
const HOSTILE = '2'.repeat(64);
const OLD = '3'.repeat(64);

let vt: VtEmulator;
let engine: TestEngine;
let server: HttpServer;
let cleanup: () => void;
let dataDir: string;

beforeAll(async () => {
  const t = makeTempDir('fimv-vt-details-');
  cleanup = t.cleanup;
  dataDir = path.join(t.dir, 'data');
  vt = await startVtEmulator({
    apiKeys: [GOOD_KEY],
    files: [
      {
        sha256: MALICIOUS,
        malicious: 8,
        suspicious: 1,
        undetected: 62,
        attributes: {
          popular_threat_classification: RANSOM.popular_threat_classification,
          sandbox_verdicts: RANSOM.sandbox_verdicts,
          signature_info: SIGNED.signature_info,
          crowdsourced_yara_results: YARA.crowdsourced_yara_results,
          first_submission_date: RANSOM.first_submission_date,
          tags: RANSOM.tags,
        },
      },
      {
        sha256: HOSTILE,
        malicious: 3,
        names: ['<img src=x onerror=alert(1)>', 'evil\u202Etxt.exe', 'x'.repeat(10_000)],
        attributes: {
          crowdsourced_yara_results: Array.from({ length: 500 }, (_, i) => ({ rule_name: `<b>r${i}</b>` })),
        },
      },
    ],
  });
  engine = await startTestEngine({ dataDir, vtBaseUrl: vt.url, apiKeyFromEnv: GOOD_KEY });
  server = await startHttpServer({ backend: engine.engine.backend, token: TOKEN, port: 0, staticDir: null });
});
afterAll(async () => {
  await server.close();
  await engine.stop();
  await vt.close();
  cleanup();
});

async function call<T>(route: string, body?: unknown): Promise<{ status: number; json: T; text: string }> {
  const res = await fetch(new URL(route, server.url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as T, text };
}

async function lookedUp(hash: string): Promise<HashDetail> {
  await call('/api/lookup', { text: hash });
  await engine.until(
    () => engine.events.some((e) => e.type === 'verdict' && e.sha256 === hash),
    15_000,
    `the answer about ${hash}`,
  );
  const r = await call<HashDetail>(`/api/hashes/${hash}`);
  expect(r.status).toBe(200);
  return r.json;
}

describe('GET /api/hashes/:hash: the verdict as VirusTotal shows it', () => {
  it('counts apart, threat label and families, signer, dates, tags, sandbox verdicts and YARA rules', async () => {
    const d = await lookedUp(MALICIOUS);
    expect(d.verdict).toMatchObject({ state: 'malicious', positives: 8, total: 71 });
    const v = d.vt!;
    expect(v.counts).toMatchObject({ malicious: 8, suspicious: 1, undetected: 62, harmless: 0 });
    expect(v.enginesWithVerdict).toBe(71);
    expect(v.threat).toMatchObject({
      label: 'ransomware.hive/recyl',
      families: [
        { value: 'hive', count: 8 },
        { value: 'recyl', count: 4 },
        { value: 'gofing', count: 3 },
      ],
    });
    expect(v.signature).toMatchObject({ verified: 'Signed', signers: expect.arrayContaining(['Google LLC']) });
    expect(v.sandboxes).toEqual([
      {
        sandbox: 'C2AE',
        category: 'undetected',
        confidence: null,
        classifications: ['UNKNOWN_VERDICT'],
        malwareNames: [],
      },
    ]);
    expect(v.yara.map((y) => y.rule)).toEqual(['RAT_CyberGate']);
    expect(v.tags).toEqual(['peexe', '64bits', 'overlay', 'spreader']);
    expect(v.firstSubmission).toBe('2025-05-13T04:05:44.000Z');
    expect(v.lastAnalysis).not.toBeNull();
    expect(Date.parse(v.answeredAt)).toBe(Date.parse(d.verdict.checkedAt!));
    expect(v.answerAgeSeconds).toBeGreaterThanOrEqual(0);
  });

  it("a hostile answer's texts come back bounded, as plain JSON strings", async () => {
    const d = await lookedUp(HOSTILE);
    const v = d.vt!;
    expect(v.names).toContain('<img src=x onerror=alert(1)>'); // data, for the views to show as text
    expect(v.names).toContain('evil\u202Etxt.exe');
    expect(v.names.every((n) => Array.from(n).length <= VT_DETAIL_LIMITS.text)).toBe(true);
    expect(v.yara).toHaveLength(VT_DETAIL_LIMITS.yaraRules);
    expect(v.yaraTotal).toBe(500);
    expect(v.signature).toBeNull();
  });

  it('an answer stored before this feature gains the details from its raw body, with no new request', async () => {
    const requestsBefore = vt.fileRequests();
    // an answer as an older version stored it: the lookups row and the file's verdict, nothing else parsed
    const db = new Database(path.join(dataDir, 'fim-verdict.sqlite'));
    const body = JSON.stringify({ data: { id: OLD, type: 'file', attributes: { ...YARA, sha256: OLD } } });
    const at = Date.UTC(2026, 0, 2);
    db.transaction(() => {
      const file = db
        .prepare(
          "INSERT INTO files (sha256, state, positives, total, checked_at, origin) VALUES (?, 'malicious', 64, 70, ?, 'virustotal')",
        )
        .run(OLD, at);
      const lookup = db
        .prepare(
          "INSERT INTO lookups (file_id, at, origin, reason, api, state, positives, total, raw) VALUES (?, ?, 'virustotal', 'live', 'v3', 'malicious', 64, 70, ?)",
        )
        .run(file.lastInsertRowid, at, gzipSync(body));
      db.prepare('UPDATE files SET last_lookup_id = ? WHERE id = ?').run(lookup.lastInsertRowid, file.lastInsertRowid);
    })();
    db.close();
    const r = await call<HashDetail>(`/api/hashes/${OLD}`);
    expect(r.status).toBe(200);
    expect(r.json.vt).toMatchObject({
      counts: { malicious: 64 },
      enginesWithVerdict: 70,
      yara: [{ rule: 'RAT_CyberGate' }],
      answeredAt: '2026-01-02T00:00:00.000Z',
    });
    expect(vt.fileRequests()).toBe(requestsBefore);
  });

  it('a file with no found answer has no details', async () => {
    await call('/api/lookup', { text: '4'.repeat(64) }); // not on VirusTotal
    await engine.until(
      () => engine.events.some((e) => e.type === 'verdict' && e.sha256 === '4'.repeat(64)),
      15_000,
      'the not-found answer',
    );
    const r = await call<HashDetail>(`/api/hashes/${'4'.repeat(64)}`);
    expect(r.json.verdict.state).toBe('unknown');
    expect(r.json.vt).toBeNull();
  });

  it('the CSV export says each answer in the same words as the app: "not on VirusTotal", never "unknown" alone', async () => {
    const r = await fetch(new URL('/api/history/export?format=csv', server.url), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { content } = (await r.json()) as { content: string };
    const [header, ...rows] = content.trim().split('\r\n');
    // the columns before are unchanged; the words come last
    expect(header).toBe(
      'at,origin,state,positives,total,scan_date,sha256,sha1,md5,name,permalink,reason,error,why,verdict',
    );
    expect(rows.find((row) => row.includes('4'.repeat(64)))).toMatch(/,unknown,.*,not on VirusTotal$/);
    expect(rows.find((row) => row.includes(MALICIOUS))).toMatch(/,malicious: 8 of 71 engines say malicious$/);
  });
});
