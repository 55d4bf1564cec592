import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => {});
vi.mock('electron', () => ({ shell: { openExternal: (url: string) => openExternal(url) } }));

const { CONTENT_SECURITY_POLICY, guardWebContents, hardenSession, installSecurity, isPermissionAllowed } =
  await import('../../../electron/main/security');

type Fn = (...args: never[]) => unknown;
function fakeSession() {
  const handlers: Record<string, Fn> = {};
  const ses = {
    webRequest: {
      onHeadersReceived: (fn: Fn) => (handlers.headers = fn),
      onBeforeRequest: (fn: Fn) => (handlers.request = fn),
    },
    setPermissionRequestHandler: (fn: Fn) => (handlers.permissionRequest = fn),
    setPermissionCheckHandler: (fn: Fn) => (handlers.permissionCheck = fn),
    setDevicePermissionHandler: (fn: Fn) => (handlers.device = fn),
  };
  return { ses, handlers: handlers as Record<string, (...args: unknown[]) => unknown> };
}

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
  fire(name: string, url: string, isMainFrame = true) {
    const event = {
      url,
      isMainFrame,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit(name, event, url);
    return event.defaultPrevented;
  }
}

const VT = `https://www.virustotal.com/gui/file/${'b'.repeat(64)}`;

describe('security handlers', () => {
  beforeEach(() => {
    openExternal.mockClear();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('sets the strict CSP on every response, replacing any other', () => {
    const { ses, handlers } = fakeSession();
    hardenSession(ses as never);
    const callback = vi.fn();
    handlers.headers(
      {
        url: 'app://fim-verdict/index.html',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
      },
      callback,
    );
    const headers = callback.mock.calls[0][0].responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    // no inline script and no JS eval; WebAssembly compilation only ('wasm-unsafe-eval', for hashing dropped files)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-(inline|eval|hashes)'/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    const devtools = vi.fn();
    handlers.headers({ url: 'devtools://devtools/bundled/inspector.html', responseHeaders: {} }, devtools);
    expect(devtools).toHaveBeenCalledWith({});
  });

  it('cancels remote requests from pages but lets the main process reach VirusTotal', () => {
    const { ses, handlers } = fakeSession();
    hardenSession(ses as never);
    const decide = (details: object) => {
      const callback = vi.fn();
      handlers.request(details, callback);
      return callback.mock.calls[0][0].cancel as boolean;
    };
    expect(decide({ url: 'app://fim-verdict/assets/index.js', webContentsId: 1 })).toBe(false);
    expect(decide({ url: 'data:image/png;base64,AAAA', webContentsId: 1 })).toBe(false);
    expect(decide({ url: 'https://evil.com/x.js', webContentsId: 1 })).toBe(true);
    expect(decide({ url: 'http://127.0.0.1:8080/', webContentsId: 1 })).toBe(true);
    expect(decide({ url: 'file:///etc/passwd', webContentsId: 1 })).toBe(true);
    expect(decide({ url: 'https://www.virustotal.com/api/v3/files/x' })).toBe(false);
  });

  it('denies every permission request and check, except clipboard writes from the app page', () => {
    const { ses, handlers } = fakeSession();
    hardenSession(ses as never);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'hid',
    ]) {
      const callback = vi.fn();
      handlers.permissionRequest(null, permission, callback, { requestingUrl: 'app://fim-verdict/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.permissionCheck(null, permission, 'app://fim-verdict', {})).toBe(false);
    }
    const callback = vi.fn();
    handlers.permissionRequest(null, 'clipboard-sanitized-write', callback, {
      requestingUrl: 'app://fim-verdict/index.html',
    });
    expect(callback).toHaveBeenCalledWith(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.com/')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
    expect(handlers.device()).toBe(false);
  });

  it('denies navigation away from the app and sends VirusTotal links to the browser', () => {
    const contents = new FakeContents();
    guardWebContents(contents as never);
    expect(contents.fire('will-navigate', 'app://fim-verdict/index.html')).toBe(false);
    expect(contents.fire('will-navigate', 'https://evil.com/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.fire('will-navigate', VT)).toBe(true);
    expect(openExternal).toHaveBeenCalledWith(VT);
    expect(contents.fire('will-redirect', 'https://evil.com/')).toBe(true);
    expect(contents.fire('will-frame-navigate', 'https://evil.com/', false)).toBe(true);
    expect(contents.fire('will-frame-navigate', 'app://fim-verdict/index.html', false)).toBe(false);
    expect(contents.fire('will-navigate', 'app://fim-verdict.evil.com/index.html')).toBe(true);
  });

  it('denies every new window; a VirusTotal link opens in the browser instead', () => {
    const contents = new FakeContents();
    guardWebContents(contents as never);
    expect(contents.openHandler?.({ url: 'https://evil.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://fim-verdict/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.openHandler?.({ url: VT })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith(VT);
  });

  it('refuses webviews', () => {
    const contents = new FakeContents();
    guardWebContents(contents as never);
    expect(contents.fire('will-attach-webview', 'https://evil.com/')).toBe(true);
  });

  it('guards every webContents the app creates', () => {
    const app = new EventEmitter();
    const { ses } = fakeSession();
    installSecurity(app as never, ses as never);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.com/')).toBe(true);
    expect(contents.openHandler).not.toBeNull();
  });
});
