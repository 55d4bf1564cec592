// The status bar: a missing source, a wrong key, and the diagnostics panel with parse errors.
import path from 'node:path';
import { expect, test } from './fixtures';

test('opened without the token, the page says how to get in', async ({ browser, stand }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(stand.url);
  await expect(page.getByRole('heading', { name: 'FIM Verdict needs its address with the token' })).toBeVisible();
  await context.close();
});

test.describe('a source that does not exist yet', () => {
  const missing = path.join('/tmp', `fimv-e2e-missing-${process.pid}`, 'alerts.json');
  test.use({ standOptions: { alertsPath: missing } });

  test('the status bar says it waits for it', async ({ app }) => {
    await expect(app.getByRole('status', { name: 'Alert sources' })).toContainText(`waiting for ${missing}`);
  });
});

test.describe('a wrong key', () => {
  test.use({ standOptions: { envKey: 'b'.repeat(64) } });

  test('the status bar says Check credentials', async ({ app, stand }) => {
    stand.append([stand.gen.fimAlert({ event: 'added', path: '/tmp/needs-a-lookup', epochMs: Date.now() })]);
    const vt = app.getByRole('status', { name: 'VirusTotal status' });
    await expect(vt).toContainText('Check credentials');
    await expect(vt.getByRole('link', { name: 'Settings' })).toBeVisible();
  });
});

test('the diagnostics panel lists parse errors with source, offset and reason', async ({ app, stand }) => {
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/tmp/fine', epochMs: Date.now() }),
    // a broken alert: its excerpt is shown; a line that is no alert at all: only its length (ingest/excerpts.ts)
    '{"rule":{"level":5},"agent":{"id":"001"},"id":"1700000000.1","this is": not json',
    '{"secret": not json',
  ]);
  await expect(app.getByRole('table', { name: 'FIM alerts' }).getByText('/tmp/')).toBeVisible();
  await app.getByRole('button', { name: /Diagnostics/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Diagnostics' });
  await expect(dialog).toBeVisible();
  const errors = dialog.getByRole('table', { name: 'Recent parse errors' });
  await expect(errors).toContainText(stand.alertsPath);
  await expect(errors).toContainText('not json');
  await expect(errors).toContainText('(withheld: 19 bytes that do not look like a Wazuh alert');
  await expect(errors).not.toContainText('secret');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
