// Every settings field, given hostile values over HTTP (PUT /api/settings) against a real headless process, then FIM
// alerts to filter and store: the engine must keep answering GET /api/health within 1 s. A value is either taken or
// refused with a 4xx and a message (403 only for the fields that cannot be set over HTTP), never a 500, and never a
// hang (a location pattern of forty `*` once pinned the CPU on the next alert, for good).
// A new settings field fails this test until it has hostile values of its own below.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Stats } from '../../shared/contract';
import { SettingsUpdate, type SettingsView } from '../../shared/settings';
import { lockedOverHttp, SETTINGS_DESTINATIONS } from '../../electron/core/settings/destinations';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { GOOD_KEY } from '../helpers/engine';
import { startHeadless, type HeadlessProcess } from '../helpers/headlessProcess';
import { makeTempDir } from '../helpers/tempDir';

/** Fields that decide where a credential goes or where the app writes: refused over HTTP (403) is a fine answer. */
// the declared destinations (a new one is read-only here too, without a change to this test)
const READ_ONLY_OVER_HTTP = new Set<string>(lockedOverHttp(SETTINGS_DESTINATIONS));

const a = (n: number) => 'a'.repeat(n);
const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
/** The worst pattern shapes for a matcher (they backtrack in a RegExp), as many as a list may hold. */
const worstGlobs = (n: number) =>
  many(n, (i) => [`*a*a*a*a*a*b${i}`, `**/${'*a*/'.repeat(20)}b${i}/**`, `*${'[a]?'.repeat(40)}b${i}*`][i % 3]);

const hostile: Record<string, unknown[]> = {
  apiKey: [null, 'k'.repeat(512), 'k'.repeat(513), 'a key with spaces', '\u0000\u202e', GOOD_KEY],
  apiVersion: ['v4', '', null, 3, 'v2', 'v3'],
  baseUrl: [
    'http://127.0.0.1:1',
    'javascript:alert(1)',
    'http://u:p@127.0.0.1/',
    `http://x/${a(100_000)}`,
    'file:///etc/passwd',
  ],
  timeoutSeconds: [0, -1, 1.5, 300, 301, '10', null, 10],
  'quota.plan': ['custom', 'premium', 'free', null, 'public'],
  'quota.perMinute': [100_000_000, 100_000_001, 0, -5, 1.5, '4', 4],
  'quota.perDay': [100_000_000, 0, 1, 500],
  'quota.perMonth': [100_000_000, 0, 1, 15_500],
  'freshness.foundDays': [0, 3650, 3651, -1, 1e300, 7],
  'freshness.notFoundHours': [0, 24 * 3650, 24 * 3650 + 1, -1, 24],
  threshold: [1, 200, 0, 201, 1e6, 'x', 1],
  'filters.groups': [many(50, (i) => `g${i}`), many(51, (i) => `g${i}`), [a(100)], [a(101)], [''], ['syscheck']],
  'filters.minLevel': [16, 17, -1, 1.5, 0],
  'filters.ruleIds': [many(500, (i) => String(i)), many(501, String), ['x'], ['0'.repeat(8)], []],
  'filters.location': [
    '*'.repeat(40) + '!',
    many(32, () => '*a'.repeat(7) + '*!').join('|'),
    '*'.repeat(512),
    '*'.repeat(513),
    many(33, (i) => `l${i}`).join('|'),
    '!' + '*'.repeat(100) + '!',
    '|||^$',
    '',
  ],
  'filters.extensions': [many(200, (i) => `e${i}`), many(201, (i) => `e${i}`), ['../x'], ['.' + a(32)], []],
  'filters.pathInclude': [
    worstGlobs(50),
    worstGlobs(51),
    ['**/'.repeat(85) + 'b'],
    ['{a,b}'.repeat(5) + '*b', '{a,b}'.repeat(5) + '/**'],
    ['{a,b}'.repeat(6) + '*'],
    ['/' + a(300)],
    ['*(a|a)*' + '*(a|a)'.repeat(30)],
    [],
  ],
  'filters.pathExclude': [worstGlobs(50), ['**/'.repeat(85) + 'b', '*a*a*b'], [a(257)], []],
  integrationLog: ['relative/path', `/nonexistent-${process.pid}/x/y.json`, '/dev/null', `/${a(5000)}`, null],
  notifications: ['yes', 1, true],
  theme: ['neon', null, 'dark', 'system'],
  providers: [
    ['virustotal', 'circl'],
    ['circl', 'circl'],
    ['nsrl'],
    'circl',
    null,
    many(4, () => 'circl'),
    ['circl', 'malwarebazaar', 'virustotal'],
    ['virustotal'],
  ],
  circlUrl: ['javascript:alert(1)', 'http://u:p@127.0.0.1/', `http://x/${a(100_000)}`, 'http://127.0.0.1:1'],
  malwareBazaarUrl: ['file:///etc/passwd', 'http://127.0.0.1:1'],
  malwareBazaarKey: [null, 'k'.repeat(513), '\u0000\u202e', 'a key with spaces', GOOD_KEY],
  askVirusTotalAboutKnownGood: ['yes', 1, true, false],
  askVirusTotalAboutMalicious: [null, 0, false, true],
  webhookUrl: [
    'https://attacker.example/collect',
    'http://169.254.169.254/latest/meta-data/',
    'http://u:p@127.0.0.1/',
    'file:///etc/passwd',
    `https://x/${a(100_000)}`,
    null,
  ],
  webhookFormat: ['xml', null, 3, 'slack', 'json'],
  webhookTriage: ['yes', 1, null, true, false],
  wazuhDashboardUrl: [
    'javascript:alert(1)',
    'https://user:pw@wazuh.example',
    `https://${a(5000)}.example`,
    'https://wazuh.example/\u202e',
    'not a url',
    'https://wazuh.example:5601/base',
    null,
  ],
  wazuhSocket: [
    '/var/wazuh-manager/queue/sockets/queue-http.sock',
    'relative/queue-http.sock',
    '/run/\u0000x.sock',
    '/tmp/x\u202e.sock',
    `/${a(5000)}`,
    '/etc/passwd',
    '/',
    '',
    3,
    null,
  ],
  'retention.days': [0, -1, 1.5, 36_500, 36_501, 1e300, '30', 1, null],
  'retention.maxGB': [0, 0.0005, -1, 100_000, 100_001, 'x', 1e-300, 0.001, null],
};

