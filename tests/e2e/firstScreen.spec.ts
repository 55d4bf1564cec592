// The Live view's first screen, drawn by the headless server into the page (electron/headless/firstScreen.ts), is
// the app's first frame: the same cells, with the same words, in the same places, so that nothing moves when the
// app takes over. Held here by freezing each in turn: the server's (the app's script refused) and the app's first
// frame (its stats held back, as they come after the first page). Also: an alert's text stays text, another view's
// address shows no Live rows, the app starts from it under the page's CSP.
import type { Page } from '@playwright/test';
import { expect, maliciousFile, test } from './fixtures';

const EVIL = 'e'.repeat(64);
const APP_SCRIPT = /\/assets\/index-[^/]+\.js$/;

test.use({ standOptions: { files: [maliciousFile(EVIL, 7, 70)] } });

interface Cell {
  text: string;
  box: { x: number; y: number; width: number; height: number };
}

/** The rows in view: each cell's text and box (rounded to the pixel). */
async function rowsInView(page: Page): Promise<Cell[][]> {
  return await page.evaluate(() => {
    const scroller = document.querySelector('.alerts-scroller')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLTableRowElement>('.alerts tbody tr[data-id]')]
      .filter((tr) => tr.getBoundingClientRect().top < scroller.bottom)
      .map((tr) =>
        [...tr.cells].map((td) => {
          const b = td.getBoundingClientRect();
          return {
            text: td.textContent ?? '',
            box: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
          };
        }),
      );
  });
}

test('the server’s first screen is the app’s first frame: same cells, same words, same places', async ({
  page,
  stand,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  stand.append([
    stand.gen.fimAlert({ event: 'modified', path: '/etc/ssh/sshd_config', agent: 'web-01' }),
    stand.gen.fimAlert({ event: 'added', path: '/tmp/\u202Egpj.exe <b>bold</b>', agent: 'db-01' }),
    stand.gen.fimAlert({ event: 'added', path: '/var/www/html/shell.php', hashes: { sha256: EVIL }, agent: 'web-01' }),
  ]);
  await expect
    .poll(
      async () =>
        (await stand.api<{ items: { verdict: { state: string } }[] }>('/api/alerts?limit=3')).items[0]?.verdict.state,
    )
    .toBe('malicious');

  // the server's screen alone: the app's script never arrives
  await page.route(APP_SCRIPT, (route) => route.abort());
  await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
  await expect(page.locator('#root > .first-screen')).toBeVisible();
  const server = await rowsInView(page);
  expect(server).toHaveLength(3);
  expect(server[0][3].text).toBe('/var/www/html/shell.php');
  expect(server[0][5].text).toMatch(/7\/70\s*malicious/);
  // the override is shown as an escape, the markup as text
  expect(server[1][3].text).toBe('/tmp/\\u202Egpj.exe <b>bold</b>');
  expect(await page.locator('#root b').count()).toBe(0);
  const firstPaint = await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        new PerformanceObserver((list) =>
          resolve((list.getEntries()[0] as PerformanceEntry & { renderTime: number }).renderTime),
        ).observe({
          type: 'element',
          buffered: true,
        }),
      ),
  );
  expect(firstPaint).toBeGreaterThan(0);

  // the app's first frame: its script runs, the stats (asked after the first page) are held back
  await page.unroute(APP_SCRIPT);
  let releaseStats = () => {};
  const statsHeld = new Promise<void>((resolve) => (releaseStats = resolve));
  await page.route('**/api/stats', async (route) => {
    await statsHeld;
    await route.continue();
  });
  await page.reload();
  await expect(page.locator('#root > .first-screen')).toHaveCount(0);
  await expect(page.locator('.alerts tbody tr[data-id]').first()).toBeVisible();
  const app = await rowsInView(page);
  expect(app.map((row) => row.map((c) => c.text))).toEqual(server.map((row) => row.map((c) => c.text)));
  expect(app.map((row) => row.map((c) => c.box))).toEqual(server.map((row) => row.map((c) => c.box)));
  releaseStats();

  // and it is the app: a row opens its file
  await page.locator('.alerts tbody tr[data-id]').first().click();
  await expect(page).toHaveURL(new RegExp(`#/file/${EVIL}$`));
  expect(problems, 'no CSP violation and no uncaught error').toEqual([]);
});

