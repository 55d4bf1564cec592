// Keyboard: `/` focuses search, arrows move through rows, Enter opens the file, Esc goes back to the same row.
import { GOOD_KEY, expect, maliciousFile, sha, test } from './fixtures';

test('/ focuses search, arrows and Enter open a file, Esc goes back', async ({ app, stand }) => {
  const base = Date.now() - 10_000;
  stand.append(
    ['first', 'second', 'third'].map((name, i) =>
      stand.gen.fimAlert({ event: 'added', path: `/opt/keys/${name}.bin`, epochMs: base + i * 1000 }),
    ),
  );
  const table = app.getByRole('table', { name: 'FIM alerts' });
  await expect(table.locator('tbody tr[data-alert-id]')).toHaveCount(3);

  await app.locator('body').press('/');
  await expect(app.getByRole('searchbox', { name: 'Search paths' })).toBeFocused();

  // into the table: its first row takes the keyboard
  await table.locator('tbody tr[data-alert-id]').first().focus();
  await app.keyboard.press('ArrowDown');
  const second = table.locator('tbody tr[data-alert-id]').nth(1);
  await expect(second).toBeFocused();
  await expect(second).toContainText('second.bin');
  const hash = await second.getAttribute('data-hash');

  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/file/${hash}$`));
  await expect(app.getByRole('button', { name: /Back/ })).toBeVisible();

  await app.keyboard.press('Escape');
  await expect(app).toHaveURL(/#\/live$/);
  await expect(table.locator('tbody tr[data-alert-id]').nth(1)).toBeFocused();

  // `/` focuses the search of the view on screen; where there is none, Live's
  await app.getByRole('link', { name: 'History' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await app.locator('body').press('/');
  await expect(app.getByRole('searchbox', { name: 'Search history' })).toBeFocused();
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await app.locator('body').press('/');
  await expect(app.getByRole('searchbox', { name: 'Search paths' })).toBeFocused();
});

test.describe('a row with a verdict', () => {
  const evil = sha('keyboard-vt-link');
  test.use({ standOptions: { files: [maliciousFile(evil, 7, 70)] } });

  test('Enter puts the keyboard on the file page heading; Tab reaches the VirusTotal link of a row', async ({
    app,
    stand,
  }) => {
    stand.append([
      stand.gen.fimAlert({
        event: 'added',
        path: '/srv/keys/linked.bin',
        hashes: { sha256: evil },
        epochMs: Date.now() - 1000,
      }),
      stand.gen.fimAlert({ event: 'added', path: '/srv/keys/plain.bin', epochMs: Date.now() - 2000 }),
    ]);
    const table = app.getByRole('table', { name: 'FIM alerts' });
    const row = table.getByRole('row').filter({ hasText: 'linked.bin' });
    await expect(row.getByText('7/70')).toBeVisible();

    // from the search field, Tab goes into the table (one row takes the keyboard), arrows move to the row, then Tab
    // reaches the row's links, the VirusTotal one included
    await app.getByRole('searchbox', { name: 'Search paths' }).focus();
    const rows = table.locator('tbody tr[data-alert-id]');
    for (let i = 0; i < 12 && !(await rows.evaluateAll((all) => all.some((r) => r === document.activeElement))); i++)
      await app.keyboard.press('Tab');
    for (let i = 0; i < 2 && !(await row.evaluate((r) => r === document.activeElement)); i++)
      await app.keyboard.press('ArrowDown');
    await expect(row).toBeFocused();
    await app.keyboard.press('Tab');
    await expect(row.getByRole('link', { name: evil.slice(0, 12), exact: true })).toBeFocused();
    await app.keyboard.press('Tab');
    const vtLink = row.getByRole('link', { name: `Open ${evil.slice(0, 12)} on VirusTotal` });
    await expect(vtLink).toBeFocused();
    await expect(vtLink).toHaveAttribute('href', `https://www.virustotal.com/gui/file/${evil}`);

    // back on the row, Enter opens the file: the keyboard (and a screen reader) is on its heading
    await row.focus();
    await app.keyboard.press('Enter');
    const heading = app.getByRole('heading', { level: 1, name: 'dropper.elf' });
    await expect(heading).toBeFocused();
    // "Back" is the button's name; Esc is its shortcut
    const back = app.getByRole('button', { name: 'Back', exact: true });
    await expect(back).toHaveAttribute('aria-keyshortcuts', 'Escape');
    // (1): the one untriaged detection (issue 12), in front of every title
    await expect(app).toHaveTitle('(1) dropper.elf — FIM Verdict');
  });
});

test.describe('the stored key', () => {
  test.use({ standOptions: { envKey: null } });

  test('"Remove stored key" asks first; "Test key" says a malformed key is wrong without sending it', async ({
    app,
    stand,
  }) => {
    await stand.api('/api/settings', { method: 'PUT', body: { apiKey: GOOD_KEY } });
    await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
    const keyState = app.getByRole('status', { name: 'API key status' });
    await expect(keyState).toHaveText('A key is set (stored)');

    await app.getByRole('button', { name: 'Remove stored key' }).click();
    const ask = app.getByRole('group', { name: 'Remove the stored key?' });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'Keep' }).click();
    await expect(keyState).toHaveText('A key is set (stored)');
    await app.getByRole('button', { name: 'Remove stored key' }).click();
    await app.getByRole('group', { name: 'Remove the stored key?' }).getByRole('button', { name: 'Remove' }).click();
    await expect(keyState).toHaveText('No key');

    const before = stand.emulator.requests.length;
    await app.getByRole('textbox', { name: 'VirusTotal API key' }).fill('1234 5678');
    await app.getByRole('button', { name: 'Test key' }).click();
    await expect(app.getByRole('status', { name: 'Key test result' })).toContainText(
      'Not sent: the key has spaces or characters that cannot be in a key.',
    );
    expect(stand.emulator.requests.length).toBe(before);
  });
});
