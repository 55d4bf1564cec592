// Triage and the Files view over HTTP, against the real engine (alerts file, SQLite, the VirusTotal emulator) behind
// the real headless server: POST /api/triage for one and many files, the count of untriaged detections, the
// history, the triage event, a closed file reopened when it turns more malicious, GET /api/files (filters, sorts,
// paging), the export, and hostile input (bad states, bad and unknown hashes, long notes, control characters).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../electron/headless/server';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { GOOD_KEY, startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

const TOKEN = 'triage-test-token-0123456789';
const hex = (seed: number, len: number) => (seed.toString(16).padStart(4, '0') + 'ab').repeat(20).slice(0, len);
const EVIL = hex(0x1e71, 64);
const BAD = hex(0x0bad, 64);
const CLEAN = hex(0xc1ea, 64);
const UNSEEN = hex(0x7777, 64);

let tmp: { dir: string; cleanup: () => void };
let vt: VtEmulator;
let t: TestEngine;
let server: HttpServer;
let alertsPath: string;
const gen = new WazuhAlertGenerator({ seed: 12, startEpochMs: Date.UTC(2026, 5, 1, 8) });

async function call(route: string, init: { method?: string; body?: unknown; raw?: string } = {}) {
  const res = await fetch(server.url.replace(/\/$/, '') + route, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // a download
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
  return { status: res.status, text, headers: res.headers, json: json as any };
}

beforeAll(async () => {
  tmp = makeTempDir('fimv-triage-');
  vt = await startVtEmulator({
    apiKeys: [GOOD_KEY],
    perMinute: null,
    files: [
      { sha256: EVIL, malicious: 9, undetected: 60, names: ['dropper.elf'] },
      { sha256: BAD, malicious: 2, undetected: 60 },
      { sha256: CLEAN, malicious: 0, undetected: 70 },
    ],
  });
  alertsPath = path.join(tmp.dir, 'alerts.json');
  const lines = [
    gen.fimAlert({
      event: 'added',
      path: '/tmp/.x/dropper',
      agent: 'web-01',
      hashes: { sha256: EVIL, sha1: null, md5: null },
    }),
    gen.fimAlert({
      event: 'modified',
      path: '/opt/drop',
      agent: 'db-01',
      hashes: { sha256: EVIL, sha1: null, md5: null },
    }),
    gen.fimAlert({
      event: 'added',
      path: '/usr/bin/ev\u202Egpj.sh',
      agent: 'web-01',
      hashes: { sha256: BAD, sha1: null, md5: null },
    }),
    gen.fimAlert({
      event: 'added',
      path: '/usr/bin/ls',
      agent: 'web-01',
      hashes: { sha256: CLEAN, sha1: null, md5: null },
    }),
  ];
  fs.writeFileSync(alertsPath, lines.map((l) => l + '\n').join(''));
  t = await startTestEngine({
    dataDir: path.join(tmp.dir, 'data'),
    sources: [{ path: alertsPath, fromEnd: false }],
    vtBaseUrl: vt.url,
    apiKeyFromEnv: GOOD_KEY,
    quota: { perMinute: 1000, perDay: 100000, perMonth: 1000000 },
    analystName: 'os-user',
  });
  server = await startHttpServer({ backend: t.engine.backend, token: TOKEN, port: 0, staticDir: null });
  await t.until((s) => s.files.malicious === 2 && s.files.clean === 1, 20_000, 'three verdicts');
});

afterAll(async () => {
  await server?.close();
  await t?.stop();
  await vt?.close();
  tmp?.cleanup();
});

describe('POST /api/triage', () => {
  it('counts the untriaged detections and changes them for one and many files', async () => {
    expect((await call('/api/stats')).json.untriaged).toBe(2);
    const before = t.events.length;
    const one = await call('/api/triage', {
      method: 'POST',
      body: { hashes: [EVIL], state: 'acknowledged', note: 'looking', by: 'alice' },
    });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ changed: 1, untriaged: 1 });
    expect(one.json.files[0].triage).toMatchObject({ state: 'acknowledged', note: 'looking', by: 'alice' });
    const event = t.events.slice(before).find((e) => e.type === 'triage');
    expect(event).toMatchObject({ type: 'triage', reopened: false, untriaged: 1 });

    const many = await call('/api/triage', {
      method: 'POST',
      body: { hashes: [EVIL, BAD.toUpperCase(), CLEAN], state: 'escalated' },
    });
    expect(many.json).toMatchObject({ changed: 3, untriaged: 0 });
    // nobody named: the engine's analyst (the OS user in the desktop app, the server's user headless)
    expect(many.json.files.map((f: { triage: { by: string } }) => f.triage.by)).toEqual([
      'os-user',
      'os-user',
      'os-user',
    ]);
    expect((await call('/api/stats')).json.untriaged).toBe(0);

    const detail = await call(`/api/hashes/${EVIL}`);
    expect(detail.json.triage).toMatchObject({ state: 'escalated', by: 'os-user', note: null });
    expect(detail.json.triageHistory.map((c: { state: string; previous: string }) => [c.previous, c.state])).toEqual([
      ['acknowledged', 'escalated'],
      ['new', 'acknowledged'],
    ]);
    // prevalence: two agents, each with its path
    expect(
      detail.json.places
        .map((p: { agent: { name: string }; paths: { path: string }[] }) => [p.agent.name, p.paths.map((x) => x.path)])
        .sort(),
    ).toEqual([
      ['db-01', ['/opt/drop']],
      ['web-01', ['/tmp/.x/dropper']],
    ]);
  });

  it('refuses bad states, bad and unknown hashes and long notes with a 400, and changes nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [
        { hashes: [EVIL], state: 'closed' },
        /triage state is one of new, acknowledged, false-positive, escalated, resolved/,
      ],
      [{ hashes: ['not-a-hash', EVIL], state: 'resolved' }, /not a hash.*not-a-hash/],
      [{ hashes: [UNSEEN], state: 'resolved' }, new RegExp(`no alert or look-up has seen ${UNSEEN}`)],
      [{ hashes: [], state: 'resolved' }, /at least one/],
      [{ hashes: EVIL, state: 'resolved' }, /hashes/],
      [{ hashes: [EVIL], state: 'resolved', note: 'x'.repeat(2001) }, /at most 2000 characters/],
      [{ hashes: [EVIL], state: 'resolved', by: 'x'.repeat(101) }, /at most 100 characters/],
      [{ hashes: [EVIL], state: 'resolved', extra: 1 }, /extra|unrecognized/i],
      [{ hashes: Array.from({ length: 1001 }, () => EVIL), state: 'resolved' }, /at most 1000 files/],
    ];
    for (const [body, message] of cases) {
      const res = await call('/api/triage', { method: 'POST', body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json.error.message).toMatch(message);
    }
    expect((await call('/api/triage', { method: 'POST', raw: '{"hashes":' })).status).toBe(400);
    expect((await call(`/api/hashes/${EVIL}`)).json.triage.state).toBe('escalated');
  });

  it('keeps control characters in a note and a name, exactly (the views show them visibly)', async () => {
    const note = 'fp: vendor tool \u202Eexe.txt\u0007';
    const res = await call('/api/triage', {
      method: 'POST',
      body: { hashes: [CLEAN], state: 'false-positive', note, by: 'bob\u200F' },
    });
    expect(res.json.files[0].triage).toMatchObject({ note, by: 'bob\u200F' });
  });

  it('reopens a closed file that turns more malicious, with the reason', async () => {
    await call('/api/triage', { method: 'POST', body: { hashes: [BAD], state: 'false-positive', note: 'test tool' } });
    vt.addFile({ sha256: BAD, malicious: 12, undetected: 50 });
    const before = t.events.length;
    expect((await call('/api/rescan', { method: 'POST', body: { hash: BAD } })).status).toBe(200);
    await t.until(() => t.events.slice(before).some((e) => e.type === 'triage' && e.reopened), 20_000, 'reopened');
    const detail = await call(`/api/hashes/${BAD}`);
    expect(detail.json.triage).toMatchObject({ state: 'new', by: 'FIM Verdict', note: 'test tool' });
    expect(detail.json.triageHistory[0].reason).toBe('reopened: 12 engines say malicious now (2 when it was closed)');
    expect((await call('/api/stats')).json.untriaged).toBe(1);
    // an answer no worse leaves a closed file closed
    await call('/api/triage', { method: 'POST', body: { hashes: [BAD], state: 'resolved' } });
    const again = t.events.length;
    await call('/api/rescan', { method: 'POST', body: { hash: BAD } });
    await t.until(() => t.events.slice(again).some((e) => e.type === 'verdict'), 20_000, 'the answer');
    expect((await call(`/api/hashes/${BAD}`)).json.triage.state).toBe('resolved');
  });
});

