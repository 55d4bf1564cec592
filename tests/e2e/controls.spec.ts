// A path from an alert can hold a right-to-left override, a tab, an escape sequence: every view shows each such
// character as a visible escape (`\u202E`, marked, named in its tooltip) instead of letting it reorder or hide text.
// "evil\u202Etxt.exe" must never read as "evilexe.txt".
import type { Locator } from '@playwright/test';
import { isControl } from '../../shared/visibleText';
import { expect, maliciousFile, sha, test } from './fixtures';

const RLO = '\u202E';
const evil = sha('controls-rlo');
const PATH = `/tmp/evil${RLO}txt.exe`;
const AGENT = `build${RLO}\u2066runner\t01`;

test.use({ standOptions: { files: [{ ...maliciousFile(evil, 9, 71), names: [] }] } });

async function showsEscapes(where: Locator, expected: string): Promise<void> {
  await expect(where).toContainText(expected);
  const text = await where.innerText();
  // innerText separates cells with tabs and lines with newlines: any other control is raw text on screen
  const raw = [...text].filter((ch) => isControl(ch) && ch !== '\t' && ch !== '\n');
  expect(raw, 'no raw control character on screen').toEqual([]);
  const escapes = where.locator('.ctl');
  await expect(escapes.first()).toBeVisible();
  await expect(escapes.first()).toHaveAttribute('title', /^U\+[0-9A-F]{4} /);
}

test('the right-to-left override and other controls show as visible escapes in Live, the file page and History', async ({
  app,
  stand,
}) => {
  stand.append([
    stand.gen.fimAlert({ event: 'added', path: PATH, agent: AGENT, hashes: { sha256: evil }, epochMs: Date.now() }),
  ]);

  // Live: the path and the agent
  const row = app.getByRole('table', { name: 'FIM alerts' }).getByRole('row').filter({ hasText: '9/71' });
  await expect(row).toBeVisible();
  await showsEscapes(row.locator('.col-path'), '/tmp/evil\\u202Etxt.exe');
  await showsEscapes(row.locator('.col-agent'), 'build\\u202E\\u2066runner\\u000901');
  await expect(row.locator('.col-path .ctl').first()).toHaveAttribute('title', 'U+202E RIGHT-TO-LEFT OVERRIDE');
  // the tooltip of the path is escaped too (a title cannot be styled)
  await expect(row.locator('.col-path .path')).toHaveAttribute('title', '/tmp/evil\\u202Etxt.exe');

  // the file page: its title (the path's base name: VirusTotal gave no name), where it was seen, its alerts
  await row.click();
  const heading = app.getByRole('heading', { level: 1 });
  await showsEscapes(heading, 'evil\\u202Etxt.exe');
  await showsEscapes(app.locator('.file__seen'), '/tmp/evil\\u202Etxt.exe');
  const alerts = app.getByRole('table', { name: 'Alerts of this file' });
  await showsEscapes(alerts, '/tmp/evil\\u202Etxt.exe');
  // (1): the one untriaged detection (issue 12), in front of every title
  expect(await app.title()).toBe('(1) evil\\u202Etxt.exe — FIM Verdict');

  // History: the answer's file, and the agents list
  await app.getByRole('link', { name: 'History' }).click();
  const answer = app.getByRole('table', { name: 'History' }).getByRole('row').filter({ hasText: 'txt.exe' });
  await showsEscapes(answer, 'evil\\u202Etxt.exe');
  await showsEscapes(app.getByRole('table', { name: 'Agents with the most malicious files' }), 'build\\u202E');
});
