// The one window: isolated, sandboxed, no Node in the page, the preload as its only bridge, the renderer loaded
// from app:// (appProtocol.ts), and its size and place remembered (windowState.ts).
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { APP_ENTRY_URL } from './appUrl';
import { clampToDisplays, loadWindowState, MIN_SIZE, saveWindowState, type WindowState } from './windowState';

export interface MainWindowOptions {
  preloadPath: string;
  dataDir: string;
  title: string;
  icon?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const state = clampToDisplays(loadWindowState(options.dataDir), displays);

  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: options.title,
    icon: options.icon,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#111418' : '#f7f8fa',
    // written out in full (not spread from a constant) so reviewers and electronegativity see each one
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // a middle click would try to open a new window (denied anyway by setWindowOpenHandler)
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // remember the normal (un-maximised) bounds, written when moving or resizing settles and when closing
  let timer: NodeJS.Timeout | undefined;
  const current = (): WindowState => ({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => !win.isDestroyed() && saveWindowState(options.dataDir, current()), 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', () => {
    clearTimeout(timer);
    saveWindowState(options.dataDir, current());
  });

  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`[window] could not load ${APP_ENTRY_URL}: ${(error as Error).message}`);
  });
  return win;
}

/** Brings the window to the front (second instance, notification click). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
