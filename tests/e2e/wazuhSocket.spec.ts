// The Wazuh 5 queue socket through the real headless server (--wazuh-socket): Settings in the browser shows it
// read-only with where it is set (a browser cannot choose where the app posts what it knows), the form still saves,
// and the output's status beside it follows a verdict posted to the project's test queue-http socket.
import { startWazuhQueueSocket, type QueueSocketServer } from '../emulator/wazuhQueueSocket';
import { expect, maliciousFile, sha, test as base } from './fixtures';

const evil = sha('e2e-wazuh-socket');

const test = base.extend<{ queue: QueueSocketServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern: none
  queue: async ({}, use) => {
    const queue = await startWazuhQueueSocket();
    await use(queue);
    await queue.close();
  },
  standOptions: async ({ queue }, use) => {
    await use({ files: [maliciousFile(evil, 7, 70)], extraArgs: ['--wazuh-socket', queue.socketPath] });
  },
});

test('Settings shows the queue socket read-only in the browser, with where it is set and its status', async ({
  app,
  stand,
  queue,
}) => {
  stand.append([
    stand.gen.fimAlert({
      event: 'added',
      path: '/srv/queued.bin',
      agent: 'web-02',
      hashes: { sha256: evil },
      epochMs: Date.now(),
    }),
  ]);
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'queued.bin' });
  await expect(row.getByText('7/70')).toBeVisible();

  await app.getByRole('link', { name: 'Settings' }).click();
  const socket = app.getByRole('textbox', { name: 'Wazuh 5 queue socket' });
  await expect(socket).toHaveValue(queue.socketPath);
  await expect(socket).toHaveAttribute('readonly', '');
  await expect(app.getByText(/Set with --wazuh-socket when FIM Verdict starts, or in the desktop app/)).toBeVisible();
  await expect(app.getByRole('status', { name: 'Wazuh 5 queue status' })).toContainText('all sent (1 sent, 0 waiting)');
  expect(queue.events).toHaveLength(1);
  // the form saves as it is (the same path sent back means "unchanged")
  await app.getByRole('button', { name: /^Save/ }).click();
  await expect(app.getByText(/saved/i).first()).toBeVisible();
  await expect(app.getByRole('textbox', { name: 'Wazuh 5 queue socket' })).toHaveValue(queue.socketPath);
});
