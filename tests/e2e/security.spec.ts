// Issue 9 in the browser: the session cookie is useless to other local servers, and what the HTTP API may not
// change (where the key goes, where files are written) is said next to the field.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

test('another local server the browser visits never sees the token', async ({ app, stand }) => {
  // a web server on another port of 127.0.0.1: browsers send it the cookies of 127.0.0.1, whatever their port
  const seen: string[] = [];
  const other = http.createServer((req, res) => {
    seen.push(req.headers.cookie ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another local app</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    const port = new URL(stand.url).port;
    const cookies = await app.context().cookies();
    const session = cookies.find((c) => c.name === `fimv_session_${port}`);
    expect(session, 'the session cookie names this server’s port').toBeTruthy();
    expect(session!.value).not.toContain(stand.token);
    expect(session!.httpOnly).toBe(true);
    expect(cookies.map((c) => c.value).join(' ')).not.toContain(stand.token);

    await app.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    await expect(app).toHaveTitle('another local app');
    expect(seen.length).toBeGreaterThan(0);
    for (const header of seen) expect(header).not.toContain(stand.token);

    // the session still opens the app on its own port
    await app.goto(stand.url);
    await expect(app.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await expect(app.getByRole('status', { name: 'VirusTotal status' })).toContainText('VirusTotal');
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});

test('from the browser, the base URL moves only with a key, and the integration log is read-only', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  // the test server's --vt-url is not VirusTotal's own address: said where the key is set
  await expect(app.getByText(/Look-ups go to http:\/\/127\.0\.0\.1:\d+, not VirusTotal’s own/)).toBeVisible();
  await expect(app.getByRole('textbox', { name: 'Integration log path' })).toHaveAttribute('readonly', '');

  await app.getByRole('textbox', { name: 'Base URL' }).fill('http://attacker.example');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByRole('textbox', { name: 'Base URL' })).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByText(/can change only together with the key to use there/).first()).toBeVisible();
});
