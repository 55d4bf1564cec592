// Builds the object the preload exposes as window.fimVerdict (see index.ts): one named function per contract
// method on its own channel (never a generic invoke), `transport`, and `subscribe`, whose listener receives the
// event payload only (never Electron's IpcRendererEvent, which carries `sender`).
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_PICK_PATH_CHANNEL,
  IPC_SAVE_EXPORT_CHANNEL,
  ipcChannel,
  type BridgeApi,
} from '../../shared/bridge';
import type { ApiEvent } from '../../shared/contract';
import { PRELOAD_METHODS } from './methods';

export function buildBridge(renderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): BridgeApi {
  const api: Record<string, unknown> = { transport: 'ipc' };
  for (const method of PRELOAD_METHODS) {
    api[method] = (input: unknown) => renderer.invoke(ipcChannel(method), input);
  }
  api.pickPath = (kind: unknown) => renderer.invoke(IPC_PICK_PATH_CHANNEL, kind);
  api.saveExport = (method: unknown, input: unknown) => renderer.invoke(IPC_SAVE_EXPORT_CHANNEL, { method, input });
  api.subscribe = (listener: (event: ApiEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    const handler = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    renderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      renderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  };
  return Object.freeze(api) as BridgeApi;
}
