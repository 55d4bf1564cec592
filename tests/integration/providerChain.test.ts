// The provider chain end to end through the headless process and its HTTP API: the project's CIRCL hashlookup,
// MalwareBazaar and VirusTotal test servers on 127.0.0.1, alerts written to a followed alerts.json. A file CIRCL
// knows is known good and never reaches VirusTotal; a MalwareBazaar sample is malicious at once and VirusTotal is
// still asked for its engines; CIRCL being down delays nothing; the empty file is answered here; every provider
// has its own status and counts in /api/stats; the allowlist answers before anything is sent.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HashDetail, Stats } from '../../shared/contract';
import { EMPTY_FILE_HASHES } from '../../shared/emptyFile';
import { startCirclServer, circlRecord, type CirclServer } from '../emulator/circl';
import { startMalwareBazaarServer, mbRecord, type MalwareBazaarServer } from '../emulator/malwarebazaar';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startHeadless, waitUntil, type HeadlessProcess } from '../helpers/headlessProcess';
import { makeTempDir } from '../helpers/tempDir';

const VT_KEY = 'v'.repeat(64);
const MB_KEY = 'm'.repeat(48);

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const hex = (c: string, n: number) => c.repeat(n);
/** A file's three hashes from one character (distinct per file, valid hex). */
const file = (c: string) => ({ md5: hex(c, 32), sha1: hex(c, 40), sha256: hex(c, 64) });

const KNOWN = file('1'); // CIRCL: Debian coreutils, NSRL
const SAMPLE = file('2'); // MalwareBazaar: AgentTesla; VirusTotal: 61 engines
const UNKNOWN = file('3'); // only VirusTotal has it (clean)

interface World {
  circl: CirclServer;
  mb: MalwareBazaarServer;
  vt: VtEmulator;
  dir: string;
  alerts: string;
  gen: WazuhAlertGenerator;
}

async function world(): Promise<World> {
  const circl = await startCirclServer({ records: [circlRecord(KNOWN)] });
  const mb = await startMalwareBazaarServer({
    records: [mbRecord(SAMPLE, { signature: 'AgentTesla' })],
    keys: [MB_KEY],
  });
  const vt = await startVtEmulator({ apiKeys: [VT_KEY], perMinute: null });
  vt.addFile({ ...SAMPLE, malicious: 61, undetected: 11, harmless: 0 });
  vt.addFile({ ...UNKNOWN, malicious: 0 });
  const t = makeTempDir('fimv-chain-');
  cleanups.push(
    () => circl.close(),
    () => mb.close(),
    () => vt.close(),
    t.cleanup,
  );
  const alerts = path.join(t.dir, 'alerts.json');
  fs.writeFileSync(alerts, '');
  return { circl, mb, vt, dir: t.dir, alerts, gen: new WazuhAlertGenerator({ seed: 11 }) };
}

function writeAlerts(w: World, specs: { hashes: ReturnType<typeof file>; path: string; size?: number }[]): void {
  const lines = specs.map((s) =>
    w.gen.fimAlert({ event: 'added', path: s.path, hashes: s.hashes, os: 'linux', size: s.size ?? 1000 }),
  );
  fs.appendFileSync(w.alerts, lines.join('\n') + '\n');
}

async function headless(w: World, flags: string[], env: Record<string, string> = {}): Promise<HeadlessProcess> {
  const h = await startHeadless(
    [
      '--data-dir',
      path.join(w.dir, 'data'),
      '--alerts',
      w.alerts,
      '--vt-url',
      w.vt.url,
      '--circl-url',
      w.circl.url,
      '--malwarebazaar-url',
      w.mb.url,
      ...flags,
    ],
    { VT_API_KEY: VT_KEY, MALWAREBAZAAR_API_KEY: MB_KEY, ...env },
  );
  cleanups.push(() => h.stop());
  return h;
}

/** The file page; before its alert is read the file is not known yet (404): an empty page to wait on. */
const detail = (h: HeadlessProcess, hash: string): Promise<HashDetail> =>
  h.api<HashDetail>(`/api/hashes/${hash}`).catch((error: Error) => {
    if (!/: 404 /.test(error.message)) throw error;
    return { verdict: { state: 'unseen', origin: null, positives: null } } as unknown as HashDetail;
  });
const stats = (h: HeadlessProcess) => h.api<Stats>('/api/stats');
const provider = (s: Stats, name: string) => s.providers.find((p) => p.name === name)!;
const answered = (h: HeadlessProcess, hash: string, state: string, what = `${hash.slice(0, 6)} ${state}`) =>
  waitUntil(
    () => detail(h, hash),
    (d) => d.verdict.state === state,
    30_000,
    what,
  );