describe('the triage event over Server-Sent Events', () => {
  it('reaches a browser listening on /api/events when a file is triaged', async () => {
    const controller = new AbortController();
    const res = await fetch(server.url.replace(/\/$/, '') + '/api/events', {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // the stream is open once its first bytes came (a comment or a stats event)
    text += decoder.decode((await reader.read()).value);
    await call('/api/triage', { method: 'POST', body: { hashes: [EVIL], state: 'resolved', note: 'sse' } });
    while (!/event: triage\ndata: .*\n\n/.test(text)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    controller.abort();
    const data = JSON.parse(/event: triage\ndata: (.*)\n\n/.exec(text)![1]);
    expect(data).toMatchObject({ type: 'triage', reopened: false });
    expect(data.files[0]).toMatchObject({ sha256: EVIL, triage: { state: 'resolved', note: 'sse' } });
    await call('/api/triage', { method: 'POST', body: { hashes: [EVIL], state: 'escalated' } });
  });
});

describe('GET /api/files', () => {
  it('answers one row per file, by risk, with counts, places and times', async () => {
    const res = await call('/api/files');
    expect(res.status).toBe(200);
    expect(res.json.total).toBe(3);
    const [first] = res.json.items;
    expect(first).toMatchObject({
      sha256: EVIL,
      agents: 2,
      alerts: 2,
      provider: 'virustotal',
      verdict: { state: 'malicious', positives: 9 },
    });
    expect(first.names).toContain('dropper.elf');
    expect(first.paths.sort()).toEqual(['/opt/drop', '/tmp/.x/dropper']);
    expect(first.timeToVerdictMs).toBeGreaterThanOrEqual(0);
    expect(res.json.items.map((i: { verdict: { state: string } }) => i.verdict.state)).toEqual([
      'malicious',
      'malicious',
      'clean',
    ]);
  });

  it('filters by triage, state, agent and text, sorts by every column, pages', async () => {
    const names = async (q: string) =>
      (await call(`/api/files?${q}`)).json.items.map((i: { sha256: string }) => i.sha256);
    expect(await names('triage=false-positive')).toEqual([CLEAN]);
    expect(await names('state=detected&sort=alerts')).toEqual([BAD, EVIL]);
    expect(await names('state=detected&sort=-alerts')).toEqual([EVIL, BAD]);
    expect(await names('agent=db-01')).toEqual([EVIL]);
    expect(await names('q=dropper')).toEqual([EVIL]);
    expect(await names(`q=${BAD.slice(0, 10)}`)).toEqual([BAD]);
    expect(await names('limit=1&offset=1')).toHaveLength(1);
    for (const key of ['risk', 'name', 'verdict', 'triage', 'agents', 'alerts', 'first', 'last', 'ttv', 'provider']) {
      for (const sort of [key, `-${key}`]) {
        const res = await call(`/api/files?sort=${sort}`);
        expect(res.status, sort).toBe(200);
        expect(res.json.total).toBe(3);
      }
    }
    // the alerts list takes the triage filter too
    const alerts = await call('/api/alerts?triage=false-positive');
    expect(alerts.json.items.map((a: { path: string }) => a.path)).toEqual(['/usr/bin/ls']);
  });

  it('refuses bad filters with a 400 that names them', async () => {
    for (const [q, message] of [
      ['triage=maybe', /triage state is one of/],
      ['sort=size', /sort by one of/],
      ['state=evil', /state/],
      ['limit=0', /limit/],
      ['triage=new&triage=resolved', /triage/],
    ] as const) {
      const res = await call(`/api/files?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.error.message).toMatch(message);
    }
  });

  it('exports the filtered files as CSV and JSON, one row per place, control characters visible', async () => {
    const csv = await call('/api/files/export?format=csv&state=detected&download=1');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="fim-verdict-files-.*\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'sha256,sha1,md5,state,positives,total,provider,triage,triageNote,triageBy,triageAt,agentId,agentName,path,alertId,alertAt,alerts',
    );
    expect(lines).toHaveLength(1 + 3); // EVIL at two places, BAD at one
    expect(csv.text).toContain('/usr/bin/ev\\u202Egpj.sh');
    expect(csv.text).not.toContain('\u202E');
    expect(lines.find((l) => l.includes('/opt/drop'))).toMatch(/db-01/);

    const json = await call(`/api/files/export?format=json&hashes=${CLEAN}`);
    const rows = JSON.parse(json.json.content);
    expect(rows).toEqual([
      expect.objectContaining({ sha256: CLEAN, triage: 'false-positive', path: '/usr/bin/ls', agentName: 'web-01' }),
    ]);
    expect(rows[0].alertId).toMatch(/^\d+\.\d+$/);
    expect(json.json.content).toContain('\\u202e');
    // a selection: at most 200 hashes, each a hash
    const many = Array.from({ length: 201 }, () => EVIL).join(',');
    expect((await call(`/api/files/export?format=csv&hashes=${many}`)).json.error.message).toMatch(/at most 200 files/);
    expect((await call('/api/files/export?format=csv&hashes=zzz')).json.error.message).toMatch(/"zzz" is not a hash/);
    expect((await call('/api/files/export?format=pdf')).status).toBe(400);
  });
});

describe('GET /api/alerts/export', () => {
  it("exports the alerts list with its filters: agent, path, alert id, the file's provider and triage", async () => {
    const json = await call('/api/alerts/export?format=json&agent=web-01');
    expect(json.status).toBe(200);
    const rows = JSON.parse(json.json.content) as Record<string, unknown>[];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.agentName === 'web-01')).toBe(true);
    expect(rows.find((r) => r.path === '/usr/bin/ls')).toMatchObject({
      sha256: CLEAN,
      state: 'clean',
      provider: 'virustotal',
      triage: 'false-positive',
      event: 'added',
    });
    const csv = await call('/api/alerts/export?format=csv&triage=escalated&download=1');
    expect(csv.headers.get('content-disposition')).toMatch(/fim-verdict-alerts-.*\.csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'alertId,timestamp,manager,agentId,agentName,agentIp,ruleId,ruleLevel,event,path,sha256,sha1,md5,state,positives,total,provider,triage',
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[9])
        .sort(),
    ).toEqual(['/opt/drop', '/tmp/.x/dropper']);
    expect((await call('/api/alerts/export?format=xml')).status).toBe(400);
  });
});
