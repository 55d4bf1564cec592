// IPC: one ipcMain.handle per contract method, on its own channel (no generic bridge). Each handler checks that
// the message comes from the main window's top frame showing the app's own page, then calls the engine through the
// one dispatcher (core/api/dispatch.ts: the payload and the answer checked against the contract), and answers an
// ApiResult: never a thrown error, never Electron's event.
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  API_METHODS,
  apiContract,
  describeZodError,
  type ApiEvent,
  type ApiMethod,
  type ApiParsedInput,
  type ApiResult,
} from '../../shared/contract';
import {
  IPC_EVENT_CHANNEL,
  IPC_PICK_PATH_CHANNEL,
  IPC_SAVE_EXPORT_CHANNEL,
  ipcChannel,
  type PickKind,
} from '../../shared/bridge';
import { isExportMethod, type SavedExport } from '../../shared/exports';
import { ApiError } from '../core/base/apiError';
import { dispatch } from '../core/api/dispatch';
import { openExport } from '../core/api/exportStream';
import type { ApiBackend } from '../core/api/types';
import { isAppUrl } from './appUrl';
import { writeExportToFile } from './exportToFile';

export { toErrorBody } from '../core/api/dispatch';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  backend: ApiBackend;
  /** the main window's webContents (null while it does not exist) */
  getWebContents(): WebContents | null;
  log?: (message: string) => void;
  /** the native picker (dialog.showOpenDialog in the app); absent in tests that do not need it */
  pickPath?: (kind: PickKind) => Promise<string | null>;
  /** the native Save dialog (dialog.showSaveDialog in the app) for an export's file; null when cancelled */
  chooseExportPath?: (suggested: { filename: string; format: 'csv' | 'json' }) => Promise<string | null>;
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'this window may not call the app' } } as const;

/**
 * An export saved to a file: the request ({ method, input }) checked against the contract, the path asked of the
 * Save dialog only (never of the renderer), the stream written a page at a time.
 */
export async function saveExport(
  request: unknown,
  backend: ApiBackend,
  chooseExportPath: IpcOptions['chooseExportPath'],
  log: (message: string) => void,
): Promise<ApiResult<SavedExport>> {
  const { method, input } = (request ?? {}) as { method?: unknown; input?: unknown };
  if (!isExportMethod(method)) {
    return { ok: false, error: { code: 'bad-request', message: 'saveExport takes an export method' } };
  }
  const parsed = apiContract[method].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  if (!backend.exports || !chooseExportPath) {
    return { ok: false, error: { code: 'internal', message: 'this app cannot save an export to a file' } };
  }
  try {
    const stream = openExport(backend.exports, method, parsed.data as ApiParsedInput<typeof method>);
    const filePath = await chooseExportPath({ filename: stream.filename, format: stream.format });
    if (!filePath) return { ok: true, value: { saved: false } };
    const { rows } = await writeExportToFile(stream, filePath);
    return { ok: true, value: { saved: true, filename: path.basename(filePath), rows } };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    const message = error instanceof Error ? error.message : String(error);
    log(`[ipc] the export to a file failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    // the file system's own words (no such folder, no room left, not allowed): the analyst chose the place
    return { ok: false, error: { code: 'internal', message: `The export could not be saved: ${message}` } };
  }
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
  options.ipcMain.handle(IPC_SAVE_EXPORT_CHANNEL, async (event, request: unknown): Promise<ApiResult<SavedExport>> => {
    const problem = senderProblem(event, options.getWebContents());
    if (problem) {
      log(`[ipc] refused saveExport: ${problem}`);
      return FORBIDDEN;
    }
    return saveExport(request, options.backend, options.chooseExportPath, log);
  });
  const unsubscribe = options.backend.subscribe((event: ApiEvent) => sendEvent(options.getWebContents(), event));
  return () => {
    unsubscribe();
    for (const method of API_METHODS) options.ipcMain.removeHandler(ipcChannel(method));
    options.ipcMain.removeHandler(IPC_PICK_PATH_CHANNEL);
    options.ipcMain.removeHandler(IPC_SAVE_EXPORT_CHANNEL);
  };
}

/** Pushes one event to the window (dropped while the window is closed or loading a crash page). */
export function sendEvent(contents: WebContents | null, event: ApiEvent): void {
  if (!contents || contents.isDestroyed()) return;
  if (!isAppUrl(contents.getURL())) return;
  contents.send(IPC_EVENT_CHANNEL, event);
}
