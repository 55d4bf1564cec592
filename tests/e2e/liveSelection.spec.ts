// A selection in the Live table: rows select their files (Ctrl+click, Shift+click, Space, Shift+arrows; Escape
// clears), the table stops following while something is selected, and the bulk bar acts on the files: mark them,
// allowlist them.
import { expect, maliciousFile, sha, test } from './fixtures';

const ONE = sha('live-select-one');
const TWO = sha('live-select-two');
const THREE = sha('live-select-three');

test.use({ standOptions: { files: [maliciousFile(ONE, 9), maliciousFile(TWO, 4), maliciousFile(THREE, 2)] } });

test('rows select their files; the bulk bar marks and allowlists them; Escape clears', async ({ app, stand }) => {
  const at = Date.now();
  const alert = (sha256: string, path: string, agent: string, dt: number) =>
    stand.gen.fimAlert({ event: 'modified', path, agent, hashes: { sha256 }, epochMs: at + dt });
  stand.append([
    alert(ONE, '/srv/a/one', 'web-01', 0),
    alert(TWO, '/srv/b/two', 'web-02', 1),
    alert(ONE, '/srv/c/one-again', 'db-01', 2),
    alert(THREE, '/srv/d/three', 'db-02', 3),
  ]);
  const table = app.getByRole('table', { name: 'FIM alerts' });
  const row = (text: string) => table.getByRole('row').filter({ hasText: text });
  await expect(row('/srv/d/three').locator('.col-verdict')).toContainText('malicious');
  await expect(row('/srv/a/one').locator('.col-verdict')).toContainText('malicious');

  // Ctrl+click selects the row's file: both rows of that file show it, and the page stays
  await row('/srv/a/one').click({ modifiers: ['Control'] });
  await expect(app).not.toHaveURL(/#\/file\//);
  await expect(row('/srv/a/one')).toHaveAttribute('aria-selected', 'true');
  await expect(row('/srv/c/one-again')).toHaveAttribute('aria-selected', 'true');
  await expect(row('/srv/b/two')).toHaveAttribute('aria-selected', 'false');
  const bulk = app.getByRole('region', { name: 'Selected files' });
  await expect(bulk).toContainText('1 file selected');
  // the bar has its own styles here, the Files view not opened yet: its actions keep apart
  await expect(bulk.locator('.bulk-bar__actions')).toHaveCSS('gap', '8px');

  // Shift+click extends from it to the row clicked (rows in between bring their files)
  await row('/srv/d/three').click({ modifiers: ['Shift'] });
  await expect(bulk).toContainText('3 files selected');

  // while something is selected, new alerts wait above the table (the rows stay where they were selected)
  stand.append([alert(sha('live-select-new'), '/srv/e/new', 'web-01', 10)]);
  await expect(app.getByRole('button', { name: /1 new alert/ })).toBeVisible();
  await expect(row('/srv/e/new')).toHaveCount(0);

  // the keyboard: Space toggles the row with the keyboard's file out again
  await row('/srv/d/three').focus();
  await app.keyboard.press('Space');
  await expect(bulk).toContainText('2 files selected');
  await expect(row('/srv/d/three')).toHaveAttribute('aria-selected', 'false');

  // mark the two files at once
  await bulk.getByLabel('Your name').fill('carol');
  await bulk.getByRole('combobox', { name: 'Triage', exact: true }).selectOption('escalated');
  await bulk.getByLabel('Note').fill('seen on web and db');
  await bulk.getByRole('button', { name: 'Mark these 2 files' }).click();
  await expect
    .poll(async () => (await stand.api<{ triage: { state: string } }>(`/api/hashes/${TWO}`)).triage.state)
    .toBe('escalated');
  const one = await stand.api<{ triage: { state: string; by: string } }>(`/api/hashes/${ONE}`);
  expect(one.triage).toMatchObject({ state: 'escalated', by: 'carol' });
  const three = await stand.api<{ triage: { state: string } }>(`/api/hashes/${THREE}`);
  expect(three.triage.state).toBe('new');

  // and allowlist them, with a why
  await bulk.getByRole('button', { name: 'Allowlist…' }).click();
  const form = bulk.getByRole('form', { name: 'Allowlist the selected files' });
  await form.getByRole('textbox', { name: 'Why are these 2 files known good?' }).fill('lab samples');
  await form.getByRole('button', { name: 'Allowlist these 2' }).click();
  await expect(form.getByRole('status')).toContainText('2 hashes allowlisted');
  await expect(row('/srv/c/one-again').locator('.col-verdict')).toContainText('allowlisted');
  await expect(row('/srv/b/two').locator('.col-verdict')).toContainText('allowlisted');
  await expect(row('/srv/d/three').locator('.col-verdict')).toContainText('malicious');

  // Escape clears the selection; the waiting alert comes in once nothing holds the rows
  await row('/srv/b/two').focus();
  await app.keyboard.press('Escape');
  await expect(bulk).toHaveCount(0);
  await expect(row('/srv/a/one')).toHaveAttribute('aria-selected', 'false');
});

test('Shift+arrows extend the selection from the row with the keyboard', async ({ app, stand }) => {
  const at = Date.now();
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/k/one', agent: 'a', hashes: { sha256: ONE }, epochMs: at }),
    stand.gen.fimAlert({ event: 'added', path: '/k/two', agent: 'a', hashes: { sha256: TWO }, epochMs: at + 1 }),
    stand.gen.fimAlert({ event: 'added', path: '/k/three', agent: 'a', hashes: { sha256: THREE }, epochMs: at + 2 }),
  ]);
  const table = app.getByRole('table', { name: 'FIM alerts' });
  const rows = table.locator('tbody tr[data-id]');
  await expect(rows).toHaveCount(3);
  await rows.nth(0).focus();
  await app.keyboard.press('Space');
  await app.keyboard.press('Shift+ArrowDown');
  await app.keyboard.press('Shift+ArrowDown');
  const bulk = app.getByRole('region', { name: 'Selected files' });
  await expect(bulk).toContainText('3 files selected');
  for (const i of [0, 1, 2]) await expect(rows.nth(i)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Escape');
  await expect(bulk).toHaveCount(0);
});
