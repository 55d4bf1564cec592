// The Live view: rows appear as Wazuh appends alerts, verdicts arrive in place, with the VirusTotal permalink.
import { GOOD_KEY, expect, maliciousFile, sha, test } from './fixtures';

test('rows appear live when lines are appended to alerts.json', async ({ app, stand }) => {
  const table = app.getByRole('table', { name: 'FIM alerts' });
  await expect(app.getByText('Nothing yet today')).toBeVisible();

  const lines = [
    stand.gen.fimAlert({
      event: 'added',
      path: '/var/www/html/uploads/shell-e2e.php',
      agent: 'web-01',
      epochMs: Date.now(),
    }),
    stand.gen.fimAlert({ event: 'modified', path: '/usr/local/bin/e2e-tool', agent: 'db-01', epochMs: Date.now() }),
  ];
  stand.append(lines);

  await expect(table.getByRole('row').filter({ hasText: 'shell-e2e.php' })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: 'e2e-tool' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('db-01');
  await expect(row).toContainText('modified');
  // newest on top: the second line is the first row
  await expect(table.locator('tbody tr[data-alert-id]').first()).toContainText('e2e-tool');
  await expect(app.getByText('2 alerts', { exact: true })).toBeVisible();

  // a third one while the analyst reads further down waits behind the pill
  await table.locator('tbody tr[data-alert-id]').first().focus();
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: '/tmp/e2e-later.sh', agent: 'web-01', epochMs: Date.now() }),
  ]);
  const pill = app.getByRole('button', { name: '1 new alert — show' });
  await expect(pill).toBeVisible();
  await pill.click();
  await expect(table.getByRole('row').filter({ hasText: 'e2e-later.sh' })).toBeVisible();
});

test.describe('verdicts', () => {
  const evil = sha('e2e-malicious');
  test.use({ standOptions: { files: [maliciousFile(evil, 7, 70)] } });

  test('a malicious file shows 7/70 and a link to its VirusTotal page', async ({ app, stand }) => {
    expect(stand.emulator.keys).toContain(GOOD_KEY);
    const known = stand.emulator.addFile(maliciousFile(evil, 7, 70));
    stand.append([
      stand.gen.fimAlert({
        event: 'added',
        path: '/tmp/.x/dropper',
        agent: 'build-runner',
        hashes: known,
        epochMs: Date.now(),
      }),
    ]);
    const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'dropper' });
    await expect(row).toBeVisible();
    // pending first, then the verdict in place
    await expect(row.getByText('7/70')).toBeVisible();
    await expect(row).toContainText('malicious');
    const link = row.getByRole('link', { name: /on VirusTotal$/ });
    await expect(link).toHaveAttribute('href', `https://www.virustotal.com/gui/file/${evil}`);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noreferrer/);
  });
});
