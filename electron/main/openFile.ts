// A click on a desktop notification opens that file's page. The window the click brings up may be new (closed on
// macOS) or still loading: the page then starts on the file's route, since an 'open-file' event sent before the
// page has subscribed to events would be lost. A window already showing the app is told by the event (no reload:
// the analyst's place in other views stays). No electron import: the window is given as what this needs of it.
import type { ApiEvent } from '../../shared/contract';
import { APP_ENTRY_URL } from './appUrl';

export interface OpenableWindow {
  loadURL(url: string): Promise<void>;
  webContents: { isLoading(): boolean; getURL(): string };
}

/** The app's URL that starts on a file's page (the renderer's hash route, renderer/src/hooks/useRoute.ts). */
export function fileRouteUrl(hash: string): string {
  return `${APP_ENTRY_URL}#/file/${encodeURIComponent(hash)}`;
}

export function openFileInWindow(
  win: OpenableWindow | null,
  hash: string | null,
  send: (event: ApiEvent) => void,
  log: (message: string) => void = () => {},
): void {
  if (!win || !hash) return; // a summary notification only brings the window up
  const loaded = !win.webContents.isLoading() && win.webContents.getURL().startsWith(APP_ENTRY_URL);
  if (loaded) {
    send({ type: 'open-file', hash });
    return;
  }
  win.loadURL(fileRouteUrl(hash)).catch((error: unknown) => log(`[notify] cannot open ${hash}: ${String(error)}`));
}
