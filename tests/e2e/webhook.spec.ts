// The outgoing webhook through the real headless server (--webhook): a new malicious file is posted to a receiver on
// 127.0.0.1, retried after a 500; Diagnostics in the browser lists the delivery and the failure before it; and the
// Settings page shows the URL read-only (a browser cannot choose where the app sends what it knows).
import { startWebhookReceiver, type WebhookReceiver } from '../emulator/webhookReceiver';
import { expect, maliciousFile, sha, test as base } from './fixtures';

const evil = sha('e2e-webhook');

const test = base.extend<{ receiver: WebhookReceiver }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern: none
  receiver: async ({}, use) => {
    const receiver = await startWebhookReceiver();
    await use(receiver);
    await receiver.close();
  },
  standOptions: async ({ receiver }, use) => {
    await use({ files: [maliciousFile(evil, 9, 71)], extraArgs: ['--webhook', `${receiver.url}/hooks/fim`] });
  },
});

test('a new malicious file reaches the webhook, after a 500, and Diagnostics says so', async ({
  app,
  stand,
  receiver,
}) => {
  receiver.fail({ kind: 'status', status: 500 });
  stand.append([
    stand.gen.fimAlert({
      event: 'added',
      path: '/tmp/.cache/hooked',
      agent: 'web-01',
      hashes: { sha256: evil },
      epochMs: Date.now(),
    }),
  ]);
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'hooked' });
  await expect(row.getByText('9/71')).toBeVisible();

  const hooks = await receiver.waitFor(2);
  expect(hooks.map((h) => h.status)).toEqual([500, 200]);
  expect(JSON.parse(hooks[1].body)).toMatchObject({
    event: 'file.malicious',
    file: { sha256: evil, path: '/tmp/.cache/hooked' },
    verdict: { state: 'malicious', malicious: 9, engines: 71 },
  });

  await app.getByRole('button', { name: /Diagnostics/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Diagnostics' });
  await expect(dialog.getByText(new RegExp(`Posting to ${receiver.url.replace(/[.:/]/g, '\\$&')}`))).toBeVisible();
  const deliveries = dialog.getByRole('table', { name: 'Webhook deliveries' });
  // the delivery may be recorded a moment after the receiver answered: Refresh until it is
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Refresh' }).click();
    await expect(deliveries.getByRole('row').filter({ hasText: evil })).toContainText('delivered', { timeout: 1000 });
  }).toPass();
  const delivery = deliveries.getByRole('row').filter({ hasText: evil });
  await expect(delivery).toContainText('HTTP 200');
  await expect(delivery).toContainText('earlier: the webhook answered HTTP 500');
  await expect(delivery.getByRole('cell').nth(4)).toHaveText('2');
});

test('Settings shows the webhook URL read-only in the browser, and says where it is set', async ({ app, receiver }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const url = app.getByRole('textbox', { name: 'Webhook URL' });
  // its origin only: a Slack URL's path is its secret, never shown to a browser
  await expect(url).toHaveValue(`${receiver.url}/…`);
  await expect(url).toHaveAttribute('readonly', '');
  await expect(app.getByText(/Set with --webhook when FIM Verdict starts, or in the desktop app/)).toBeVisible();
  expect(await app.content()).not.toContain('/hooks/fim');
  // the form saves as it is (the hidden URL sent back means "unchanged")
  await app.getByRole('radio', { name: /Slack/ }).check();
  await app.getByRole('button', { name: /^Save/ }).click();
  await expect(app.getByText(/saved/i).first()).toBeVisible();
  await app.reload();
  await expect(app.getByRole('radio', { name: /Slack/ })).toBeChecked();
  await expect(app.getByRole('textbox', { name: 'Webhook URL' })).toHaveValue(`${receiver.url}/…`);
});
