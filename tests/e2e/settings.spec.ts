// Settings: the API key is write-only; the form validates with the shared schema and shows errors by the field.
import { GOOD_KEY, expect, test } from './fixtures';

test.describe('without a key in the environment', () => {
  test.use({ standOptions: { envKey: null } });

  test('saving a key never shows it again', async ({ app }) => {
    await expect(app.getByRole('status', { name: 'VirusTotal status' })).toContainText('no key');
    await expect(app.getByText('Add your VirusTotal API key in Settings')).toBeVisible();
    await app
      .getByRole('status', { name: 'VirusTotal status' })
      .getByRole('link', { name: 'Add a key in Settings' })
      .click();

    const field = app.getByRole('textbox', { name: 'VirusTotal API key' });
    await expect(app.getByRole('status', { name: 'API key status' })).toHaveText('No key');
    await field.fill(GOOD_KEY);
    await app.getByRole('button', { name: 'Test key' }).click();
    await expect(app.getByRole('status', { name: 'Key test result' })).not.toBeEmpty();
    await app.getByRole('button', { name: 'Save settings' }).click();

    await expect(app.getByText('Saved. In effect now.')).toBeVisible();
    await expect(field).toHaveValue('');
    await expect(app.getByRole('status', { name: 'API key status' })).toHaveText('A key is set (stored)');
    await expect(app.getByRole('status', { name: 'VirusTotal status' })).toContainText('VirusTotal: ok');

    await app.reload();
    await expect(app.getByRole('status', { name: 'API key status' })).toHaveText('A key is set (stored)');
    await expect(app.getByRole('textbox', { name: 'VirusTotal API key' })).toHaveValue('');
    expect(await app.content()).not.toContain(GOOD_KEY);
  });
});

test('a bad value is refused next to its field, and nothing is saved', async ({ app, stand }) => {
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  // the test server runs with --vt-url: the page says the flag wins over the saved value
  await expect(app.getByRole('note')).toContainText('the VirusTotal base URL (--vt-url)');
  await app.getByRole('textbox', { name: 'File extensions' }).fill('.exe\nnot an extension');
  await app.getByRole('textbox', { name: 'Requests per minute' }).fill('zero');
  await app.getByRole('button', { name: 'Save settings' }).click();

  await expect(app.getByText('“not an extension”: an extension is like .exe')).toBeVisible();
  await expect(app.getByRole('textbox', { name: 'File extensions' })).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByRole('textbox', { name: 'Requests per minute' })).toHaveAttribute('aria-invalid', 'true');
  const saved = await stand.api<{ filters: { extensions: string[] } }>('/api/settings');
  expect(saved.filters.extensions).toEqual([]);

  // the public plan fills VirusTotal's numbers
  await app.getByRole('radio', { name: /Public/ }).check();
  await expect(app.getByRole('textbox', { name: 'Requests per minute' })).toHaveValue('4');
  await expect(app.getByRole('textbox', { name: 'Requests per day' })).toHaveValue('500');
  await expect(app.getByRole('textbox', { name: 'Requests per month' })).toHaveValue('15500');
});

test('patterns over their bounds are refused next to their field, with the bound', async ({ app, stand }) => {
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  const include = app.getByRole('textbox', { name: 'Paths to include' });
  await include.fill(Array.from({ length: 51 }, (_, i) => `/srv/p${i}/**`).join('\n'));
  await app.getByRole('textbox', { name: 'Location pattern' }).fill('x'.repeat(513));
  await app.getByRole('button', { name: 'Save settings' }).click();

  await expect(app.getByText('at most 50 patterns')).toBeVisible();
  await expect(app.getByText('the location pattern has at most 512 characters')).toBeVisible();
  await expect(include).toHaveAttribute('aria-invalid', 'true');
  const saved = await stand.api<{ filters: { pathInclude: string[]; location: string } }>('/api/settings');
  expect(saved.filters.pathInclude).toEqual([]);
  expect(saved.filters.location).toBe('');
});
