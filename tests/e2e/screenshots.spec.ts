// Screenshots of every view for docs/screenshots/, from a realistic generated day of alerts and a VirusTotal
// emulator that knows most of the files. Run with SCREENSHOTS=1 (skipped otherwise: it rewrites the docs).
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { VtFileSpec } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { ROOT, expect, test } from './fixtures';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const COUNT = 4000;

// one generated day: ~55% FIM over ~500 files on 7 agents, Wazuh's own VirusTotal alerts among them
const gen = new WazuhAlertGenerator({ seed: 20240405, startEpochMs: Date.now() - COUNT * 1.25 * 1000 });
const alerts = gen.stream({ count: COUNT, format: 'json', distinctFiles: 500 });
// the emulator answers with the same three hashes the alerts carry (one file, one md5/sha1/sha256 trio)
const trio = new Map<string, { md5?: string; sha1?: string }>();
for (const a of alerts) {
  const after = a.fim?.after;
  if (after?.sha256) trio.set(after.sha256, { md5: after.md5 ?? undefined, sha1: after.sha1 ?? undefined });
}
const hashes = [...trio.keys()];
const LABELS = ['trojan.linux/mirai', 'miner.xmrig/coinminer', 'webshell.php/chopper', 'ransom.lockbit/filecoder'];
const files: VtFileSpec[] = hashes.flatMap((sha256, i): VtFileSpec[] => {
  const r = i % 25;
  const same = trio.get(sha256);
  if (r === 0)
    return [
      {
        sha256,
        ...same,
        malicious: 18 + (i % 41),
        suspicious: 1,
        undetected: 44 - (i % 20),
        names: [`payload-${i}.elf`],
        type: 'ELF',
        threatLabel: LABELS[i % LABELS.length],
        size: 20_000 + i * 37,
        reputation: -40,
      },
    ];
  if (r === 1)
    return [{ sha256, ...same, suspicious: 3, undetected: 63, names: [`helper-${i}.exe`], type: 'Win32 EXE' }];
  if (r < 5) return []; // not on VirusTotal
  return [{ sha256, ...same, undetected: 62, harmless: 6, names: [`lib-${i}.so`], type: 'ELF shared library' }];
});

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');
test.use({ standOptions: { initialLines: alerts.map((a) => a.text), files, perMinute: 1000 } });

/** `tall`: the whole view (its main area scrolls inside the window, so the window grows for the picture) */
async function shot(page: Page, name: string, tall?: number): Promise<void> {
  await page.mouse.move(0, 0);
  if (tall) await page.setViewportSize({ width: 1440, height: tall });
  await page.screenshot({ path: path.join(OUT, name) });
  if (tall) await page.setViewportSize({ width: 1440, height: 900 });
}

test('a screenshot of each view', async ({ app, stand }) => {
  test.setTimeout(240_000);
  const table = app.getByRole('table', { name: 'FIM alerts' });
  // the team's own builds are allowlisted: known good, VirusTotal not asked (the Live view's known-good tile)
  const ownBuilds = hashes.filter((_, i) => i % 25 === 2);
  await stand.api('/api/allowlist', { method: 'POST', body: { values: ownBuilds, why: 'our own build outputs' } });
  // the queue drains (1000 a minute), verdicts arrive in place
  await expect(app.getByRole('status', { name: 'VirusTotal status' })).toContainText('ok');
  await expect
    .poll(async () => (await stand.api<{ queue: number }>('/api/stats')).queue, { timeout: 120_000 })
    .toBeLessThan(5);
  // a few live alerts on top, two of them about known-bad files
  const bad = files.filter((f) => (f.malicious ?? 0) > 0).slice(0, 2);
  stand.append([
    stand.gen.fimAlert({
      event: 'added',
      path: '/var/www/html/wp-content/uploads/cache.php',
      agent: 'web-01',
      hashes: { sha256: bad[0].sha256, md5: bad[0].md5, sha1: bad[0].sha1 },
      epochMs: Date.now() - 4000,
    }),
    stand.gen.fimAlert({
      event: 'modified',
      path: '/etc/cron.d/sysupdate',
      agent: 'db-01',
      epochMs: Date.now() - 2000,
    }),
    stand.gen.fimAlert({
      event: 'added',
      path: '/tmp/.X11-unix/.kworker',
      agent: 'build-runner',
      hashes: { sha256: bad[1].sha256, md5: bad[1].md5, sha1: bad[1].sha1 },
      epochMs: Date.now(),
    }),
  ]);
  await expect(table.getByRole('row').filter({ hasText: '.kworker' }).getByText('malicious')).toBeVisible();
  await app.evaluate(() => document.fonts.ready);
  await shot(app, 'live.png');
  await app.emulateMedia({ colorScheme: 'dark' });
  await shot(app, 'live-dark.png');
  await app.emulateMedia({ colorScheme: 'light' });

  // the file page of a malicious file, with a second answer in its history
  await table.getByRole('row').filter({ hasText: '.kworker' }).getByText('.kworker').click();
  await expect(app.getByRole('table', { name: 'Engines' })).toBeVisible();
  await app.getByRole('button', { name: 'Refresh report' }).click();
  await expect(app.getByRole('table', { name: 'History of answers' }).getByRole('row')).toHaveCount(3);
  await shot(app, 'file.png', 1900);

  // look up: a pasted list with a bad entry, answers below
  await app.getByRole('link', { name: 'Look up' }).click();
  const pasted = [files[0].sha256, files[5].sha256, 'not-a-hash', hashes[3], '44d88612fea8a8f36de82e1278abb02'];
  await app.getByRole('textbox', { name: 'Hashes to look up' }).fill(pasted.join('\n'));
  await app.getByRole('button', { name: /Look up/ }).click();
  await expect(app.getByText(/3 hashes queued first, 2 refused/)).toBeVisible();
  await expect(app.getByRole('table', { name: 'Look-up results' }).getByText('malicious')).toBeVisible();
  await app.getByRole('textbox', { name: 'Hashes to look up' }).fill('d41d8cd98f00b204e9800998ecf8427e, xyz123');
  await shot(app, 'lookup.png');

  // history: detections per day, top agents, every answer
  await app.getByRole('link', { name: 'History' }).click();
  await expect(app.getByRole('table', { name: 'History' })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Agents with the most malicious files' })).toBeVisible();
  await shot(app, 'history.png');

  // settings
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('status', { name: 'API key status' })).toContainText('A key is set');
  await shot(app, 'settings.png', 2300);

  // the status bar with a source that waits, and the diagnostics panel with parse errors
  await stand.api('/api/sources', {
    method: 'POST',
    body: { path: '/var/ossec/logs/alerts/alerts.json', fromEnd: false },
  });
  stand.append(['{"timestamp":"2024-04-05T12:00:00.000+0000","rule":{"level":7,', 'not json at all']);
  await app.getByRole('link', { name: 'Live' }).click();
  await expect(app.getByRole('status', { name: 'Alert sources' })).toContainText('waiting for');
  await app.getByRole('button', { name: /Diagnostics/ }).click();
  await expect(app.getByRole('table', { name: 'Recent parse errors' })).toBeVisible();
  await shot(app, 'status-diagnostics.png');
});