describe('reputation providers through the headless API', () => {
  it('free sources first: known good never reaches VirusTotal, a MalwareBazaar sample is malicious with its engine count', async () => {
    const w = await world();
    writeAlerts(w, [
      { hashes: KNOWN, path: '/usr/bin/ls' },
      { hashes: SAMPLE, path: '/home/bob/Downloads/invoice.exe' },
      { hashes: UNKNOWN, path: '/opt/app/bin/tool' },
    ]);
    const log = path.join(w.dir, 'integration.json');
    const h = await headless(w, ['--providers', 'circl,malwarebazaar,virustotal', '--integration-log', log]);

    const known = await answered(h, KNOWN.sha256, 'known-good');
    expect(known.verdict.origin).toBe('circl');
    expect(known.verdict.why).toBe('known good: NSRL, Debian coreutils 9.1-1');
    expect(known.verdict.permalink).toBeNull(); // no VirusTotal report to link
    expect(known.answers[0]).toMatchObject({ provider: 'circl', verdict: 'known-good' });
    expect(known.history.map((e) => e.origin)).toContain('circl');

    // VirusTotal's engine count follows MalwareBazaar's answer; the verdict names both
    const sample = await waitUntil(
      () => detail(h, SAMPLE.sha256),
      (d) => d.verdict.state === 'malicious' && d.verdict.positives !== null,
      30_000,
      'the sample with its engine count',
    );
    expect(sample.verdict.origin).toBe('malwarebazaar');
    expect(sample.answers.find((a) => a.provider === 'malwarebazaar')).toMatchObject({
      verdict: 'malicious',
      details: { provider: 'malwarebazaar', signature: 'AgentTesla' },
    });
    expect(sample.verdict.why).toMatch(/^malicious: MalwareBazaar AgentTesla.*; 61\/72 on VirusTotal$/);
    expect(sample.history.map((e) => e.origin).sort()).toEqual(
      expect.arrayContaining(['circl', 'malwarebazaar', 'virustotal']),
    );

    const unknown = await answered(h, UNKNOWN.sha256, 'clean');
    expect(unknown.verdict.origin).toBe('virustotal');
    // the history keeps the free sources' "not known" answers, with who answered
    expect(unknown.history.find((e) => e.origin === 'circl')?.why).toBe('not known to CIRCL hashlookup');

    expect(w.vt.countFor(KNOWN.sha256)).toBe(0);
    expect(w.vt.countFor(SAMPLE.sha256)).toBe(1);
    expect(w.vt.countFor(UNKNOWN.sha256)).toBe(1);
    // CIRCL was asked in bulk: three files, one request
    expect(w.circl.requests.filter((r) => r.kind === 'bulk')).toHaveLength(1);

    // Wazuh's record of a known-good file: found, not malicious, with the provider named
    const records = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { virustotal: Record<string, unknown> });
    const byFile = (p: string) => records.find((r) => (r.virustotal.source as { file: string }).file === p)!.virustotal;
    expect(byFile('/usr/bin/ls')).toMatchObject({
      found: 1,
      malicious: 0,
      provider: 'circl',
      why: 'known good: NSRL, Debian coreutils 9.1-1',
    });
    expect(byFile('/home/bob/Downloads/invoice.exe')).toMatchObject({
      found: 1,
      malicious: 1,
      provider: 'malwarebazaar',
    });
    expect(byFile('/opt/app/bin/tool')).not.toHaveProperty('provider');

    // History: filtered by the new state and by who answered, and exported with who decided and why
    const history = await h.api<{ total: number; items: { origin: string; why: string }[] }>(
      '/api/history?state=known-good&origin=circl',
    );
    expect(history.items).toEqual([
      expect.objectContaining({ origin: 'circl', why: 'known good: NSRL, Debian coreutils 9.1-1' }),
    ]);
    const csv = await fetch(new URL('/api/history/export?format=csv&download=1', h.url), {
      headers: { authorization: `Bearer ${h.token}` },
    }).then((r) => r.text());
    expect(csv.split('\r\n')[0]).toMatch(/,reason,error,why,verdict$/);
    expect(csv).toContain('circl,known-good');
    expect(csv).toContain('"known good: NSRL, Debian coreutils 9.1-1"');

    const s = await stats(h);
    expect(s.lookups).toBe(2); // VirusTotal's count, as before
    expect(s.files.knownGood).toBe(1);
    expect(provider(s, 'circl')).toMatchObject({ status: 'ok', requests: 1, hits: 1 });
    expect(provider(s, 'malwarebazaar')).toMatchObject({ status: 'ok', hits: 1 });
    expect(provider(s, 'malwarebazaar').requests).toBeGreaterThanOrEqual(2);
    expect(provider(s, 'virustotal')).toMatchObject({ status: 'ok', requests: 2, hits: 2 });
  });

  it('by default only VirusTotal is asked: the free sources are off and receive nothing', async () => {
    const w = await world();
    writeAlerts(w, [{ hashes: KNOWN, path: '/usr/bin/ls' }]);
    const h = await headless(w, []);
    await waitUntil(
      () => detail(h, KNOWN.sha256),
      (d) => d.verdict.origin === 'virustotal',
      30_000,
      'VirusTotal answered',
    );
    expect(w.circl.requests).toHaveLength(0);
    expect(w.mb.requests).toHaveLength(0);
    const s = await stats(h);
    expect(provider(s, 'circl').status).toBe('off');
    expect(provider(s, 'malwarebazaar').status).toBe('off');
  });

  it('CIRCL down delays nothing: files go on to VirusTotal without it', async () => {
    const w = await world();
    w.circl.fail({ kind: 'status', status: 503 }, 1);
    writeAlerts(w, [{ hashes: UNKNOWN, path: '/opt/app/bin/tool' }]);
    const h = await headless(w, ['--providers', 'circl,virustotal']);
    const d = await answered(h, UNKNOWN.sha256, 'clean');
    expect(d.verdict.origin).toBe('virustotal');
    const s = await stats(h);
    expect(provider(s, 'circl').status).toBe('offline');
    expect(provider(s, 'circl').statusMessage).toContain('files go on without CIRCL hashlookup');
  });

  it('MalwareBazaar switched on without a key says so and holds nothing back', async () => {
    const w = await world();
    writeAlerts(w, [{ hashes: UNKNOWN, path: '/opt/app/bin/tool' }]);
    const h = await headless(w, ['--providers', 'malwarebazaar,virustotal'], { MALWAREBAZAAR_API_KEY: '' });
    await answered(h, UNKNOWN.sha256, 'clean');
    expect(w.mb.requests).toHaveLength(0);
    const s = await stats(h);
    expect(provider(s, 'malwarebazaar').status).toBe('no-key');
    expect(provider(s, 'malwarebazaar').statusMessage).toContain('MALWAREBAZAAR_API_KEY');
  });

  it('the empty file is answered here and sent nowhere', async () => {
    const w = await world();
    writeAlerts(w, [{ hashes: { ...EMPTY_FILE_HASHES }, path: '/tmp/empty', size: 0 }]);
    const h = await headless(w, ['--providers', 'circl,malwarebazaar,virustotal']);
    const d = await answered(h, EMPTY_FILE_HASHES.sha256, 'known-good');
    expect(d.verdict.origin).toBe('local');
    expect(w.circl.requests).toHaveLength(0);
    expect(w.mb.requests).toHaveLength(0);
    expect(w.vt.fileRequests()).toBe(0);
  });

  it('the allowlist: a hash added over the API is allowlisted at once; a path glob answers before anything is sent', async () => {
    const w = await world();
    writeAlerts(w, [{ hashes: UNKNOWN, path: '/opt/app/bin/tool' }]);
    const h = await headless(w, ['--providers', 'circl,virustotal']);
    await answered(h, UNKNOWN.sha256, 'clean');

    const added = await h.api<{ added: { id: number }[]; filesAllowlisted: number; rejected: unknown[] }>(
      '/api/allowlist',
      { method: 'POST', body: { values: [UNKNOWN.sha256, '/srv/vendor/**', 'nonsense'], why: 'our own build' } },
    );
    expect(added.added).toHaveLength(2);
    expect(added.filesAllowlisted).toBe(1);
    expect(added.rejected).toHaveLength(1);
    const listed = await detail(h, UNKNOWN.sha256);
    expect(listed.verdict).toMatchObject({ state: 'known-good', origin: 'allowlist' });
    expect(listed.verdict.why).toContain('our own build');
    expect(listed.allowlisted.map((e) => e.kind)).toEqual(['hash']);

    // a new file under the glob: nothing is sent about it
    writeAlerts(w, [{ hashes: KNOWN, path: '/srv/vendor/lib/libx.so' }]);
    const vendor = await answered(h, KNOWN.sha256, 'known-good');
    expect(vendor.verdict.origin).toBe('allowlist');
    expect(w.circl.askedAbout(KNOWN.sha1)).toBe(0);
    expect(w.vt.countFor(KNOWN.sha256)).toBe(0);
  });
});
