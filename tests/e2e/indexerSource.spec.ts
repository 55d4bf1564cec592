// Settings → Sources → "Connect to a Wazuh indexer" through the UI, against the project's test indexer over HTTPS
// with its test CA: "Test connection" answers in words (a wrong trust first: why the certificate is not trusted),
// the source is added, its alerts appear in the Live view, and new ones arrive live.
import { startIndexerServer, TLS_FILES, type IndexerServer } from '../emulator/indexer/indexerServer';
import { feedCorpus5, generateEvents5Corpus } from '../generators/wazuhEvents5';
import { fimStates5 } from '../generators/wazuhStates5';
import { expect, test } from './fixtures';

let ix: IndexerServer;
test.beforeEach(async () => {
  ix = await startIndexerServer({ preset: 'wazuh-4.x' });
});
test.afterEach(async () => {
  await ix.close();
});

test('an indexer source is tested, added, and its alerts arrive live', async ({ app, stand }) => {
  const alert = (p: string) =>
    JSON.parse(stand.gen.fimAlert({ event: 'added', path: p, agent: 'web-01', epochMs: Date.now() - 60_000 }));
  ix.addAlerts([alert('/var/www/html/ix-first.php'), alert('/var/www/html/ix-second.php')]);

  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  const form = app.getByRole('form', { name: 'Add a Wazuh indexer' });
  await form.getByRole('textbox', { name: 'Indexer URL' }).fill(ix.url);
  await form.getByRole('textbox', { name: 'User' }).fill('fim-reader');
  await form.getByLabel('Password').fill('fim-reader-password');

  // the system store does not know the test CA: the answer says why
  await form.getByRole('radio', { name: /system's certificate store/ }).check();
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status')).toContainText('certificate not trusted');
  await expect(form.getByRole('status')).toContainText('unknown certificate authority');

  // "accept any certificate" is shown as insecure where it is chosen
  await form.getByRole('radio', { name: /accept any certificate/ }).check();
  await expect(form.getByText(/insecure: any certificate is accepted/)).toBeVisible();

  await form.getByRole('radio', { name: /through a CA file/ }).check();
  await form.getByRole('textbox', { name: 'CA file' }).fill(TLS_FILES.rootCa);
  await form.getByRole('button', { name: 'Test connection' }).click();
  const answer = form.getByRole('status');
  await expect(answer).toContainText('Connected: Wazuh 4, 2 FIM events in the last 24 hours.');
  await expect(answer).toContainText(`Certificate: trusted (CA file ${TLS_FILES.rootCa})`);
  await expect(answer).toContainText('Credentials: accepted (user fim-reader');

  await form.getByRole('textbox', { name: 'Poll every (seconds)' }).fill('2');
  await form.getByRole('button', { name: 'Add indexer source' }).click();
  const source = app.locator('li.source').filter({ hasText: ix.url });
  await expect(source.locator('.tag').first()).toHaveText('indexer');
  await expect(source.locator('.source__state')).toHaveText('following');
  await expect(source).toContainText('Wazuh 4');
  await expect(source).toContainText('2 FIM events');
  await expect(source).toContainText('last event');
  await expect(form.getByLabel('Password')).toHaveValue('');

  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Live' }).click();
  const table = app.getByRole('table', { name: 'FIM alerts' });
  await expect(table.getByRole('row').filter({ hasText: 'ix-first.php' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'ix-second.php' })).toBeVisible();
  // a new alert in the indexer appears without a reload (the next poll)
  ix.addAlerts([
    JSON.parse(
      stand.gen.fimAlert({ event: 'modified', path: '/usr/local/bin/ix-live', agent: 'db-01', epochMs: Date.now() }),
    ),
  ]);
  await expect(table.getByRole('row').filter({ hasText: 'ix-live' })).toBeVisible();
});

test('a Wazuh 5 source sweeps the FIM inventory, with its progress on screen', async ({ app, stand }) => {
  const ix5 = await startIndexerServer({ preset: 'wazuh-5.x' });
  try {
    const corpus = generateEvents5Corpus({ seed: 61, count: 40, startEpochMs: Date.now() - 3_600_000 });
    feedCorpus5(ix5, corpus);
    const states = fimStates5(corpus.fleet);
    ix5.upsertFimStates(states.docs);
    await stand.api('/api/sources/indexer', {
      method: 'POST',
      body: {
        urls: [ix5.url],
        username: 'fim-reader',
        password: 'fim-reader-password',
        trust: { kind: 'ca-file', path: TLS_FILES.rootCa },
      },
    });
    await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
    const source = app.locator('li.source').filter({ hasText: ix5.url });
    await expect(source.locator('.source__state')).toHaveText('following');
    await expect(source).toContainText('Wazuh 5');
    await source.getByRole('button', { name: 'Sweep the FIM inventory' }).click();
    const progress = source.locator('.sweep-job');
    await expect(progress).toContainText(/^done · /);
    await expect(progress).toContainText(`${states.docs.length} of ${states.docs.length} files`);
    await expect(progress).toContainText(`${states.uniqueSha256} unique hashes`);
  } finally {
    await ix5.close();
  }
});
