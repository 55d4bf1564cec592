import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { apiContract } from '../../../shared/contract';
import { IPC_EVENT_CHANNEL, IPC_SAVE_EXPORT_CHANNEL, ipcChannel } from '../../../shared/bridge';
import { PRELOAD_METHODS } from '../../../electron/preload/methods';

const exposed: Record<string, unknown> = {};
const renderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: renderer,
}));

await import('../../../electron/preload/index');
const bridge = exposed.fimVerdict as Record<string, unknown> & {
  subscribe(listener: (event: unknown) => void): () => void;
};

describe('preload', () => {
  it('lists exactly the contract methods, in the same order', () => {
    expect([...PRELOAD_METHODS]).toEqual(Object.keys(apiContract));
  });

  it('exposes only window.fimVerdict, with exactly the BridgeApi keys', () => {
    expect(Object.keys(exposed)).toEqual(['fimVerdict']);
    expect(Object.keys(bridge).sort()).toEqual(
      [...Object.keys(apiContract), 'pickPath', 'saveExport', 'subscribe', 'transport'].sort(),
    );
    expect(bridge.transport).toBe('ipc');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('each method invokes its own channel with the input only', async () => {
    for (const method of Object.keys(apiContract)) {
      const fn = bridge[method] as (input: unknown) => Promise<unknown>;
      expect(typeof fn).toBe('function');
      await expect(fn({ a: 1 })).resolves.toEqual({
        ok: true,
        value: { channel: ipcChannel(method as never), input: { a: 1 } },
      });
    }
    expect(renderer.invoke).toHaveBeenCalledTimes(Object.keys(apiContract).length);
  });

  it('saveExport invokes its own channel with the method and the input only (never a path)', async () => {
    await expect(
      (bridge.saveExport as (m: string, i: unknown) => Promise<unknown>)('exportAlerts', { format: 'csv' }),
    ).resolves.toEqual({
      ok: true,
      value: { channel: IPC_SAVE_EXPORT_CHANNEL, input: { method: 'exportAlerts', input: { format: 'csv' } } },
    });
  });

  it('subscribe hands the listener the payload, never the IpcRendererEvent, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.subscribe(listener);
    const ipcEvent = { sender: renderer, ports: [] };
    renderer.emit(IPC_EVENT_CHANNEL, ipcEvent, { type: 'open-file', hash: 'abc' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ type: 'open-file', hash: 'abc' }]);
    unsubscribe();
    renderer.emit(IPC_EVENT_CHANNEL, ipcEvent, { type: 'open-file', hash: 'def' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(renderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    expect(() => bridge.subscribe('nope' as never)).toThrow(TypeError);
  });
});
