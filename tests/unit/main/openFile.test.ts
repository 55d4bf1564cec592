// A click on a desktop notification opens the file's page: told by an event to a window that shows the app, loaded
// on the file's route in a window that is new or still loading (an event would arrive before the page listens).
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../electron/main/appUrl';
import { fileRouteUrl, openFileInWindow, type OpenableWindow } from '../../../electron/main/openFile';

const HASH = 'ab'.repeat(32);

function fakeWindow(state: { loading: boolean; url: string }) {
  const loaded: string[] = [];
  const win: OpenableWindow = {
    loadURL: vi.fn(async (url: string) => {
      loaded.push(url);
    }),
    webContents: { isLoading: () => state.loading, getURL: () => state.url },
  };
  return { win, loaded };
}

describe('opening a file from a notification', () => {
  it('tells a window that shows the app, without reloading it', () => {
    const { win, loaded } = fakeWindow({ loading: false, url: `${APP_ENTRY_URL}#/history` });
    const send = vi.fn();
    openFileInWindow(win, HASH, send);
    expect(send).toHaveBeenCalledWith({ type: 'open-file', hash: HASH });
    expect(loaded).toEqual([]);
  });

  it("starts a new or loading window on the file's route", () => {
    for (const state of [
      { loading: true, url: APP_ENTRY_URL },
      { loading: false, url: '' }, // created, nothing loaded yet
    ]) {
      const { win, loaded } = fakeWindow(state);
      const send = vi.fn();
      openFileInWindow(win, HASH, send);
      expect(send).not.toHaveBeenCalled();
      expect(loaded).toEqual([`app://fim-verdict/index.html#/file/${HASH}`]);
    }
  });

  it('a summary (no file) or no window: nothing more than bringing the window up', () => {
    const { win, loaded } = fakeWindow({ loading: false, url: APP_ENTRY_URL });
    const send = vi.fn();
    openFileInWindow(win, null, send);
    openFileInWindow(null, HASH, send);
    expect(send).not.toHaveBeenCalled();
    expect(loaded).toEqual([]);
  });

  it('encodes the hash into the route', () => {
    expect(fileRouteUrl('a/b#c')).toBe('app://fim-verdict/index.html#/file/a%2Fb%23c');
  });
});
