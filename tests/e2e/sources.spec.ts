// Settings → Alert sources through the UI: a manager's logs/alerts folder is added, one of its dated files is
// backfilled with the progress on screen, and the source is removed; the status bar follows each step.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

test('a folder source is added, a past day backfilled, and the source removed', async ({ app, stand }) => {
  const root = path.join(stand.dir, 'manager', 'logs', 'alerts');
  const past = new Date();
  past.setDate(past.getDate() - 2);
  // Wazuh's dated file of that day (<YYYY>/<Mon>/ossec-alerts-<DD>.json), and today's alerts.json
  const dated = path.join(root, String(past.getFullYear()), MONTHS[past.getMonth()]);
  fs.mkdirSync(dated, { recursive: true });
  const alerts = (n: number) =>
    Array.from({ length: n }, () => `${stand.gen.fimAlert({ event: 'added', epochMs: past.getTime() })}\n`).join('');
  fs.writeFileSync(path.join(dated, `ossec-alerts-${pad(past.getDate())}.json`), alerts(3));
  fs.writeFileSync(path.join(root, 'alerts.json'), alerts(1));

  const chips = app.getByRole('status', { name: 'Alert sources' }).locator('.status-chip');
  await expect(chips).toHaveCount(1);
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('textbox', { name: 'Source path' }).fill(root);
  await app.getByRole('button', { name: 'Add source' }).click();

  const source = app.locator('li.source').filter({ hasText: root });
  await expect(source.locator('.source__state')).toHaveText('following');
  await expect(app.getByRole('textbox', { name: 'Source path' })).toHaveValue('');
  await expect(chips).toHaveCount(2);

  const backfill = app.getByRole('form', { name: `Backfill ${root}` });
  await backfill.getByLabel('Backfill from').fill(isoDay(past));
  await backfill.getByRole('button', { name: 'Backfill' }).click();
  const progress = source.locator('.backfill-job');
  await expect(progress).toContainText(/^done · /);
  await expect(progress).toContainText('3 FIM events');

  await source.getByRole('button', { name: `Remove source ${root}` }).click();
  await source.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(source).toHaveCount(0);
  await expect(chips).toHaveCount(1);
});
