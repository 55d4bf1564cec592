// Reputation providers through the real UI: CIRCL hashlookup switched on in Settings (it says what it receives and
// who runs it; its address, chosen with --circl-url, cannot be changed from a browser) answers a vendor file known
// good before VirusTotal is asked; a file allowlisted from its page is shown "allowlisted" and its later alerts
// reach no provider.
import { startCirclServer, circlRecord, type CirclServer } from '../emulator/circl';
import { expect, sha, test as base } from './fixtures';

// the CIRCL server first, its address given to the stand as the local user would (the browser may not set it)
const test = base.extend<{ circl: CirclServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  circl: async ({}, use) => {
    const server = await startCirclServer({});
    await use(server);
    await server.close();
  },
  standOptions: async ({ circl }, use) => {
    await use({ extraArgs: ['--circl-url', circl.url] });
  },
});

const hex = (c: string, n: number) => c.repeat(n);

test('CIRCL switched on in Settings: a vendor file is known good from NSRL and never reaches VirusTotal', async ({
  app,
  stand,
  circl,
}) => {
  const known = { md5: hex('a1', 16), sha1: hex('b2', 20), sha256: sha('circl-known-ls') };
  circl.add(circlRecord(known));

  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'Reputation providers' });
  await expect(section).toContainText('Receives file hashes only');
  await expect(section).toContainText('Run by CIRCL, the Computer Incident Response Center Luxembourg');
  const ask = section.getByRole('checkbox', { name: 'Ask CIRCL hashlookup' });
  await expect(ask).not.toBeChecked(); // off until switched on
  await ask.check();
  const address = section.getByRole('textbox', { name: 'CIRCL hashlookup address' });
  await expect(address).toHaveValue(circl.url);
  await expect(address).toHaveAttribute('readonly', '');
  await expect(section).toContainText('Set with --circl-url when FIM Verdict starts, or in the desktop app');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved. In effect now.' })).toBeVisible();

  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Live' }).click();
  stand.append([stand.gen.fimAlert({ event: 'modified', path: '/usr/bin/ls', hashes: known, epochMs: Date.now() })]);
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: '/usr/bin/ls' });
  await expect(row.locator('.col-verdict')).toContainText('known good');
  await row.click();
  await expect(app.locator('.file__verdict')).toContainText('known good');
  const why = app.getByRole('region', { name: 'Why this verdict' });
  await expect(why).toContainText('known good: NSRL, Debian coreutils 9.1-1');
  await expect(app.getByRole('table', { name: 'History of answers' })).toContainText('CIRCL hashlookup');
  expect(stand.emulator.countFor(known.sha256)).toBe(0);
  expect(circl.askedAbout(known.sha1)).toBe(1);
  await expect(app.getByRole('status', { name: 'Reputation sources' })).toHaveText('CIRCL hashlookup: ok');
});

test('a file allowlisted from its page shows "allowlisted" and its next alerts are not sent anywhere', async ({
  app,
  stand,
}) => {
  const own = sha('allowlisted-own-build');
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/opt/own/tool', hashes: { sha256: own }, epochMs: Date.now() }),
  ]);
  const rows = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row');
  const first = rows.filter({ hasText: '/opt/own/tool' });
  await expect(first.locator('.col-verdict')).toContainText('not on VirusTotal');
  await first.click();

  const why = app.getByRole('region', { name: 'Why this verdict' });
  const allowlist = why.getByRole('button', { name: 'Allowlist this file' });
  await expect(allowlist).toBeDisabled(); // a why is needed
  await why.getByRole('textbox', { name: 'Why is it known good?' }).fill('our own build');
  await allowlist.click();
  await expect(app.locator('.file__verdict')).toContainText('allowlisted');
  await expect(why).toContainText('allowlisted: our own build');
  await expect(why.getByRole('list', { name: 'Allowlist entries that name this file' })).toContainText('our own build');
  expect(stand.emulator.countFor(own)).toBe(1);

  // a later alert of the same file: answered here, VirusTotal is not asked again
  await app.getByRole('button', { name: /Back/ }).click();
  stand.append([
    stand.gen.fimAlert({ event: 'modified', path: '/opt/own/tool2', hashes: { sha256: own }, epochMs: Date.now() }),
  ]);
  // the table holds new alerts back while a row is selected: show them
  await app.getByRole('button', { name: /new alert/ }).click();
  const second = rows.filter({ hasText: '/opt/own/tool2' });
  await expect(second.locator('.col-verdict')).toContainText('allowlisted');
  expect(stand.emulator.countFor(own)).toBe(1);
});

test('an allowlist imported from a text file in Settings answers the files it names, and refuses what is no entry', async ({
  app,
  stand,
}) => {
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'Allowlist' });
  await section.getByRole('textbox', { name: 'Why they are known good' }).fill('golden image');
  const text = ['# our build servers', '/srv/build/** # build output', 'not a hash', `${sha('imported')}`].join('\n');
  await section
    .locator('input[type=file]')
    .setInputFiles({ name: 'allow.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(section.getByRole('status')).toContainText('allow.txt: 2 entries added · 1 line refused');
  await expect(section.getByRole('list', { name: 'Refused lines' })).toContainText('line 3: not a hash');
  const entries = section.getByRole('list', { name: 'Allowlist entries' });
  await expect(entries).toContainText('/srv/build/**');
  await expect(entries).toContainText('build output');

  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Live' }).click();
  const built = sha('built-artifact');
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/srv/build/out/app', hashes: { sha256: built }, epochMs: Date.now() }),
  ]);
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: '/srv/build/out/app' });
  await expect(row.locator('.col-verdict')).toContainText('allowlisted');
  expect(stand.emulator.countFor(built)).toBe(0);
});

test('a selection of looked-up hashes is allowlisted at once from the Look up list', async ({ app, stand }) => {
  const a = sha('bulk-a');
  const b = sha('bulk-b');
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Look up' }).click();
  await app.getByRole('textbox', { name: 'Hashes to look up' }).fill(`${a}\n${b}`);
  await app.getByRole('button', { name: /^Look up/ }).click();
  const results = app.getByRole('table', { name: 'Look-up results' });
  await expect(results.getByRole('row')).toHaveCount(3);
  await expect(results).not.toContainText('pending');
  await app.getByRole('button', { name: 'Allowlist these…' }).click();
  const form = app.getByRole('form', { name: 'Allowlist the listed hashes' });
  await form.getByRole('textbox').fill('vendor drop, checked by hand');
  await form.getByRole('button', { name: 'Allowlist them' }).click();
  await expect(form.getByRole('status')).toContainText('2 hashes allowlisted · 2 files answered “allowlisted” now');
  await expect(results.getByText('allowlisted')).toHaveCount(2);
  expect(stand.emulator.countFor(a)).toBe(1);
});
