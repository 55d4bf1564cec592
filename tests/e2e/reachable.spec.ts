// Every row of the Live table is reachable, however many: two million alerts make the table ~72 million px tall,
// over twice Chromium's cap on an element's height (33,554,432 px), where the End key used to stop near row
// 932,000. End shows the oldest alert, Home the newest, the wheel moves a few rows, and a jump to a date or to a
// Wazuh alert id brings that row to the middle with the keyboard on it. The engine is real; the alerts are made by
// arithmetic (tests/helpers/manyAlertsServer.ts), so that the test needs no gigabytes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startHeadless } from '../helpers/headlessProcess';
import { manyAlertRows, type ManyAlerts } from '../helpers/manyAlertRows';

const ROWS = 2_000_000;
const CHROMIUM_CAP = 33_554_432;

const test = base.extend<{ table: { page: Page; alerts: ManyAlerts } }>({
  table: async ({ page }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-e2e-reach-'));
    const newest = Date.UTC(2026, 11, 4, 12);
    const alerts = manyAlertRows(ROWS, newest);
    const server = await startHeadless(
      ['--data-dir', path.join(dir, 'data'), '--rows', String(ROWS), '--newest', String(newest)],
      {},
      'tests/helpers/manyAlertsServer.ts',
    );
    try {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}?token=${server.token}`);
      await use({ page, alerts });
      expect(errors, 'no uncaught error in the page').toEqual([]);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
});

const rowOf = (page: Page, alertId: string) =>
  page.getByRole('table', { name: 'FIM alerts' }).locator(`tbody tr[data-alert-id="${alertId}"]`);

/** The index of the topmost row whose middle is below the header, read from the page. */
async function topRowIndex(page: Page): Promise<number> {
  return await page.evaluate(() => {
    const scroller = document.querySelector('.alerts-scroller')!;
    const head = scroller.querySelector('thead')!.getBoundingClientRect().bottom;
    for (const tr of scroller.querySelectorAll<HTMLElement>('tbody tr[data-index]')) {
      const box = tr.getBoundingClientRect();
      if (box.top + box.height / 2 > head) return Number(tr.dataset.index);
    }
    return -1;
  });
}

test('End shows the oldest of two million alerts; Home, the wheel and the jumps reach any row', async ({ table }) => {
  const { page, alerts } = table;
  const newest = alerts.at(0);
  const oldest = alerts.at(ROWS - 1);
  await expect(rowOf(page, newest.alertId)).toBeVisible();
  await expect(page.getByText('2,000,000 alerts')).toBeVisible();

  // the table is far taller than Chromium lets an element be; its scroller stays under the cap
  const scrollHeight = await page.locator('.alerts-scroller').evaluate((el) => el.scrollHeight);
  expect(ROWS * 36).toBeGreaterThan(2 * CHROMIUM_CAP);
  expect(scrollHeight).toBeLessThan(CHROMIUM_CAP);

  await rowOf(page, newest.alertId).focus();
  await page.keyboard.press('End');
  const last = rowOf(page, oldest.alertId);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport({ ratio: 1 });
  await expect(last).toContainText(`file-${oldest.id}.bin`);
  await page.keyboard.press('ArrowUp');
  await expect(rowOf(page, alerts.at(ROWS - 2).alertId)).toBeFocused();

  await page.keyboard.press('Home');
  await expect(rowOf(page, newest.alertId)).toBeFocused();
  await expect(rowOf(page, newest.alertId)).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('PageDown');
  const paged = await page.evaluate(() => Number((document.activeElement as HTMLElement).dataset.index));
  expect(paged).toBeGreaterThan(5);
  expect(paged).toBeLessThan(40);

  // a jump to a day and a time: the newest alert at or before it, in the middle, with the keyboard
  const jump = page.getByRole('textbox', { name: 'Jump to' });
  const target = alerts.at(1_500_000);
  const local = new Date(target.epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
  await jump.fill(when);
  await jump.press('Enter');
  await expect(rowOf(page, target.alertId)).toBeFocused();
  await expect(rowOf(page, target.alertId)).toBeInViewport({ ratio: 1 });

  // the wheel moves the rows by its own pixels, even 40 times deeper than one screen of the scrollbar
  const before = await topRowIndex(page);
  await page.locator('.alerts-scroller').hover();
  await page.mouse.wheel(0, 360);
  await expect.poll(() => topRowIndex(page)).toBe(before + 10);

  // a jump to a Wazuh alert id
  const byId = alerts.at(1_234_567);
  await jump.fill(byId.alertId);
  await page.getByRole('button', { name: 'Go' }).click();
  await expect(rowOf(page, byId.alertId)).toBeFocused();
  await expect(rowOf(page, byId.alertId)).toBeInViewport({ ratio: 1 });

  // what no row is: said in words, nothing moves
  await jump.fill('2001-01-01');
  await jump.press('Enter');
  await expect(page.getByRole('alert')).toContainText('no alert at or before');
  await jump.fill('next tuesday');
  await jump.press('Enter');
  await expect(page.getByRole('alert')).toContainText('type an alert id');
  await expect(rowOf(page, byId.alertId)).toBeInViewport();
});
