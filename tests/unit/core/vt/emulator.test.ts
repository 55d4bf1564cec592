// The VirusTotal emulator itself: realistic answers, accounting, and the control API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseV2Report, parseV3File } from '../../../../electron/core/vt/report';
import { verdictOf } from '../../../../electron/core/vt/types';
import { startVtEmulator, type VtEmulator } from '../../../emulator/vtEmulator';
import { makeRecord, v2ReportJson, v3FileJson } from '../../../emulator/vtFiles';

const KEY = 'a'.repeat(64);
const SHA = '12'.repeat(32);

describe('emulator answers', () => {
  it('derives stable sha1/md5 and builds v3 JSON whose results match its stats', () => {
    const a = makeRecord({ sha256: SHA, malicious: 5, suspicious: 2, harmless: 1 }, 0);
    const b = makeRecord({ sha256: SHA.toUpperCase() }, 0);
    expect(a.sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(a.md5).toMatch(/^[0-9a-f]{32}$/);
    expect([b.sha1, b.md5]).toEqual([a.sha1, a.md5]);
    const json = v3FileJson(a, 'http://x');
    const stats = json.data.attributes.last_analysis_stats;
    expect(stats).toMatchObject({ malicious: 5, suspicious: 2, harmless: 1, undetected: 58, 'type-unsupported': 3 });
    const categories = Object.values(json.data.attributes.last_analysis_results).map(
      (r) => (r as { category: string }).category,
    );
    expect(categories.filter((c) => c === 'malicious')).toHaveLength(5);
    expect(categories).toHaveLength(69);
    const report = parseV3File(json)!;
    expect(verdictOf(report, 1)).toEqual({ state: 'malicious', positives: 5, total: 66 });
    const v2 = parseV2Report(v2ReportJson(a, a.md5))!.found!;
    expect(verdictOf(v2, 1)).toEqual({ state: 'malicious', positives: 5, total: 66 });
  });

  it('makes up engine names beyond its list when the counts need more', () => {
    const r = makeRecord({ sha256: SHA, malicious: 100, undetected: 0, typeUnsupported: 0 }, 0);
    expect(Object.keys(v3FileJson(r, '').data.attributes.last_analysis_results)).toHaveLength(100);
  });
});

describe('emulator server', () => {
  let emu: VtEmulator;
  let now = 0;
  const get = (path: string, key: string | null = KEY) =>
    fetch(emu.url + path, { headers: key === null ? {} : { 'x-apikey': key } });
  const post = (path: string, body: unknown) =>
    fetch(emu.url + path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    emu = await startVtEmulator({ now: () => now });
  });
  beforeEach(() => {
    now = 1_000_000;
    emu.reset();
  });
  afterAll(() => emu.close());

  it('answers one file under its three hashes and counts requests per file', async () => {
    const ids = emu.addFile({ sha256: SHA, malicious: 1 });
    for (const h of [ids.sha256, ids.sha1, ids.md5]) {
      const body = (await (await get(`/api/v3/files/${h}`)).json()) as { data: { id: string } };
      expect(body.data.id).toBe(SHA);
    }
    const missing = await get(`/api/v3/files/${'9'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NotFoundError', message: `File "${'9'.repeat(64)}" not found` },
    });
    expect(emu.countFor(ids.md5)).toBe(3);
    expect(emu.countFor('9'.repeat(64))).toBe(1);
    expect(emu.fileRequests()).toBe(4);
  });

  it('answers 401 for a missing or wrong key', async () => {
    expect(await (await get(`/api/v3/files/${SHA}`, null)).json()).toMatchObject({
      error: { code: 'AuthenticationRequiredError' },
    });
    const wrong = await get(`/api/v3/files/${SHA}`, 'nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'WrongCredentialsError' } });
  });

  it('measures the busiest window', async () => {
    for (const t of [0, 10_000, 20_000, 65_000, 70_000, 71_000, 72_000]) {
      now = 1_000_000 + t;
      await get(`/api/v3/files/${SHA}`);
    }
    expect(emu.maxInAnyWindow(60_000)).toBe(5);
    expect(emu.maxInAnyWindow(1_000)).toBe(1);
    emu.reset();
    expect(emu.requests).toHaveLength(0);
  });

  it('is driven by its control API', async () => {
    const added = (await (await post('/__emulator/files', [{ sha256: '34'.repeat(32), malicious: 2 }])).json()) as {
      added: { sha256: string }[];
    };
    expect(added.added[0].sha256).toBe('34'.repeat(32));
    await post('/__emulator/mode', { mode: { status: 503 }, count: 1 });
    expect((await get(`/api/v3/files/${'34'.repeat(32)}`)).status).toBe(503);
    expect((await get(`/api/v3/files/${'34'.repeat(32)}`)).status).toBe(200);
    await post('/__emulator/mode', { mode: 'v2-rate-limit' });
    expect((await get(`/api/v3/files/${'34'.repeat(32)}`)).status).toBe(204);
    await post('/__emulator/reset', {});
    const log = (await (await fetch(`${emu.url}/__emulator/requests`)).json()) as { requests: unknown[] };
    expect(log.requests).toEqual([]);
    expect((await get(`/api/v3/files/${'34'.repeat(32)}`)).status).toBe(200);
  });
});
