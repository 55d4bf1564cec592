// The Electron main process: one instance, the engine in-process (SQLite via the Electron build of
// better-sqlite3, VirusTotal through Electron's net.fetch so the system proxy applies, the key in safeStorage),
// IPC, the window, notifications, the menu, and a quit that waits for the engine to stop.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session } from 'electron';
import { startEngine } from '../core/engine';
import type { Engine, Logger } from '../core/engineTypes';
import type { ApiEvent } from '../../shared/contract';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { registerIpc, sendEvent } from './ipc';
import { installGracefulQuit } from './lifecycle';
import { DataDirLockedError } from '../core/dataDirLock';
import { USAGE_LINE } from '../headless/args';
import { lockedMessage, usageFor } from '../headless/commandHint';
import { adoptLegacyDataDir, legacyHeadlessDataDir } from '../headless/dataDirs';
import { engineOptionsFromArgs } from '../headless/engineOptions';
import { parseDesktopArgs } from './launchArgs';
import { createUntriagedBadge } from './badge';
import { installMenu } from './menu';
import { resolveNativeBinding } from './nativeBinding';
import { createMaliciousNotifier, showNativeNotification } from './notifications';
import { openFileInWindow } from './openFile';
import { createSafeStorageSecrets } from './secrets';
import { secretFileName } from '../headless/secretFile';
import { cachedSlots } from '../core/settings/secretSlots';
import { installSecurity } from './security';
import { createMainWindow, focusWindow } from './window';

const log: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

// --user-data-dir=<dir>: another profile (the end-to-end tests use a temporary one). Set before the lock,
// which lives in the profile.
const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', path.resolve(userDataDir));

registerAppScheme(protocol);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let engine: Engine | null = null;

function openWindow(): BrowserWindow {
  const win = createMainWindow({
    preloadPath: path.join(app.getAppPath(), 'out', 'preload', 'index.cjs'),
    dataDir: app.getPath('userData'),
    title: app.getName(),
    icon: app.isPackaged ? undefined : path.join(app.getAppPath(), 'build', 'icon.png'),
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

function showWindow(): BrowserWindow | null {
  if (!engine) return null;
  mainWindow ??= openWindow();
  focusWindow(mainWindow);
  return mainWindow;
}

function fail(title: string, message: string): void {
  log.error(`[app] ${title}: ${message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

async function main(): Promise<void> {
  const cleanups: (() => void)[] = [];
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    // macOS keeps the app (and the engine following alerts) alive without a window, as its apps do
    if (process.platform !== 'darwin') app.quit();
  });
  installGracefulQuit(app, async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await engine?.stop();
  });

  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('io.fimverdict.app');
  installSecurity(app, session.defaultSession);
  handleAppProtocol(protocol, path.join(app.getAppPath(), 'out', 'renderer'));

  let launch: ReturnType<typeof parseDesktopArgs>;
  try {
    launch = parseDesktopArgs(process.argv, process.cwd());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('FIM Verdict: a command-line flag is wrong', `${message}\n\n${usageFor(USAGE_LINE)}`);
  }
  const { args } = launch;
  const dataDir = launch.dataDirGiven ? args.dataDir : app.getPath('userData');
  // what an older headless run kept in its own folder comes along (the same folder for every mode now)
  const notices: string[] = [];
  if (!launch.dataDirGiven) {
    try {
      const moved = adoptLegacyDataDir(dataDir, legacyHeadlessDataDir());
      if (moved) {
        log.warn(moved);
        notices.push(moved);
      }
    } catch (error) {
      return fail('FIM Verdict could not start', error instanceof Error ? error.message : String(error));
    }
  }
  const native = resolveNativeBinding({
    packaged: app.isPackaged,
    projectRoot: app.getAppPath(),
    electronVersion: process.versions.electron,
  });
  if (!native.ok) return fail('FIM Verdict cannot open its database', native.message);

  const fetchViaNet: typeof fetch = (input, init) => net.fetch(input instanceof URL ? input.href : input, init);
  let started: Engine;
  try {
    started = await startEngine(
      engineOptionsFromArgs(args, {
        dataDir,
        notices,
        secrets: createSafeStorageSecrets({ safeStorage, dataDir, log: log.warn }),
        secretSlot: cachedSlots((name) =>
          createSafeStorageSecrets({ safeStorage, dataDir, fileName: `${secretFileName(name)}.bin`, log: log.warn }),
        ),
        fetch: fetchViaNet,
        nativeBinding: native.nativeBinding,
        transport: 'ipc',
        log,
      }),
    );
  } catch (error) {
    const message =
      error instanceof DataDirLockedError
        ? lockedMessage(error.pid, error.dataDir)
        : error instanceof Error
          ? error.message
          : String(error);
    return fail('FIM Verdict could not start', message);
  }
  engine = started;
  const { backend } = started;

  cleanups.push(
    registerIpc({
      ipcMain,
      backend,
      getWebContents: () => mainWindow?.webContents ?? null,
      log: log.warn,
      pickPath: async (kind) => {
        const options = {
          title: kind === 'folder' ? "Choose a manager's logs/alerts folder" : 'Choose alerts.json or alerts.log',
          properties: [kind === 'folder' ? ('openDirectory' as const) : ('openFile' as const)],
        };
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseExportPath: async ({ filename, format }) => {
        const options = {
          title: 'Save the export',
          defaultPath: path.join(app.getPath('downloads'), filename),
          filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
          properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
        };
        const result = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    }),
  );

  const notifier = createMaliciousNotifier({
    isEnabled: async () => (await backend.handlers.getSettings({})).notifications,
    show: showNativeNotification,
    openFile: (hash) => {
      const win = showWindow();
      openFileInWindow(win, hash, (event) => win && sendEvent(win.webContents, event), log.warn);
    },
    log: log.warn,
  });
  const badge = createUntriagedBadge({
    setBadgeCount: (count) => app.setBadgeCount(count),
    stats: () => backend.handlers.getStats({}) as Promise<{ untriaged: number }>,
    log: log.warn,
  });
  const unsubscribe = backend.subscribe((event: ApiEvent) => {
    void notifier.handle(event);
    badge.handle(event);
  });
  void badge.start();
  cleanups.push(unsubscribe, () => notifier.dispose());

  installMenu({ backend, getWindow: () => mainWindow, dataDir });
  showWindow();
}

if (!app.requestSingleInstanceLock()) {
  // another FIM Verdict runs on this profile: it gets the 'second-instance' event and comes to the front
  app.quit();
} else {
  main().catch((error: unknown) => fail('FIM Verdict stopped', error instanceof Error ? error.message : String(error)));
}
