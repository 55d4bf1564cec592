// Triage in the browser: the untriaged count in the header and the tab title, marking one file on its page and
// many from a selection in the Files view, the Files view's filters and sort surviving a reload, and a file page's
// links into the analyst's Wazuh dashboard.
import type { Page } from '@playwright/test';
import { expect, maliciousFile, sha, test, type Stand } from './fixtures';

const ONE = sha('triage-one');
const TWO = sha('triage-two');
const THREE = sha('triage-three');

test.use({ standOptions: { files: [maliciousFile(ONE, 9), maliciousFile(TWO, 4), maliciousFile(THREE, 2)] } });

function appendAlerts(stand: Stand) {
  const at = Date.now();
  stand.append([
    stand.gen.fimAlert({
      event: 'added',
      path: '/tmp/.x/one',
      agent: 'web-01',
      hashes: hashesOf(stand, ONE),
      epochMs: at,
    }),
    stand.gen.fimAlert({
      event: 'added',
      path: '/tmp/.x/two',
      agent: 'db-01',
      hashes: hashesOf(stand, TWO),
      epochMs: at,
    }),
    stand.gen.fimAlert({
      event: 'modified',
      path: '/tmp/.x/three',
      agent: 'web-01',
      hashes: hashesOf(stand, THREE),
      epochMs: at,
    }),
  ]);
}

function hashesOf(stand: Stand, sha256: string) {
  return stand.emulator.addFile(maliciousFile(sha256, sha256 === ONE ? 9 : sha256 === TWO ? 4 : 2));
}

const untriaged = (app: Page) => app.getByRole('link', { name: /untriaged detections?: show them/ });

