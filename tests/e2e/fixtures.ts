// Per test: a temporary data directory with an alerts.json, the VirusTotal emulator in this process, the headless
// server as a child process (the way users run it) pointed at both, and a page opened with the token.
// Everything is torn down after the test. Tests wait on what the UI shows, never on fixed sleeps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startVtEmulator, type VtEmulator, type VtFileSpec } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { REPO_ROOT, startHeadless } from '../helpers/headlessProcess';

export const ROOT = REPO_ROOT;
/** the key the emulator accepts */
export const GOOD_KEY = 'a'.repeat(64);

export interface StandOptions {
  /** lines already in alerts.json when the server starts */
  initialLines?: string[];
  /** VT_API_KEY for the server; null: none (the key must be set in Settings) */
  envKey?: string | null;
  /** files the emulator knows */
  files?: VtFileSpec[];
  /** follow this path instead of the stand's alerts.json (e.g. a file that does not exist) */
  alertsPath?: string;
  /** the requests-per-minute the server allows itself (default high: tests do not wait on the quota) */
  perMinute?: number;
  /** how many polls the emulator's analyses take (default 2; at least 1) */
  analysisPolls?: number;
  /** extra headless flags (e.g. --demo) */
  extraArgs?: string[];
}

export interface Stand {
  dir: string;
  alertsPath: string;
  emulator: VtEmulator;
  /** http://127.0.0.1:PORT/ */
  url: string;
  token: string;
  gen: WazuhAlertGenerator;
  /** append lines (one alert each) to alerts.json */
  append(lines: string[]): void;
  /** an /api route with the bearer token */
  api<T = unknown>(route: string, init?: { method?: string; body?: unknown }): Promise<T>;
  stderr(): string;
  /** stop the headless server (the page stays open), and start it again on the same port, token and data */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
}

export const test = base.extend<{ standOptions: StandOptions; stand: Stand; app: Page }>({
  standOptions: [{}, { option: true }],

  stand: async ({ standOptions }, use) => {
    expect(
      fs.existsSync(path.join(ROOT, 'out/renderer/index.html')),
      'the renderer is not built: run `npm run build` first',
    ).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-e2e-'));
    const alertsPath = standOptions.alertsPath ?? path.join(dir, 'alerts.json');
    if (!standOptions.alertsPath) {
      fs.writeFileSync(alertsPath, (standOptions.initialLines ?? []).map((l) => `${l}\n`).join(''));
    }
    const emulator = await startVtEmulator({
      apiKeys: [GOOD_KEY],
      perMinute: null,
      files: standOptions.files ?? [],
      analysisPolls: standOptions.analysisPolls ?? 2,
    });
    const perMinute = String(standOptions.perMinute ?? 1000);
    const envKey = standOptions.envKey === undefined ? GOOD_KEY : standOptions.envKey;
    const args = [
      '--alerts',
      alertsPath,
      '--data-dir',
      path.join(dir, 'data'),
      '--vt-url',
      emulator.url,
      '--quota-per-minute',
      perMinute,
      '--quota-per-day',
      '100000',
      '--quota-per-month',
      '1000000',
      ...(standOptions.extraArgs ?? []),
    ];
    const env = { VT_API_KEY: envKey ?? undefined };
    let server = await startHeadless(args, env);
    let running = true;
    const port = server.port;
    const gen = new WazuhAlertGenerator({ seed: 4242, startEpochMs: Date.now() - 60 * 60_000 });
    const stand: Stand = {
      dir,
      alertsPath,
      emulator,
      url: server.url,
      token: server.token,
      gen,
      append: (lines) => fs.appendFileSync(alertsPath, lines.map((l) => `${l}\n`).join('')),
      api: (route, init) => server.api(route, init),
      stderr: () => server.stderr(),
      async stopServer() {
        await server.stop();
        running = false;
      },
      async startServer() {
        server = await startHeadless([...args, '--port', String(port)], env);
        running = true;
      },
    };
    try {
      await use(stand);
    } finally {
      if (running) await server.stop();
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },

  app: async ({ page, stand }, use) => {
    // the page must run under the server's strict CSP: any violation fails the test
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await use(page);
    expect(violations, 'no CSP violation and no uncaught error in the page').toEqual([]);
  },
});

export { expect };

/** The hashes of a file the emulator reports as malicious: `malicious` of `total` engines. */
export function maliciousFile(sha256: string, malicious: number, total = 70): VtFileSpec {
  return {
    sha256,
    malicious,
    undetected: total - malicious,
    harmless: 0,
    names: ['dropper.elf'],
    type: 'ELF',
    threatLabel: 'trojan.linux/dropper',
    size: 48_213,
  };
}

/** a random-looking but fixed sha256 for a test */
export const sha = (seed: string): string => {
  let out = '';
  let x = 0;
  for (const c of seed) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  while (out.length < 64) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += (x >>> 8).toString(16).padStart(6, '0');
  }
  return out.slice(0, 64);
};
