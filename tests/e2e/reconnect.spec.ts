// The server goes away while the app is open: no view empties the page (lazy views whose code cannot load show
// the reconnecting state), and every view comes back by itself once the server runs again.
import { expect, test } from './fixtures';

test('lazy views while the server is away show "Reconnecting", then load by themselves', async ({ app, stand }) => {
  await stand.stopServer();
  await expect(app.getByRole('status', { name: 'Connection' })).toContainText('Reconnecting');

  const reconnecting = app.getByRole('heading', { name: 'Reconnecting to the FIM Verdict server…' });
  await app.getByRole('link', { name: 'History' }).click();
  await expect(reconnecting).toBeVisible();
  // the frame stays: navigation, status bar
  await expect(app.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(app.locator('footer.statusbar')).toBeVisible();

  await app.getByRole('link', { name: 'Look up' }).click();
  await expect(reconnecting).toBeVisible();

  await stand.startServer();
  // no click: the view loads once the event stream is back
  await expect(app.getByRole('heading', { name: 'Look up', level: 1 })).toBeVisible({ timeout: 45_000 });
  await expect(reconnecting).toBeHidden();
  // with its styles (the stylesheet that failed was loaded again)
  await expect(app.locator('.lookup__inputs')).toHaveCSS('display', 'grid');

  await app.getByRole('link', { name: 'History' }).click();
  await expect(app.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await expect(app.getByRole('table', { name: 'History' }).or(app.getByText('No answer yet'))).toBeVisible();
});
