// History and the file page: every answer kept, exported as CSV; a file's engines and its history.
import fs from 'node:fs';
import { expect, maliciousFile, sha, test } from './fixtures';

const evil = sha('e2e-history-evil');
const clean = sha('e2e-history-clean');

test.use({
  standOptions: {
    files: [maliciousFile(evil, 9, 70), { sha256: clean, undetected: 68, harmless: 2, names: ['libc.so.6'] }],
  },
});

test('export produces the rows', async ({ app, stand }) => {
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/srv/evil.bin', hashes: { sha256: evil }, epochMs: Date.now() }),
    stand.gen.fimAlert({ event: 'modified', path: '/lib/libc.so.6', hashes: { sha256: clean }, epochMs: Date.now() }),
  ]);
  const table = app.getByRole('table', { name: 'FIM alerts' });
  await expect(table.getByText('9/70')).toBeVisible();
  await expect(table.getByText('0/70')).toBeVisible();

  await app.getByRole('link', { name: 'History' }).click();
  const history = app.getByRole('table', { name: 'History' });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(app.getByRole('table', { name: 'Agents with the most malicious files' })).toBeVisible();

  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(3); // header + 2 answers
  expect(csv).toContain(evil);
  expect(csv).toContain(clean);
  await expect(app.getByText(/: 2 rows$/)).toBeVisible();

  // filtered: only the malicious answer
  await app.getByRole('combobox', { name: 'Verdict' }).selectOption('malicious');
  await expect(history.getByRole('row')).toHaveCount(2);
  const [filtered] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const json = fs.readFileSync((await filtered.path())!, 'utf8');
  expect(json).toContain(evil);
  expect(json).not.toContain(clean);
});

test('the Live and Files exports download from the server, counted first (the page never holds them)', async ({
  app,
  stand,
}) => {
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/srv/evil.bin', hashes: { sha256: evil }, epochMs: Date.now() }),
    stand.gen.fimAlert({ event: 'modified', path: '/lib/libc.so.6', hashes: { sha256: clean }, epochMs: Date.now() }),
  ]);
  const table = app.getByRole('table', { name: 'FIM alerts' });
  await expect(table.getByText('9/70')).toBeVisible();
  await expect(table.getByText('0/70')).toBeVisible();
  const [live] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'Export these alerts as CSV' }).click(),
  ]);
  expect(live.suggestedFilename()).toMatch(/^fim-verdict-alerts-.*\.csv$/);
  const liveCsv = fs.readFileSync((await live.path())!, 'utf8');
  expect(liveCsv.trim().split(/\r?\n/)).toHaveLength(3); // header + 2 alerts
  expect(liveCsv).toContain('/srv/evil.bin');
  await expect(app.getByText(/^fim-verdict-alerts-.*\.csv: 2 rows$/)).toBeVisible();

  await app.getByRole('link', { name: 'Files', exact: true }).click();
  const files = app.getByRole('table', { name: 'Files' });
  await expect(files.locator('tbody tr[data-hash]')).toHaveCount(2);
  const [all] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'Export these files as JSON' }).click(),
  ]);
  const rows = JSON.parse(fs.readFileSync((await all.path())!, 'utf8')) as { sha256: string }[];
  expect(rows.map((r) => r.sha256).sort()).toEqual([evil, clean].sort());
  await expect(app.getByText(/^fim-verdict-files-.*\.json: 2 files$/)).toBeVisible();

  // a selection: the bulk bar's export holds the selected file only
  await files.locator(`tbody tr[data-hash="${evil}"]`).getByRole('checkbox').click();
  const bulk = app.getByRole('region', { name: 'Selected files' });
  const [selected] = await Promise.all([
    app.waitForEvent('download'),
    bulk.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const selectedCsv = fs.readFileSync((await selected.path())!, 'utf8');
  expect(selectedCsv.trim().split(/\r?\n/)).toHaveLength(2);
  expect(selectedCsv).toContain(evil);
  expect(selectedCsv).not.toContain(clean);
  await expect(bulk.getByText(/^fim-verdict-files-.*\.csv: 1 file$/)).toBeVisible();

  // each download is the server's (download=1), not a Blob built in the page
  for (const d of [live, all, selected]) expect(d.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/.*download=1/);
  expect(live.url()).toMatch(/maxId=\d+/); // the alerts counted: those stored meanwhile are left out
  expect(selected.url()).toContain(`hashes=${evil}`);
});

test('the file page shows engines and history', async ({ app, stand }) => {
  test.setTimeout(150_000); // the reanalysis polls VirusTotal every 15 s
  stand.append([
    stand.gen.fimAlert({
      event: 'added',
      path: '/srv/evil.bin',
      agent: 'web-01',
      hashes: { sha256: evil },
      epochMs: Date.now(),
    }),
  ]);
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'evil.bin' });
  await expect(row.getByText('9/70')).toBeVisible();
  await row.getByText('evil.bin').click();

  await expect(app).toHaveURL(new RegExp(`#/file/${evil}$`));
  await expect(app.getByRole('heading', { level: 1, name: 'dropper.elf' })).toBeVisible();
  await expect(app.getByText('trojan.linux/dropper').first()).toBeVisible();
  const engines = app.getByRole('table', { name: 'Engines' });
  // 70 verdicts and the emulator's 3 engines that cannot scan the type, and the header
  await expect(engines.getByRole('row')).toHaveCount(74);
  // detections first
  await expect(engines.locator('tbody tr').first()).toContainText('malicious');
  await expect(engines.locator('tbody tr').nth(8)).toContainText('malicious');
  await expect(engines.locator('tbody tr').nth(9)).not.toContainText('malicious');
  // counted as the badge counts ("9/70"): engines that say malicious (issue 13: one vocabulary)
  await expect(app.getByText('9 of 70 engines say malicious · 3 could not scan it')).toBeVisible();

  const history = app.getByRole('table', { name: 'History of answers' });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(app.getByRole('img', { name: /Positives over time/ })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Alerts of this file' })).toContainText('/srv/evil.bin');
  await expect(app.getByRole('link', { name: 'Open on VirusTotal' })).toHaveAttribute(
    'href',
    `https://www.virustotal.com/gui/file/${evil}`,
  );

  // a fresh report: one more answer in the history
  await app.getByRole('button', { name: 'Refresh report' }).click();
  await expect(history.getByRole('row')).toHaveCount(3);

  // reanalysis: the polling progress, then one more answer
  await app.getByRole('button', { name: 'Reanalyse on VirusTotal' }).click();
  const progress = app.getByRole('status', { name: 'Reanalysis' });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar', { name: 'Reanalysis on VirusTotal' })).toBeVisible();
  // the analysis completed and its report stored: the reanalysis says it is done
  await expect(progress).toContainText(/^done · \d+ s/, { timeout: 60_000 });
  // the analysis done, the new report is fetched at once: one more answer
  await expect(history.getByRole('row')).toHaveCount(4, { timeout: 30_000 });
});

test('an answer that arrives while History is shown offers a refresh, which shows it', async ({ app, stand }) => {
  await app.getByRole('link', { name: 'History' }).click();
  await expect(app.getByText('No answer yet')).toBeVisible();
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/srv/late.bin', hashes: { sha256: evil }, epochMs: Date.now() }),
  ]);
  const refresh = app.getByRole('button', { name: /^1 new answer — refresh$/ });
  await expect(refresh).toBeVisible();
  await refresh.click();
  await expect(refresh).toBeHidden();
  await expect(app.getByRole('table', { name: 'History' }).getByRole('row')).toHaveCount(2);
});
