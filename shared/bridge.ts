// What the preload script exposes to the renderer as `window.fimVerdict`: one named function per contract
// method (no generic channel), each answering an ApiResult, and an event subscription that never hands the
// renderer Electron's event object.
import type { ApiEvent, ApiMethod, ApiOutput, ApiResult } from './contract';
import type { ExportMethod, SavedExport } from './exports';

export type BridgeApi = {
  readonly [M in ApiMethod]: (input: unknown) => Promise<ApiResult<ApiOutput<M>>>;
} & {
  readonly transport: 'ipc';
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** desktop only (no HTTP route): the native file/folder picker for a source; null when cancelled */
  pickPath(kind: PickKind): Promise<ApiResult<string | null>>;
  /**
   * desktop only (the HTTP transport downloads instead): an export (the contract method and its input) written to a
   * file the analyst chooses in the native Save dialog, by the main process a page at a time; the answer names the
   * file and its rows, or says it was cancelled. The renderer never gives a path.
   */
  saveExport(method: ExportMethod, input: unknown): Promise<ApiResult<SavedExport>>;
};

export type PickKind = 'file' | 'folder';
/** the channel of the native picker */
export const IPC_PICK_PATH_CHANNEL = 'fimv:pickPath';
/** the channel of an export saved to a file */
export const IPC_SAVE_EXPORT_CHANNEL = 'fimv:saveExport';

/** IPC channel of a contract method: 'fimv:getStats', ... */
export const ipcChannel = (method: ApiMethod): string => `fimv:${method}`;
/** the one channel main uses to push ApiEvents to the window */
export const IPC_EVENT_CHANNEL = 'fimv:event';
