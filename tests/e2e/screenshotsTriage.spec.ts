// Screenshots of the Files view and a triaged file page for docs/screenshots/, from a generated day of alerts and a
// VirusTotal emulator that knows most of the files. Run with SCREENSHOTS=1 (skipped otherwise: it rewrites the docs).
import path from 'node:path';
import type { VtFileSpec } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { ROOT, expect, test } from './fixtures';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const COUNT = 900;

const gen = new WazuhAlertGenerator({ seed: 20240406, startEpochMs: Date.now() - COUNT * 1.25 * 1000 });
const alerts = gen.stream({ count: COUNT, format: 'json', distinctFiles: 120 });
const trio = new Map<string, { md5?: string; sha1?: string }>();
for (const a of alerts) {
  const after = a.fim?.after;
  if (after?.sha256) trio.set(after.sha256, { md5: after.md5 ?? undefined, sha1: after.sha1 ?? undefined });
}
const LABELS = ['trojan.linux/mirai', 'miner.xmrig/coinminer', 'webshell.php/chopper'];
const files: VtFileSpec[] = [...trio.keys()].flatMap((sha256, i): VtFileSpec[] => {
  const same = trio.get(sha256);
  if (i % 9 === 0)
    return [
      {
        sha256,
        ...same,
        malicious: 12 + (i % 30),
        undetected: 50,
        names: [`payload-${i}.elf`],
        type: 'ELF',
        threatLabel: LABELS[i % LABELS.length],
      },
    ];
  if (i % 9 === 1) return [{ sha256, ...same, suspicious: 2, undetected: 64, names: [`helper-${i}.sh`] }];
  if (i % 9 === 2) return [];
  return [{ sha256, ...same, undetected: 62, harmless: 6, names: [`lib-${i}.so`] }];
});

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');
test.use({ standOptions: { initialLines: alerts.map((a) => a.text), files, perMinute: 1000 } });

test('the Files view and a triaged file page', async ({ app, stand }) => {
  test.setTimeout(180_000);
  // a few of the team's own builds allowlisted: known good, VirusTotal not asked
  const own = [...trio.keys()].filter((_, i) => i % 9 === 2).slice(0, 4);
  await stand.api('/api/allowlist', { method: 'POST', body: { values: own, why: 'our own build outputs' } });
  await expect
    .poll(async () => (await stand.api<{ queue: number }>('/api/stats')).queue, { timeout: 120_000 })
    .toBeLessThan(2);
  await stand.api('/api/settings', { method: 'PUT', body: { wazuhDashboardUrl: 'https://wazuh.example.com' } });
  const bad = files.filter((f) => (f.malicious ?? 0) > 0).map((f) => f.sha256);
  await stand.api('/api/triage', {
    method: 'POST',
    body: { hashes: bad.slice(0, 3), state: 'escalated', note: 'on build hosts: incident 4312', by: 'alice' },
  });
  await stand.api('/api/triage', {
    method: 'POST',
    body: { hashes: bad.slice(3, 5), state: 'false-positive', note: 'red-team tooling', by: 'bob' },
  });
  await app.goto(`${stand.url}#/files`);
  const rows = app.getByRole('table', { name: 'Files' }).locator('tbody tr[data-hash]');
  await expect(rows.first()).toBeVisible();
  await rows.nth(6).getByRole('checkbox').click();
  await rows.nth(8).click({ modifiers: ['Shift'] });
  await app.evaluate(() => document.fonts.ready);
  await app.mouse.move(0, 0);
  await app.screenshot({ path: path.join(OUT, 'files.png') });

  await app.goto(`${stand.url}#/file/${bad[0]}`);
  await expect(app.getByRole('list', { name: 'Triage history' })).toContainText('Escalated');
  await app.setViewportSize({ width: 1440, height: 2100 });
  await app.mouse.move(0, 0);
  await app.screenshot({ path: path.join(OUT, 'file-triaged.png') });
});
