// The headless mode as `npm run build` bundles it (out/main/headless.js), the way `npm start` runs it where there
// is no display: Node runs it without compiling anything. It serves the same app, says its own version, follows an
// alerts file, and loads the official OpenSearch client when an indexer is first asked (the client is loaded on
// first use, from the bundle's own place: a wrong path there would only show at that moment).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startIndexerServer, TLS_FILES } from '../emulator/indexer/indexerServer';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { HEADLESS_BUNDLE, REPO_ROOT, startHeadless, type HeadlessProcess } from '../helpers/headlessProcess';

let dir: string;
let server: HeadlessProcess | null = null;

test.beforeEach(() => {
  expect(fs.existsSync(path.join(REPO_ROOT, HEADLESS_BUNDLE)), `${HEADLESS_BUNDLE} is missing: npm run build`).toBe(
    true,
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-e2e-bundle-'));
});
test.afterEach(async () => {
  await server?.stop();
  server = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the bundled headless mode serves the app, follows alerts and reaches an indexer', async ({ page }) => {
  const gen = new WazuhAlertGenerator({ seed: 5 });
  const alerts = path.join(dir, 'alerts.json');
  const line = gen.fimAlert({ event: 'added', path: '/var/www/html/bundled.php', agent: 'web-01' });
  fs.writeFileSync(alerts, `${line}\n`);
  server = await startHeadless(['--data-dir', path.join(dir, 'data'), '--alerts', alerts], {}, HEADLESS_BUNDLE);

  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  expect((await server.api<{ version: string }>('/api/info')).version).toBe(pkg.version);

  await page.goto(`${server.url}?token=${server.token}`);
  const table = page.getByRole('table', { name: 'FIM alerts' });
  await expect(table.locator('tbody tr', { hasText: '/var/www/html/bundled.php' })).toBeVisible();

  const ix = await startIndexerServer({ preset: 'wazuh-4.x' });
  try {
    ix.addAlerts([JSON.parse(gen.fimAlert({ event: 'added', path: '/var/www/html/ix.php', agent: 'web-01' }))]);
    const result = await server.api<{ ok: boolean; summary: string }>('/api/sources/indexer/test', {
      method: 'POST',
      body: {
        urls: [ix.url],
        username: 'fim-reader',
        password: 'fim-reader-password',
        trust: { kind: 'ca-file', path: TLS_FILES.rootCa },
      },
    });
    expect(result.ok, result.summary).toBe(true);
  } finally {
    await ix.close();
  }
});
