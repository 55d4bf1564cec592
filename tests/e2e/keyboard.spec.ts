// Keyboard: `/` focuses search, arrows move through rows, Enter opens the file, Esc goes back to the same row.
import { expect, test } from './fixtures';

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
