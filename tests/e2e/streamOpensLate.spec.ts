// What happens before the event stream is open is not lost: a page whose first reads come back before its
// /api/events stream opens (a slow start, a loaded machine) shows the verdicts stored meanwhile, not "pending" for ever.
import { expect, maliciousFile, sha, test } from './fixtures';

const evil = sha('stream-opens-late');
test.use({ standOptions: { files: [maliciousFile(evil, 7, 70)] } });

test('a verdict stored before the event stream opened is shown', async ({ page, stand }) => {
  // hold the event stream back until the alert is stored and answered
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/events', async (route) => {
    await released;
    await route.continue();
  });
  stand.append([stand.gen.fimAlert({ event: 'added', path: '/srv/late/linked.bin', hashes: { sha256: evil } })]);
  await expect
    .poll(async () => (await stand.api<{ lookups: number; queue: number }>('/api/stats')).queue, { timeout: 20_000 })
    .toBe(0);
  // the page reads its first pages now: the row is there, with its verdict already stored
  await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
  const row = page.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'linked.bin' });
  await expect(row).toBeVisible();
  await expect(row.getByText('7/70')).toBeVisible();
  release();
});

test('a verdict that comes while the event stream is not open yet is shown once it opens', async ({ page, stand }) => {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/events', async (route) => {
    await released;
    await route.continue();
  });
  // the emulator answers slowly: the row is read as pending, the answer comes before the stream opens
  stand.emulator.setMode({ slowMs: 4000 });
  stand.append([stand.gen.fimAlert({ event: 'added', path: '/srv/late/second.bin', hashes: { sha256: evil } })]);
  await expect
    .poll(async () => (await stand.api<{ fimEvents: number; inFlight: number }>('/api/stats')).inFlight, {
      timeout: 20_000,
    })
    .toBe(1);
  // the page reads its first page while the answer is on its way: the row is pending; the stream is still held
  await page.goto(`${stand.url}?token=${encodeURIComponent(stand.token)}`);
  const row = page.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'second.bin' });
  await expect(row.getByText('pending')).toBeVisible();
  await expect
    .poll(async () => (await stand.api<{ queue: number; inFlight: number }>('/api/stats')).queue, { timeout: 20_000 })
    .toBe(0);
  release();
  await expect(row.getByText('7/70')).toBeVisible();
});
