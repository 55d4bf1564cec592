// Browser mode's desktop notifications, in Chromium: once the permission is granted (Playwright grants it), a new
// malicious file shows one notification whose click opens the file's page; the Settings page has the button that
// asks for it, and says what to do when the browser blocks it.
import type { Page } from '@playwright/test';
import { expect, maliciousFile, sha, test } from './fixtures';

const evil = sha('e2e-browser-notification');

/** Records every Notification the page creates (the real one is still made), as window.__notifications. */
async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Notification;
    const seen: { title: string; body: string | undefined; tag: string | undefined; n: Notification }[] = [];
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        seen.push({ title, body: options?.body, tag: options?.tag, n: this });
      }
      static override get permission() {
        return Real.permission;
      }
      static override requestPermission = Real.requestPermission.bind(Real);
    }
    Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true });
    Object.defineProperty(window, '__notifications', { value: seen });
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
}

type Seen = { title: string; body: string; tag: string }[];
const seenIn = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __notifications: Seen }).__notifications.map(({ title, body, tag }) => ({
      title,
      body,
      tag,
    })),
  );

test.describe('allowed', () => {
  test.use({ permissions: ['notifications'], standOptions: { files: [maliciousFile(evil, 9, 71)] } });

  test('a new malicious file shows one notification; its click opens the file page', async ({ app, stand }) => {
    await recordNotifications(app);
    await app.getByRole('link', { name: 'Settings' }).click();
    await expect(app.getByText('On: one notification for each file that turns malicious')).toBeVisible();
    await app.getByRole('link', { name: 'Live' }).click();

    stand.append([
      stand.gen.fimAlert({
        event: 'added',
        path: '/srv/drop/notified.bin',
        hashes: { sha256: evil },
        epochMs: Date.now(),
      }),
    ]);
    await expect(app.getByRole('table', { name: 'FIM alerts' }).getByText('9/71')).toBeVisible();
    await expect
      .poll(() => seenIn(app))
      .toEqual([{ title: 'Malicious file: notified.bin', body: '/srv/drop/notified.bin (9/71 engines)', tag: evil }]);

    // the same file answered again: no second notification
    await stand.api('/api/rescan', { method: 'POST', body: { hash: evil } });
    await expect.poll(() => stand.emulator.countFor(evil)).toBe(2);

    await app.evaluate(() => {
      const [first] = (window as unknown as { __notifications: { n: Notification }[] }).__notifications;
      first.n.dispatchEvent(new Event('click'));
    });
    await expect(app).toHaveURL(new RegExp(`#/file/${evil}$`));
    await expect(app.getByRole('heading', { level: 1 })).toContainText('dropper.elf'); // the name VirusTotal knows
    expect(await seenIn(app)).toHaveLength(1);
  });

  test('"Silence this browser" stops them here, and is remembered', async ({ app }) => {
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('button', { name: 'Silence this browser' }).click();
    await expect(app.getByText('Allowed, but silenced in this browser.')).toBeVisible();
    await app.reload();
    await expect(app.getByRole('button', { name: 'Turn on in this browser' })).toBeVisible();
  });
});

test('not allowed yet: a clear button asks for it', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('button', { name: 'Allow notifications in this browser' })).toBeVisible();
});

test('blocked by the browser: the page says how to allow them', async ({ app, stand }) => {
  // what a "Block" in the browser's prompt leaves: the permission denied for this origin, in this browser context
  const cdp = await app.context().newCDPSession(app);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', {
    permission: { name: 'notifications' },
    setting: 'denied',
    origin: new URL(stand.url).origin,
    browserContextId: targetInfo.browserContextId,
  });
  await app.reload();
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByText('This browser blocks notifications for this page.')).toBeVisible();
  await expect(app.getByText(/set Notifications to Allow/)).toBeVisible();
});
