// Small windows, down to 400 px wide: the verdict and the path of a row stay on screen (columns give way by
// priority), the page never scrolls sideways, rows show at the desktop window's minimum (800x500), and the
// status bar's parts do not overlap.
import type { Page } from '@playwright/test';
import { expect, maliciousFile, sha, test } from './fixtures';

const evil = sha('small-windows');
test.use({ standOptions: { files: [maliciousFile(evil, 9, 71)] } });

const SIZES = [
  { width: 800, height: 500 },
  { width: 1024, height: 700 },
  { width: 700, height: 700 },
  { width: 420, height: 800 },
  { width: 400, height: 700 },
];

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
  }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(clientWidth);
}

/** The status bar's groups lie side by side, none over another. */
async function statusBarUncrowded(page: Page): Promise<void> {
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('footer.statusbar > *')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => ({ left: r.left, right: r.right })),
  );
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].left).toBeGreaterThanOrEqual(boxes[i - 1].right - 0.5);
}

test('Live, the file page and History keep the verdict and the path on screen at every size', async ({
  app,
  stand,
}) => {
  test.setTimeout(120_000);
  const lines = [];
  for (let i = 0; i < 12; i++)
    lines.push(
      stand.gen.fimAlert({
        event: 'modified',
        path: `/var/www/html/wp-content/uploads/2024/05/a-rather-long-folder-name/page-${i}.php`,
        agent: 'web-frontend-01',
        epochMs: Date.now() - 60_000 + i * 1000,
      }),
    );
  const path = '/var/www/html/wp-content/uploads/2024/05/a-rather-long-folder-name/cache.php';
  lines.push(
    stand.gen.fimAlert({
      event: 'added',
      path,
      agent: 'web-frontend-01',
      hashes: { sha256: evil },
      epochMs: Date.now(),
    }),
  );
  stand.append(lines);
  const table = app.getByRole('table', { name: 'FIM alerts' });
  await expect(table.getByText('9/71')).toBeVisible();

  for (const size of SIZES) {
    await test.step(`${size.width}x${size.height}`, async () => {
      await app.setViewportSize(size);
      await app.goto(`${stand.url}#/live`);
      const row = table.locator('tbody tr[data-alert-id]').first();
      await expect(row.locator('.col-verdict')).toContainText('9/71malicious');
      await expect(row.locator('.col-verdict .badge')).toBeInViewport({ ratio: 0.95 });
      // the file name of the path is whole on screen
      await expect(row.locator('.col-path .path__name')).toHaveText('cache.php');
      await expect(row.locator('.col-path .path__name')).toBeInViewport({ ratio: 0.95 });
      // the VirusTotal link is whole ("VirusTotal", or its arrow where the column is narrow)
      await expect(row.getByRole('link', { name: /on VirusTotal$/ })).toBeInViewport({ ratio: 0.95 });
      // rows show, even in the desktop window's smallest size
      await expect(table.locator('tbody tr[data-alert-id]').nth(3)).toBeInViewport({ ratio: 0.9 });
      await noSidewaysScroll(app);
      await statusBarUncrowded(app);

      await row.click();
      await expect(app.getByRole('heading', { level: 1, name: 'dropper.elf' })).toBeVisible();
      await expect(app.locator('.file__verdict .badge')).toBeInViewport({ ratio: 0.95 });
      const alerts = app.getByRole('table', { name: 'Alerts of this file' });
      await alerts.scrollIntoViewIfNeeded();
      await expect(alerts.locator('.path__name')).toHaveText('cache.php');
      await expect(alerts.locator('.path__name')).toBeInViewport({ ratio: 0.95 });
      await noSidewaysScroll(app);

      await app.getByRole('link', { name: 'History' }).click();
      const history = app.getByRole('table', { name: 'History' });
      const answer = history.getByRole('row').filter({ hasText: 'cache.php' });
      await answer.scrollIntoViewIfNeeded();
      await expect(answer.locator('.badge')).toBeInViewport({ ratio: 0.95 });
      await expect(answer.locator('.path__name')).toBeInViewport({ ratio: 0.95 });
      await noSidewaysScroll(app);
    });
  }
});

test('Look up and Settings at 400 px: no sideways scroll, the result’s verdict on screen', async ({ app }) => {
  await app.setViewportSize({ width: 400, height: 800 });
  await app.getByRole('link', { name: 'Look up' }).click();
  await app.getByRole('textbox', { name: 'Hashes to look up' }).fill(evil);
  await app.getByRole('button', { name: 'Look up' }).click();
  const result = app.getByRole('table', { name: 'Look-up results' }).getByRole('row').nth(1);
  await expect(result).toContainText('9/71malicious');
  await result.scrollIntoViewIfNeeded();
  await expect(result.locator('.badge')).toBeInViewport({ ratio: 0.95 });
  await noSidewaysScroll(app);
  await statusBarUncrowded(app);
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await noSidewaysScroll(app);
});