test('triage one file on its page and many from the Files view: the count and the title follow', async ({
  app,
  stand,
}) => {
  appendAlerts(stand);
  await expect(untriaged(app)).toHaveAccessibleName('3 untriaged detections: show them');
  await expect(app).toHaveTitle(/^\(3\) /);

  // one file, on its page (the browser asks for the analyst's name once)
  await app.goto(`${stand.url}#/file/${ONE}`);
  const triage = app.getByRole('region', { name: 'Triage' });
  await expect(triage).toContainText('nobody has triaged this file yet');
  await triage.getByLabel('Your name').fill('alice');
  await triage.getByRole('combobox', { name: 'Triage', exact: true }).selectOption('acknowledged');
  // a note holding a right-to-left override: kept exactly, shown as a visible escape
  await triage.getByLabel('Note').fill('looking into it \u202Efdp.exe');
  await triage.getByRole('button', { name: 'Mark this file' }).click();
  await expect(triage).toContainText('Acknowledged by alice');
  await expect(triage.locator('.triage-now')).toContainText('looking into it \\u202Efdp.exe');
  await expect(triage.locator('.triage-now .ctl')).toHaveAttribute('title', 'U+202E RIGHT-TO-LEFT OVERRIDE');
  await expect(triage.getByRole('list', { name: 'Triage history' })).toContainText('New → Acknowledged by alice');
  await expect(untriaged(app)).toHaveAccessibleName('2 untriaged detections: show them');
  await expect(app).toHaveTitle(/^\(2\) /);

  // the header's count opens exactly those files
  await untriaged(app).click();
  await expect(app).toHaveURL(/#\/files\?triage=new&state=detected$/);
  const table = app.getByRole('table', { name: 'Files' });
  const rows = table.locator('tbody tr[data-hash]');
  await expect(rows).toHaveCount(2);

  // select both: the box of the first, Shift+click on the second
  await rows.nth(0).getByRole('checkbox').click();
  await rows.nth(1).click({ modifiers: ['Shift'] });
  const bulk = app.getByRole('region', { name: 'Selected files' });
  await expect(bulk).toContainText('2 files selected');
  await bulk.getByRole('combobox', { name: 'Triage', exact: true }).selectOption('false-positive');
  await bulk.getByLabel('Note').fill('build artefacts');
  await bulk.getByRole('button', { name: 'Mark these 2 files' }).click();
  await expect(untriaged(app)).toHaveAccessibleName('0 untriaged detections: show them');
  await expect(app).toHaveTitle(/^Files — FIM Verdict$/);
  await expect(rows).toHaveCount(0);

  // the name was kept in this browser: the history says who, on every file
  const res = await stand.api<{ triage: { state: string; by: string; note: string } }>(`/api/hashes/${THREE}`);
  expect(res.triage).toMatchObject({ state: 'false-positive', by: 'alice', note: 'build artefacts' });
});

test('a KPI tile opens the files it counts; the keyboard selects rows: Space, Shift+arrows, Ctrl+A, Escape', async ({
  app,
  stand,
}) => {
  appendAlerts(stand);
  await expect(untriaged(app)).toHaveAccessibleName('3 untriaged detections: show them');
  // the KPI tile is a link to the files it counts
  await app.getByRole('link', { name: 'Malicious files today' }).click();
  await expect(app).toHaveURL(/#\/files\?state=malicious$/);
  const rows = app.getByRole('table', { name: 'Files' }).locator('tbody tr[data-hash]');
  await expect(rows).toHaveCount(3);
  await rows.nth(0).focus();
  await app.keyboard.press('Space');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Shift+ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  const bulk = app.getByRole('region', { name: 'Selected files' });
  await expect(bulk).toContainText('2 files selected');
  await app.keyboard.press('Control+a');
  await expect(bulk).toContainText('3 files selected');
  await app.keyboard.press('Escape');
  await expect(bulk).toHaveCount(0);
});

test('a selection in the Files view is allowlisted with one why: the files show "allowlisted"', async ({
  app,
  stand,
}) => {
  appendAlerts(stand);
  await expect(untriaged(app)).toHaveAccessibleName('3 untriaged detections: show them');
  await app.goto(`${stand.url}#/files`);
  const table = app.getByRole('table', { name: 'Files' });
  const rowOf = (hash: string) => table.locator(`tbody tr[data-hash="${hash}"]`);
  await expect(table.locator('tbody tr[data-hash]')).toHaveCount(3);
  await rowOf(ONE).getByRole('checkbox').click();
  await rowOf(TWO)
    .getByRole('checkbox')
    .click({ modifiers: ['Control'] });
  const bulk = app.getByRole('region', { name: 'Selected files' });
  await expect(bulk).toContainText('2 files selected');

  await bulk.getByRole('button', { name: 'Allowlist…' }).click();
  const form = bulk.getByRole('form', { name: 'Allowlist the selected files' });
  const submit = form.getByRole('button', { name: 'Allowlist these 2' });
  await expect(submit).toBeDisabled(); // a why is needed
  await form.getByRole('textbox', { name: 'Why are these 2 files known good?' }).fill('our test builds');
  await submit.click();
  await expect(form.getByRole('status')).toContainText('2 hashes allowlisted · 2 files now answered “allowlisted”');
  await expect(rowOf(ONE).locator('.col-verdict')).toContainText('allowlisted');
  await expect(rowOf(TWO).locator('.col-verdict')).toContainText('allowlisted');
  await expect(rowOf(ONE).locator('.col-provider')).toHaveText('Allowlist');
  await expect(rowOf(THREE).locator('.col-verdict')).toContainText('malicious');

  const list = await stand.api<{ items: { value: string; why: string }[] }>('/api/allowlist');
  expect(list.items.map((e) => e.value).sort()).toEqual([ONE, TWO].sort());
  expect(list.items.every((e) => e.why === 'our test builds')).toBe(true);
  const one = await stand.api<{ verdict: { state: string } }>(`/api/hashes/${ONE}`);
  expect(one.verdict.state).toBe('known-good');
});

test('the Files view keeps its filters and sort in the address: a reload shows the same list', async ({
  app,
  stand,
}) => {
  appendAlerts(stand);
  await expect(untriaged(app)).toHaveAccessibleName('3 untriaged detections: show them');
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Files' }).click();
  const filters = app.getByRole('search', { name: 'Filter files' });
  const agent = filters.getByRole('combobox', { name: 'Agent' });
  await agent.selectOption({ label: 'web-01' });
  const agentId = await agent.inputValue();
  const address = new RegExp(`#/files\\?agent=${agentId}&sort=-alerts$`);
  await app.getByRole('button', { name: /^Alerts/ }).click();
  await app.getByRole('button', { name: /^Alerts/ }).click();
  await expect(app).toHaveURL(address);
  const rows = app.getByRole('table', { name: 'Files' }).locator('tbody tr[data-hash]');
  await expect(rows).toHaveCount(2);

  await app.reload();
  await expect(app).toHaveURL(address);
  await expect(agent).toHaveValue(agentId);
  await expect(app.getByRole('columnheader', { name: /Alerts/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows).toHaveCount(2);

  // a saved view brings the same address back
  await app.getByLabel('Name of a new saved view').fill('web servers');
  await app.getByRole('button', { name: 'Save view' }).click();
  await app.getByRole('search', { name: 'Filter files' }).getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(3);
  await app.getByRole('link', { name: 'web servers' }).click();
  await expect(app).toHaveURL(address);
  await expect(rows).toHaveCount(2);
});

test("a file's page links each alert and the file into the Wazuh dashboard", async ({ app, stand, context }) => {
  await stand.api('/api/settings', { method: 'PUT', body: { wazuhDashboardUrl: 'https://wazuh.example.test/base/' } });
  appendAlerts(stand);
  await expect(untriaged(app)).toHaveAccessibleName('3 untriaged detections: show them');
  const page = await stand.api<{ alerts: { alertId: string; epochMs: number }[] }>(`/api/hashes/${TWO}`);
  const alert = page.alerts[0];

  await app.goto(`${stand.url}#/file/${TWO}`);
  const alerts = app.getByRole('table', { name: 'Alerts of this file' });
  await expect(alerts).toContainText(alert.alertId);
  const link = alerts.getByRole('link', { name: `alert ${alert.alertId} in Wazuh Threat Hunting` });
  const href = await link.getAttribute('href');
  const url = new URL(href!);
  expect(url.origin + url.pathname).toBe('https://wazuh.example.test/base/app/threat-hunting');
  const state = new URLSearchParams(url.hash.split('?')[1]);
  expect(url.hash.startsWith('#/overview/?tab=general&tabView=events&')).toBe(true);
  expect(state.get('_a')).toBe(`(filters:!(),query:(language:kuery,query:'id:"${alert.alertId}"'))`);
  expect(state.get('_g')).toBe(
    `(filters:!(),refreshInterval:(pause:!t,value:0),time:(from:'${new Date(alert.epochMs - 3_600_000).toISOString()}',to:'${new Date(alert.epochMs + 3_600_000).toISOString()}'))`,
  );

  // follow it: the dashboard (a stand-in here: no network) opens at exactly that address
  await context.route('https://wazuh.example.test/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Wazuh</title>' }),
  );
  const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe(href);
  await popup.close();

  // the file's alerts, by hash, in Discover
  const places = app.getByRole('region', { name: 'Where it is' });
  await expect(places.getByRole('table', { name: 'Agents that have this file' })).toContainText('db-01');
  const discover = new URL(
    (await places.getByRole('link', { name: "this file's alerts in Wazuh Discover" }).getAttribute('href'))!,
  );
  expect(discover.pathname).toBe('/base/app/data-explorer/discover');
  const q = new URLSearchParams(discover.hash.replace(/^#\?/, ''));
  expect(q.get('_q')).toContain(`syscheck.sha256_after:"${TWO}"`);
  expect(q.get('_a')).toContain("indexPattern:'wazuh-alerts-*'");
});
