// IPC: one ipcMain.handle per contract method, on its own channel (no generic bridge). Each handler checks that
// the message comes from the main window's top frame showing the app's own page, then calls the engine through the
// one dispatcher (core/api/dispatch.ts: the payload and the answer checked against the contract), and answers an
// ApiResult: never a thrown error, never Electron's event.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { API_METHODS, type ApiEvent, type ApiMethod, type ApiResult } from '../../shared/contract';
import { IPC_EVENT_CHANNEL, IPC_PICK_PATH_CHANNEL, ipcChannel, type PickKind } from '../../shared/bridge';
import { dispatch } from '../core/api/dispatch';
import type { ApiBackend } from '../core/api/types';
import { isAppUrl } from './appUrl';

export { toErrorBody } from '../core/api/dispatch';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  backend: ApiBackend;
  /** the main window's webContents (null while it does not exist) */
  getWebContents(): WebContents | null;
  log?: (message: string) => void;
  /** the native picker (dialog.showOpenDialog in the app); absent in tests that do not need it */
  pickPath?: (kind: PickKind) => Promise<string | null>;
}

/** Why a sender is refused, or null when it is the main window's top frame on the app's own page. */
export function senderProblem(event: IpcMainInvokeEvent, main: WebContents | null): string | null {
  if (!main || main.isDestroyed()) return 'no main window';
  if (event.sender !== main && event.sender?.id !== main.id) return 'not the main window';
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  const top = main.mainFrame;
  if (frame !== top && (frame.processId !== top.processId || frame.routingId !== top.routingId)) {
    return 'not the top frame';
  }
  if (!isAppUrl(frame.url)) return 'the frame does not show the app';
  return null;
}

/** One method over IPC (the window, the menu): the dispatcher, logging as the desktop app's own. */
export function invokeMethod(
  method: ApiMethod,
  payload: unknown,
  backend: ApiBackend,
  log: (message: string) => void = () => {},
): Promise<ApiResult<unknown>> {
  return dispatch(backend, method, payload, { log: (m) => log(`[ipc] ${m}`) });
}

/** Registers the handlers and the event forwarding; returns a function that removes them. */
export function registerIpc(options: IpcOptions): () => void {
  const log = options.log ?? ((message: string) => console.warn(message));
  for (const method of API_METHODS) {
    options.ipcMain.handle(ipcChannel(method), async (event, payload: unknown) => {
      const problem = senderProblem(event, options.getWebContents());
      if (problem) {
        log(`[ipc] refused ${method}: ${problem}`);
        return {
          ok: false,
          error: { code: 'forbidden', message: 'this window may not call the app' },
        } satisfies ApiResult<never>;
      }
      return invokeMethod(method, payload, options.backend, log);
    });
  }
  options.ipcMain.handle(IPC_PICK_PATH_CHANNEL, async (event, kind: unknown): Promise<ApiResult<string | null>> => {
    const problem = senderProblem(event, options.getWebContents());
    if (problem) return { ok: false, error: { code: 'forbidden', message: 'this window may not call the app' } };
    if (kind !== 'file' && kind !== 'folder') {
      return { ok: false, error: { code: 'bad-request', message: "pickPath takes 'file' or 'folder'" } };
    }
    if (!options.pickPath) return { ok: true, value: null };
    return { ok: true, value: await options.pickPath(kind) };
  });
  const unsubscribe = options.backend.subscribe((event: ApiEvent) => sendEvent(options.getWebContents(), event));
  return () => {
    unsubscribe();
    for (const method of API_METHODS) options.ipcMain.removeHandler(ipcChannel(method));
    options.ipcMain.removeHandler(IPC_PICK_PATH_CHANNEL);
  };
}

/** Pushes one event to the window (dropped while the window is closed or loading a crash page). */
export function sendEvent(contents: WebContents | null, event: ApiEvent): void {
  if (!contents || contents.isDestroyed()) return;
  if (!isAppUrl(contents.getURL())) return;
  contents.send(IPC_EVENT_CHANNEL, event);
}
