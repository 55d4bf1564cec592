// What a new user trips on in the first hour (issue 13), through the real UI: a reanalysis that ends on screen,
// Wazuh's own verdicts carrying their file and agent, a file that is no Wazuh log, demo links, look-up results
// after a reload, one vocabulary.
import fs from 'node:fs';
import path from 'node:path';
import { WAZUH_FIXTURES } from '../helpers/fixtures';
import { expect, maliciousFile, sha, test } from './fixtures';

test.describe('reanalysis', () => {
  const evil = sha('first-hour-reanalyse');
  test.use({ standOptions: { files: [maliciousFile(evil, 8, 71)], analysisPolls: 1 } });

  test('ends on screen once the new report is stored, and its history row says reanalysis', async ({ app, stand }) => {
    test.setTimeout(90_000);
    stand.append([
      stand.gen.fimAlert({
        event: 'added',
        path: '/opt/re/analyse.bin',
        hashes: { sha256: evil },
        epochMs: Date.now(),
      }),
    ]);
    const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'analyse.bin' });
    await expect(row.getByText('8/71')).toBeVisible();
    await row.click();
    await app.getByRole('button', { name: 'Reanalyse on VirusTotal' }).click();
    const progress = app.getByRole('status', { name: 'Reanalysis' });
    // VirusTotal's clients poll every 15 s: one poll here
    await expect(progress).toContainText(/^done · \d+ s/, { timeout: 60_000 });
    await expect(progress).toContainText('the new report is stored: malicious: 8 of 71 engines say malicious');
    await expect(app.getByRole('button', { name: 'Reanalyse on VirusTotal' })).toBeEnabled();
    const history = app.getByRole('table', { name: 'History of answers' });
    await expect(history.getByRole('row').nth(1)).toContainText('reanalysis');
  });
});

test("Wazuh's own VirusTotal alert shows its file and agent in Live, History and the top agents", async ({
  app,
  stand,
}) => {
  stand.append([fs.readFileSync(path.join(WAZUH_FIXTURES, 'virustotal-87105-detected.json'), 'utf8').trim()]);
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'eicar.com' });
  await expect(row).toContainText('/media/user/software/eicar.com');
  await expect(row.locator('.col-agent')).toHaveText('Ubuntu');
  await expect(row.locator('.col-event')).toHaveText('from Wazuh');
  await expect(row.locator('.col-verdict')).toContainText('66/68');

  await app.getByRole('link', { name: 'History' }).click();
  const answer = app.getByRole('table', { name: 'History' }).getByRole('row').nth(1);
  await expect(answer).toContainText('eicar.com');
  await expect(answer).not.toContainText('unnamed file');
  await expect(app.getByRole('table', { name: 'Agents with the most malicious files' })).toContainText('Ubuntu');
});

