// Look up: bad hashes are named with the reason; good ones jump the queue and their answer appears live.
import { expect, maliciousFile, sha, test } from './fixtures';

const known = sha('e2e-lookup');

test.use({ standOptions: { files: [maliciousFile(known, 12, 70)] } });

test('a bad hash is refused with a message naming it, a good one is looked up', async ({ app }) => {
  await app.getByRole('link', { name: 'Look up' }).click();
  const box = app.getByRole('textbox', { name: 'Hashes to look up' });
  await box.fill(`nothexzz\n${known}\n12345`);

  // instant feedback, before anything is sent
  await expect(app.getByText('1 hash ready · 2 not a hash')).toBeVisible();
  await expect(app.getByText(/nothexzz.*not hexadecimal/)).toBeVisible();
  await expect(app.getByText(/12345.*5 hex digits/)).toBeVisible();

  await app.getByRole('button', { name: 'Look up' }).click();
  await expect(app.getByText(/1 hash queued first, 2 refused/)).toBeVisible();
  const results = app.getByRole('table', { name: 'Look-up results' });
  const row = results
    .getByRole('row')
    .filter({ has: app.locator(`[data-hash="${known}"]`) })
    .or(results.locator(`tr[data-hash="${known}"]`));
  await expect(row).toBeVisible();
  await expect(row.getByText('12/70')).toBeVisible();
  await expect(row.getByRole('link', { name: /on VirusTotal$/ })).toHaveAttribute(
    'href',
    `https://www.virustotal.com/gui/file/${known}`,
  );
});

test('a paste with many bad values names the first ones and counts the rest', async ({ app }) => {
  await app.getByRole('link', { name: 'Look up' }).click();
  const box = app.getByRole('textbox', { name: 'Hashes to look up' });
  const bad = Array.from({ length: 150 }, (_, i) => `bad-value-${i}`);
  await box.fill([known, ...bad].join('\n'));
  await expect(app.getByText('1 hash ready · 150 not a hash')).toBeVisible();
  await expect(app.getByText('and 130 more rejected')).toBeVisible(); // 20 named
  await app.getByRole('button', { name: 'Look up' }).click();
  await expect(app.getByText(/1 hash queued first, 150 refused/)).toBeVisible();
  // the server names the first 100 only, and says how many there were in all
  await expect(app.getByRole('status').getByText('and 130 more rejected')).toBeVisible();
});

test('a local file is hashed here and only its SHA-256 is looked up', async ({ app }) => {
  await app.getByRole('link', { name: 'Look up' }).click();
  await expect(app.getByText('The file never leaves this computer;')).toBeVisible();
  await app.getByLabel('Choose a local file to hash').setInputFiles({
    name: 'hello.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello world\n'),
  });
  // sha256("hello world\n")
  const digest = 'a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447';
  await expect(app.getByText(digest)).toBeVisible();
  await expect(app.getByRole('table', { name: 'Look-up results' }).locator(`tr[data-hash="${digest}"]`)).toContainText(
    'hello.txt',
  );
});
