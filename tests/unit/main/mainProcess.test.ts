// The main process wired end to end without the Electron binary: electron/main/index.ts against a fake 'electron'
// module and the real engine (on a temporary profile, better-sqlite3's Node build: the fake app says it is
// packaged, so no Electron-ABI copy is asked for). Catches wiring mistakes unit tests of each file cannot.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../../shared/contract';
import { IPC_EVENT_CHANNEL, IPC_PICK_PATH_CHANNEL, IPC_SAVE_EXPORT_CHANNEL, ipcChannel } from '../../../shared/bridge';

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const profile = mkdtempSync(join(tmpdir(), 'fimv-main-'));
  const paths: Record<string, string> = {};
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const windows: { webContents: { sent: unknown[][] } & Record<string, unknown> }[] = [];
  const app = Object.assign(new Emitter(), {
    commandLine: { getSwitchValue: (name: string) => (name === 'user-data-dir' ? profile : '') },
    setPath: (name: string, value: string) => (paths[name] = value),
    getPath: (name: string) => paths[name],
    enableSandbox: () => {},
    requestSingleInstanceLock: () => true,
    quitCalls: 0,
    quit() {
      app.quitCalls += 1;
      const event = { preventDefault() {} };
      app.emit('will-quit', event);
    },
    exit: (code: number) => {
      throw new Error(`app.exit(${code})`);
    },
    whenReady: () => Promise.resolve(),
    isPackaged: true,
    getAppPath: () => process.cwd(),
    getName: () => 'FIM Verdict',
    getVersion: () => '0.1.0',
    setAppUserModelId: () => {},
  });
  let nextId = 1;
  class BrowserWindow extends Emitter {
    webContents: { sent: unknown[][] } & Record<string, unknown>;
    options: unknown;
    constructor(options: unknown) {
      super();
      this.options = options;
      const mainFrame = { url: 'app://fim-verdict/index.html', processId: 3, routingId: 1 };
      this.webContents = {
        id: nextId++,
        mainFrame,
        sent: [],
        isDestroyed: () => false,
        isLoading: () => false,
        getURL: () => mainFrame.url,
        send: (...args: unknown[]) => this.webContents.sent.push(args),
        once: () => {},
      };
      windows.push(this);
    }
    loadURL = async () => {};
    maximize() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized = () => false;
    isVisible = () => true;
    isMaximized = () => false;
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
  }
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const errors: string[] = [];
  const electron = {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) =>
        handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    net: { fetch: () => Promise.reject(new Error('offline in tests')) },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {}, onBeforeRequest: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s).reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
    },
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    nativeTheme: { shouldUseDarkColors: false },
    dialog: { showErrorBox: (title: string, message: string) => errors.push(`${title}: ${message}`) },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    Notification: class {
      static isSupported = () => false;
    },
    shell: { openExternal: async () => {}, openPath: async () => '' },
  };
  return { electron, app, handlers, windows, errors, profile };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

afterAll(() => {
  fs.rmSync(fake.profile, { recursive: true, force: true });
  fs.rmSync(`${fake.profile}-alerts.json`, { force: true });
});

describe('main process wiring (fake Electron, real engine)', () => {
  it('starts the engine on the profile, registers every IPC method and opens one window', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 });
    expect(fake.errors).toEqual([]);
    expect([...fake.handlers.keys()].sort()).toEqual(
      [...API_METHODS.map((m) => ipcChannel(m)), IPC_PICK_PATH_CHANNEL, IPC_SAVE_EXPORT_CHANNEL].sort(),
    );
    const prefs = (fake.windows[0] as unknown as { options: { webPreferences: Record<string, unknown> } }).options
      .webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
  });

  it('answers the window over IPC, with data in the profile', async () => {
    const wc = fake.windows[0].webContents;
    const event = { sender: wc, senderFrame: wc.mainFrame };
    const info = (await fake.handlers.get(ipcChannel('getInfo'))!(event, {})) as {
      ok: boolean;
      value: { transport: string; dataDir: string };
    };
    expect(info.ok).toBe(true);
    expect(info.value.transport).toBe('ipc');
    expect(path.resolve(info.value.dataDir)).toBe(path.resolve(fake.profile));
    const settings = (await fake.handlers.get(ipcChannel('getSettings'))!(event, {})) as {
      value: { keyStorage: { kind: string; encrypted: boolean } };
    };
    expect(settings.value.keyStorage).toMatchObject({ kind: 'safe-storage', encrypted: true });
    const bad = (await fake.handlers.get(ipcChannel('addSource'))!(event, { path: '' })) as { ok: boolean };
    expect(bad.ok).toBe(false);
    const foreign = (await fake.handlers.get(ipcChannel('getInfo'))!(
      { sender: { id: 999 }, senderFrame: { url: 'app://fim-verdict/index.html' } },
      {},
    )) as { ok: boolean; error: { code: string } };
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // a source added through IPC comes back as an event on the window
    // beside the profile: its own folder is the app's, no source (sourcesService.ts)
    const alerts = `${fake.profile}-alerts.json`;
    fs.writeFileSync(alerts, '');
    const added = (await fake.handlers.get(ipcChannel('addSource'))!(event, { path: alerts })) as { ok: boolean };
    expect(added.ok).toBe(true);
    await vi.waitFor(() => expect(wc.sent.some(([channel]) => channel === IPC_EVENT_CHANNEL)).toBe(true));
    expect(fs.readdirSync(fake.profile)).toContain('fim-verdict.sqlite');
  });

  it('waits for the engine to stop when quitting', async () => {
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
    expect(fake.errors).toEqual([]);
  });
});