test('a file that is not a Wazuh log says so in the status bar and in Settings, and is still followed', async ({
  app,
  stand,
}) => {
  const passwd = path.join(stand.dir, 'passwd');
  fs.writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
  await stand.api('/api/sources', { method: 'POST', body: { path: passwd, fromEnd: false } });
  const message = 'this does not look like Wazuh alerts (alerts.json, alerts.log or a Wazuh 5 event file)';
  await expect(app.getByRole('status', { name: 'Alert sources' })).toContainText(`passwd: ${message}`);

  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  const source = app.locator('li.source').filter({ hasText: passwd });
  await expect(source).toContainText('not Wazuh alerts');
  await expect(source).toContainText(message);

  // still followed: Diagnostics gives its real size, not "0 of 0 bytes"
  await app.getByRole('button', { name: /Diagnostics/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Diagnostics' });
  await expect(dialog.locator('li').filter({ hasText: passwd })).toContainText('offset 0 of 80 bytes');
});

test('Diagnostics say when bytes wait for the end of an alert', async ({ app, stand }) => {
  stand.append([stand.gen.fimAlert({ event: 'added', path: '/tmp/whole', epochMs: Date.now() })]);
  await expect(app.getByRole('table', { name: 'FIM alerts' }).getByText('whole')).toBeVisible();
  const partial = '{"timestamp":"2024-01-01T00:00:00.000+0000","rule":{"level":5,'; // no newline yet
  fs.appendFileSync(stand.alertsPath, partial);
  await app.getByRole('button', { name: /Diagnostics/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Diagnostics' });
  await expect
    .poll(async () => {
      await dialog.getByRole('button', { name: 'Refresh' }).click();
      return dialog.innerText();
    })
    .toContain(
      `${partial.length} bytes after the offset are held, waiting for the end of an alert (the end of its line)`,
    );
});

test.describe('the demo', () => {
  const evil = sha('first-hour-demo');
  test.use({ standOptions: { files: [maliciousFile(evil, 7, 70)], extraArgs: ['--demo'] } });

  test('links say there is no real VirusTotal page instead of leading to virustotal.com', async ({ app, stand }) => {
    await expect(app.getByRole('note', { name: 'Demo mode' })).toBeVisible();
    stand.append([
      stand.gen.fimAlert({ event: 'added', path: '/tmp/demo.bin', hashes: { sha256: evil }, epochMs: Date.now() }),
    ]);
    const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'demo.bin' });
    await expect(row.getByText('7/70')).toBeVisible();
    await expect(row.locator('.col-virustotal')).toHaveText('demo: no page');
    await expect(row.locator('a[href*="virustotal.com"]')).toHaveCount(0);
    await row.click();
    await expect(app.getByText('demo: no real VirusTotal page')).toBeVisible();
    await expect(app.locator('a[href*="virustotal.com"]')).toHaveCount(0);
  });
});

test.describe('look-up results', () => {
  const seen = sha('first-hour-seen');
  test.use({ standOptions: { files: [maliciousFile(seen, 5, 70)] } });

  test('survive a reload, and a hash agents reported says where it was seen', async ({ app, stand }) => {
    stand.append([
      stand.gen.fimAlert({
        event: 'modified',
        path: '/usr/lib/cgi-bin/status.cgi',
        agent: 'web-01',
        hashes: { sha256: seen },
        epochMs: Date.now(),
      }),
    ]);
    await expect(app.getByRole('table', { name: 'FIM alerts' }).getByText('5/70')).toBeVisible();
    await app.getByRole('link', { name: 'Look up' }).click();
    await app.getByRole('textbox', { name: 'Hashes to look up' }).fill(seen);
    await app.getByRole('button', { name: 'Look up' }).click();
    const results = app.getByRole('table', { name: 'Look-up results' });
    const row = results.locator(`tr[data-hash="${seen}"]`);
    await expect(row).toContainText('seen at /usr/lib/cgi-bin/status.cgi on web-01');
    await expect(row).toContainText('5/70');

    await app.reload();
    await expect(row).toContainText('seen at /usr/lib/cgi-bin/status.cgi on web-01');
    await expect(row).toContainText('5/70');
  });
});

test.describe('words and numbers', () => {
  const suspicious = sha('first-hour-suspicious');
  test.use({
    standOptions: { files: [{ sha256: suspicious, malicious: 0, suspicious: 2, undetected: 68, names: ['odd.sh'] }] },
  });

  test('one vocabulary: the same words in badges and filters, counts that say what they count', async ({
    app,
    stand,
  }) => {
    stand.append([
      stand.gen.fimAlert({ event: 'added', path: '/opt/odd.sh', hashes: { sha256: suspicious }, epochMs: Date.now() }),
      stand.gen.fimAlert({ event: 'added', path: '/opt/new.bin', epochMs: Date.now() - 1000 }),
    ]);
    const table = app.getByRole('table', { name: 'FIM alerts' });
    const odd = table.getByRole('row').filter({ hasText: 'odd.sh' });
    // suspicious with no malicious engine: no "0/70 suspicious"
    await expect(odd.locator('.badge')).toHaveText('suspicious');
    await expect(odd.locator('.badge')).toHaveAttribute('title', '0 of 70 engines say malicious; some say suspicious');
    const unknown = table.getByRole('row').filter({ hasText: 'new.bin' });
    await expect(unknown.locator('.badge')).toHaveText('not on VirusTotal');
    await expect(unknown.locator('.badge')).toHaveAttribute('title', /^not on VirusTotal: /);
    // the same words in the filter
    await expect(app.getByRole('combobox', { name: 'Verdict' }).locator('option[value="unknown"]')).toHaveText(
      'Not on VirusTotal',
    );
    // counted in files, "1 file" not "1 files"
    await expect(app.locator('.kpi').filter({ hasText: 'Suspicious files today' })).toContainText('1 file in all');
    // alerts answered from the cache are counted as alerts, the queue in files
    await expect(app.locator('.kpi').filter({ hasText: 'Files looked up today' })).toContainText(
      /\d+ alerts? answered from the cache/,
    );
    await expect(app.getByRole('status', { name: 'Queue' }).or(app.locator('.statusbar__queue'))).toContainText(
      /Queue: \d+ files?/,
    );

    // the file page: the engines line counts as the badge does
    await odd.click();
    await expect(app.getByText('0 of 70 engines say malicious · 2 say suspicious')).toBeVisible();
    // and VirusTotal's counts apart in the header, never "0/70 suspicious"
    await expect(app.locator('.file__verdict')).toContainText('0 malicious, 2 suspicious of 70 engines');

    // History says answers where it counts answers, and uses the same filter words
    await app.getByRole('link', { name: 'History' }).click();
    await expect(app.getByText(/2 answers about 2 files \(0 from Wazuh\); 0 answers said malicious\./)).toBeVisible();
    await expect(app.getByRole('combobox', { name: 'Verdict' }).locator('option[value="unknown"]')).toHaveText(
      'Not on VirusTotal',
    );
  });
});