test('before the app runs, a click on a server row opens its file, and the app then draws that file', async ({
  page,
  stand,
}) => {
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/var/www/html/shell.php', hashes: { sha256: EVIL }, agent: 'web-01' }),
  ]);
  await expect.poll(async () => (await stand.api<{ total: number }>('/api/alerts?limit=1')).total).toBe(1);
  // the app's script is held back until the click is done
  let releaseApp = () => {};
  const appHeld = new Promise<void>((resolve) => (releaseApp = resolve));
  await page.route(APP_SCRIPT, async (route) => {
    await appHeld;
    await route.continue();
  });
  await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
  const screen = page.locator('#root > .first-screen');
  await expect(screen).toBeVisible();
  // the path cell: no link in it, a click on the row itself
  await page.locator('#root > .first-screen tr[data-hash] .col-path').first().click();
  await expect(page).toHaveURL(new RegExp(`#/file/${EVIL}$`));
  await expect(screen).toBeHidden(); // no Live rows under a file's address
  releaseApp();
  // the file's page, with VirusTotal's name of it (the stand's answer for EVIL)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('dropper.elf');
  await expect(screen).toHaveCount(0);
});

test('under another view’s address the Live rows are not shown, and that view is drawn', async ({ page, stand }) => {
  stand.append([stand.gen.fimAlert({ event: 'added', path: '/srv/not/here.bin' })]);
  await expect.poll(async () => (await stand.api<{ total: number }>('/api/alerts?limit=1')).total).toBe(1);
  await page.route(APP_SCRIPT, (route) => route.abort());
  await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
  await expect(page.locator('#root > .first-screen')).toBeVisible();
  await page.goto('about:blank');
  await page.goto(`${stand.url}#/settings`);
  await expect(page.locator('#root > .first-screen')).toBeAttached();
  await expect(page.locator('#root > .first-screen')).toBeHidden();
  await page.unroute(APP_SCRIPT);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByText('/srv/not/here.bin')).toHaveCount(0);
});

test.describe('in a browser set to German', () => {
  test.use({ locale: 'de-DE' });

  test('the server writes times and counts as the app does (the browser’s Accept-Language)', async ({
    page,
    stand,
  }) => {
    stand.append([
      stand.gen.fimAlert({ event: 'added', path: '/srv/heute.bin', agent: 'web-01' }),
      stand.gen.fimAlert({
        event: 'added',
        path: '/srv/frueher.bin',
        agent: 'db-01',
        epochMs: Date.UTC(2025, 2, 1, 8),
      }),
    ]);
    await expect.poll(async () => (await stand.api<{ total: number }>('/api/alerts?limit=1')).total).toBe(2);
    await page.route(APP_SCRIPT, (route) => route.abort());
    await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
    await expect(page.locator('#root > .first-screen')).toBeVisible();
    const server = await rowsInView(page);
    const serverCount = await page.locator('.toolbar__count').textContent();
    await page.unroute(APP_SCRIPT);
    await page.reload();
    await expect(page.locator('#root > .first-screen')).toHaveCount(0);
    await expect(page.locator('.alerts tbody tr[data-id]').first()).toBeVisible();
    const app = await rowsInView(page);
    expect(app.map((row) => row.map((c) => c.text))).toEqual(server.map((row) => row.map((c) => c.text)));
    expect(await page.locator('.toolbar__count').textContent()).toBe(serverCount);
    expect(server[1][0].text).toMatch(/^1\. März 2025/); // German, not the server's own English
  });
});