/** Every field a PUT may carry, nested objects field by field ("filters.location"). */
function settingsFields(): string[] {
  const unwrap = (t: z.ZodType): z.ZodType => {
    let x = t;
    while (x instanceof z.ZodOptional || x instanceof z.ZodNullable) x = x.unwrap() as z.ZodType;
    return x;
  };
  const out: string[] = [];
  for (const [key, schema] of Object.entries(SettingsUpdate.shape)) {
    const inner = unwrap(schema as z.ZodType);
    if (inner instanceof z.ZodObject) for (const sub of Object.keys(inner.shape)) out.push(`${key}.${sub}`);
    else out.push(key);
  }
  return out.sort();
}

let vt: VtEmulator;
let engine: HeadlessProcess;
let alertsFile: string;
let cleanup: () => void;
let written = 0;
const gen = new WazuhAlertGenerator({ seed: 909 });

beforeAll(async () => {
  const t = makeTempDir('fimv-settings-fuzz-');
  cleanup = t.cleanup;
  vt = await startVtEmulator();
  alertsFile = path.join(t.dir, 'alerts.json');
  fs.writeFileSync(alertsFile, '');
  engine = await startHeadless(['--alerts', alertsFile, '--data-dir', path.join(t.dir, 'data'), '--vt-url', vt.url], {
    VT_API_KEY: undefined,
  });
});
afterAll(async () => {
  await engine?.stop();
  await vt?.close();
  cleanup?.();
});

/** GET /api/health must answer within 1 s. */
async function healthWithin1s(when: string): Promise<void> {
  const started = Date.now();
  const res = await fetch(new URL('/api/health', engine.url), { signal: AbortSignal.timeout(1000) }).catch(
    (e: unknown) => {
      throw new Error(`/api/health did not answer within 1 s ${when} (${String(e)}); stderr:\n${engine.stderr()}`);
    },
  );
  expect(res.status, when).toBe(200);
  await res.text();
  expect(Date.now() - started, when).toBeLessThan(1000);
}

/** FIM alerts for the filters to decide on: usual ones, 4 KiB paths of the worst shape, long locations. */
function appendAlerts(): number {
  const longPath = '/' + many(40, () => a(100)).join('/');
  const lines = [
    gen.fimAlert({ event: 'modified', path: '/var/www/html/index.php' }),
    gen.fimAlert({ event: 'added', path: 'C:\\Users\\bob\\AppData\\Local\\Temp\\x.exe', os: 'windows' }),
    gen.fimAlert({ event: 'modified', path: longPath }),
    gen.fimAlert({ event: 'added', path: '/' + a(4095) }),
    gen.fimAlert({ event: 'added', path: '/a'.repeat(2048) }),
  ].map((line, i) => {
    if (i < 3) return line;
    const alert = JSON.parse(line) as { location: string };
    alert.location = a(4096); // a location no Wazuh writes, as long as a path
    return JSON.stringify(alert);
  });
  fs.appendFileSync(alertsFile, lines.join('\n') + '\n');
  return lines.length;
}

/** Waits until the engine has read every alert written, asking /api/health within 1 s between reads. */
async function ingestedWhileAnswering(when: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await healthWithin1s(when);
    const stats = await engine.api<Stats>('/api/stats');
    if (stats.alertsRead >= written) return;
    if (Date.now() > deadline) throw new Error(`alerts not read ${when}: ${stats.alertsRead} of ${written}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function put(body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(new URL('/api/settings', engine.url), {
    method: 'PUT',
    headers: { authorization: `Bearer ${engine.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
}

describe('no settings value accepted over HTTP stops the engine from answering /api/health within 1 s', () => {
  it('has hostile values for every settings field', () => {
    expect(Object.keys(hostile).sort()).toEqual(settingsFields());
  });

  for (const field of Object.keys(hostile).sort()) {
    it(field, async () => {
      const [key, sub] = field.split('.');
      const outcomes: number[] = [];
      for (const value of hostile[field]) {
        const current = await engine.api<SettingsView>('/api/settings');
        // quota is replaced whole: the other numbers stay as they are
        const body = sub
          ? { [key]: { ...(current as unknown as Record<string, object>)[key], [sub]: value } }
          : { [key]: value };
        const what = `after ${field} = ${JSON.stringify(value).slice(0, 80)}`;
        const r = await put(body);
        outcomes.push(r.status);
        const allowed = READ_ONLY_OVER_HTTP.has(key) ? [200, 400, 403] : [200, 400];
        expect(allowed, `${what}: ${r.status} ${r.text.slice(0, 300)}`).toContain(r.status);
        if (r.status !== 200) {
          const message = (JSON.parse(r.text) as { error: { message: string } }).error.message;
          expect(message.length, what).toBeGreaterThan(0);
        }
        written += appendAlerts();
        await ingestedWhileAnswering(what);
      }
      // each field took at least one of its values, or refused them all as read-only over HTTP
      if (!READ_ONLY_OVER_HTTP.has(key)) expect(outcomes).toContain(200);
    });
  }
});
