import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, resolveAppFile } from '../../../electron/main/appUrl';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));
const { registerAppScheme, serveAppRequest } = await import('../../../electron/main/appProtocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/main/security');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-renderer-'));
fs.mkdirSync(path.join(root, 'assets'));
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('app:// origin', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://fim-verdict/assets/x.js?v=1#a')).toBe(true);
    for (const url of [
      'app://fim-verdict.evil/index.html',
      'app://evil/index.html',
      'app://user@fim-verdict/',
      'app://fim-verdict:99/',
      'https://fim-verdict/',
      'file:///index.html',
      'fim-verdict',
      '',
      null,
      42,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('maps URLs to files under the renderer folder only', () => {
    expect(resolveAppFile(root, 'app://fim-verdict/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://fim-verdict/assets/index-abc.js?x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    for (const url of [
      'app://fim-verdict/../../etc/passwd',
      'app://fim-verdict/%2e%2e/%2e%2e/etc/passwd',
      'app://fim-verdict/..%2f..%2fetc%2fpasswd',
      'app://fim-verdict/assets/..%5c..%5cx',
      'app://fim-verdict/a%00.html',
      'app://fim-verdict/%E0%A4%A',
      'app://other/index.html',
    ]) {
      const file = resolveAppFile(root, url);
      if (file !== null) expect(file.startsWith(root + path.sep), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveAppFile(root, 'app://fim-verdict/a%00.html')).toBeNull();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  it('registers app as a standard, secure scheme', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const privileges = registerSchemesAsPrivileged.mock.calls[0][0][0].privileges;
    expect(privileges.bypassCSP).toBeFalsy();
    expect(privileges.corsEnabled).toBeFalsy();
  });

  it('serves files with their type, the CSP and nosniff', async () => {
    const res = await serveAppRequest(root, { url: 'app://fim-verdict/assets/index-abc.js', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
    const html = await serveAppRequest(root, { url: 'app://fim-verdict/', method: 'GET' });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers 404 outside the folder or for missing files, 405 for writes', async () => {
    expect((await serveAppRequest(root, { url: 'app://fim-verdict/missing.js', method: 'GET' })).status).toBe(404);
    expect((await serveAppRequest(root, { url: 'app://fim-verdict/%2e%2e/x', method: 'GET' })).status).toBe(404);
    expect((await serveAppRequest(root, { url: 'app://evil/index.html', method: 'GET' })).status).toBe(404);
    expect((await serveAppRequest(root, { url: 'app://fim-verdict/', method: 'POST' })).status).toBe(405);
  });
});
