// The first page of alerts is the first thing the app asks for: it is asked as the app's code starts, before React
// draws anything, so the Live table's rows are on their way while the shell renders (the other first reads,
// settings, agents, info and stats, come after it). A server answers requests in the order they come.
import { expect, test } from './fixtures';

test('the first request the app makes is the first page of alerts', async ({ page, stand }) => {
  stand.append([stand.gen.fimAlert({ event: 'added', path: '/srv/first/page.bin' })]);
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) asked.push(`${url.pathname}${url.search}`);
  });
  await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
  await expect(page.getByRole('table', { name: 'FIM alerts' }).getByText('/srv/first/page.bin')).toBeVisible();
  expect(asked[0]).toMatch(/^\/api\/alerts\?(?=.*limit=\d+)(?=.*offset=0)/);
  expect(asked.length).toBeGreaterThan(1);
});
