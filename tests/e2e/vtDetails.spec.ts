// The file page shows the verdict as VirusTotal shows it, from a real answer's attributes (tests/fixtures/virustotal):
// the counts apart, the threat label and family, the signer, the sandbox verdict, the YARA rule; and a hostile
// answer's texts appear as text (no markup runs, control characters visible).
import fs from 'node:fs';
import path from 'node:path';
import { VT_FIXTURES } from '../helpers/fixtures';
import { expect, sha, test } from './fixtures';

const attributesOf = (name: string) =>
  (
    JSON.parse(fs.readFileSync(path.join(VT_FIXTURES, name), 'utf8')) as {
      data: { attributes: Record<string, unknown> };
    }
  ).data.attributes;
const RANSOM = attributesOf('v3-file-ransomware-sandbox-2025.json');
const SIGNED = attributesOf('v3-file-signed-clean-2025.json');
const YARA = attributesOf('v3-file-yara-2021.json');

const evil = sha('e2e-vt-details');
const hostile = sha('e2e-vt-hostile');

test.use({
  standOptions: {
    files: [
      {
        sha256: evil,
        malicious: 8,
        suspicious: 1,
        undetected: 62,
        names: ['hive-dropper.exe'],
        attributes: {
          popular_threat_classification: RANSOM.popular_threat_classification,
          sandbox_verdicts: RANSOM.sandbox_verdicts,
          signature_info: SIGNED.signature_info,
          crowdsourced_yara_results: YARA.crowdsourced_yara_results,
          tags: RANSOM.tags,
        },
      },
      {
        sha256: hostile,
        malicious: 2,
        names: ['<img src=x onerror="window.pwned=1">', 'evil\u202Etxt.exe'],
        attributes: { crowdsourced_yara_results: [{ rule_name: '<script>window.pwned=2</script>' }] },
      },
    ],
  },
});

test('the file page shows what VirusTotal says: counts apart, threat, signer, sandbox, YARA', async ({
  app,
  stand,
}) => {
  stand.append([
    stand.gen.fimAlert({
      event: 'added',
      path: 'C:\\Users\\x\\hive.exe',
      agent: 'win-01',
      epochMs: Date.now(),
      hashes: { sha256: evil },
    }),
  ]);
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: 'hive.exe' });
  await expect(row.getByText('8/71')).toBeVisible();
  await app.goto(`${stand.url}#/file/${evil}`);
  const vt = app.getByRole('region', { name: 'What VirusTotal says' });
  await expect(vt.getByText('8 malicious, 1 suspicious of 71 engines')).toBeVisible();
  await expect(vt.getByText('ransomware.hive/recyl')).toBeVisible();
  await expect(vt.getByText('hive (8), recyl (4), gofing (3)')).toBeVisible();
  await expect(vt.getByText('Google LLC', { exact: true })).toBeVisible();
  await expect(vt.getByText(/not time valid/)).toBeVisible();
  await expect(vt.getByText('C2AE')).toBeVisible();
  await expect(vt.getByText('RAT_CyberGate')).toBeVisible();
  await expect(vt.getByText('spreader')).toBeVisible();
  await expect(vt.getByText(/received .*\((just now|\d+ minutes? old)\)/)).toBeVisible();
  // the header says the same, never "0/70 suspicious"
  await expect(app.locator('.file__verdict')).toContainText('8 malicious, 1 suspicious of 71 engines');
});

test("a hostile answer's names and rules are shown as text, nothing in them runs", async ({ app, stand }) => {
  await stand.api('/api/lookup', { method: 'POST', body: { text: hostile } });
  await app.goto(`${stand.url}#/file/${hostile}`);
  const vt = app.getByRole('region', { name: 'What VirusTotal says' });
  await expect(vt.getByText('<img src=x onerror="window.pwned=1">')).toBeVisible();
  await expect(vt.getByText('<script>window.pwned=2</script>')).toBeVisible();
  await expect(vt.locator('img')).toHaveCount(0);
  await expect(vt.locator('.ctl', { hasText: '\\u202E' })).toBeVisible();
  expect(await app.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});
