import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { alertsExport } from '../../../electron/core/api/alertsExport';
import { countingAlerts } from '../../helpers/exportPages';
import { makeTempDir } from '../../helpers/tempDir';
import { API_METHODS, type ApiEvent } from '../../../shared/contract';
import { IPC_EVENT_CHANNEL, IPC_PICK_PATH_CHANNEL, IPC_SAVE_EXPORT_CHANNEL, ipcChannel } from '../../../shared/bridge';
import { ApiError, type ApiBackend } from '../../../electron/core/api/types';

vi.mock('electron', () => ({}));
const { registerIpc, sendEvent, toErrorBody } = await import('../../../electron/main/ipc');

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, fn: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

let nextId = 1;
function fakeWindow(url = 'app://fim-verdict/index.html') {
  const mainFrame = { url, processId: 7, routingId: 1, parent: null };
  const sent: unknown[][] = [];
  const contents = {
    id: nextId++,
    mainFrame,
    isDestroyed: () => false,
    getURL: () => mainFrame.url,
    send: (...args: unknown[]) => sent.push(args),
  };
  return { contents, mainFrame, sent };
}

/** Answers the contract accepts, for the methods these tests call (IPC checks every answer against it). */
const ANSWERS: Record<string, unknown> = {
  listAlerts: { total: 0, items: [], maxId: 0 },
  listAgents: [],
};

function fakeBackend(overrides: Partial<Record<string, (input: never) => unknown>> = {}) {
  const listeners = new Set<(e: ApiEvent) => void>();
  const calls: [string, unknown][] = [];
  const handlers = new Proxy(
    {},
    {
      get: (_t, method: string) =>
        overrides[method] ??
        ((input: unknown) => {
          calls.push([method, input]);
          return ANSWERS[method] ?? { method };
        }),
    },
  );
  const backend = {
    handlers,
    subscribe: (fn: (e: ApiEvent) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  } as unknown as ApiBackend;
  return { backend, calls, emit: (e: ApiEvent) => listeners.forEach((fn) => fn(e)), listeners };
}

function setup(overrides?: Parameters<typeof fakeBackend>[0]) {
  const ipcMain = fakeIpcMain();
  const win = fakeWindow();
  const back = fakeBackend(overrides);
  const log = vi.fn();
  const dispose = registerIpc({
    ipcMain: ipcMain as never,
    backend: back.backend,
    getWebContents: () => win.contents as never,
    log,
  });
  const call = (
    method: string,
    payload: unknown,
    event: unknown = { sender: win.contents, senderFrame: win.mainFrame },
  ) =>
    ipcMain.handlers.get(ipcChannel(method as never))!(event, payload) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string; fields?: Record<string, string> };
    }>;
  return { ipcMain, win, ...back, log, dispose, call };
}

describe('IPC registration', () => {
  it('registers one handler per contract method on its own channel, and removes them', () => {
    const { ipcMain, dispose, listeners } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [...API_METHODS.map((m) => ipcChannel(m)), IPC_PICK_PATH_CHANNEL, IPC_SAVE_EXPORT_CHANNEL].sort(),
    );
    expect(listeners.size).toBe(1);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });

  it('validates the payload and passes the parsed input (defaults applied)', async () => {
    const { call, calls } = setup();
    const result = await call('listAlerts', { limit: '50', q: '  tmp ' });
    expect(result).toEqual({ ok: true, value: { total: 0, items: [], maxId: 0 } });
    expect(calls).toEqual([['listAlerts', { limit: 50, offset: 0, q: 'tmp' }]]);
    expect(await call('listAgents', undefined)).toEqual({ ok: true, value: [] });
  });

  it('refuses a bad payload with field messages, without calling the engine', async () => {
    const { call, calls } = setup();
    const result = await call('addSource', { path: '', fromEnd: 'yes' });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('bad-request');
    expect(Object.keys(result.error?.fields ?? {}).sort()).toEqual(['fromEnd', 'path']);
    expect(result.error?.fields?.path).toBe('a path is needed');
    const extra = await call('rescan', { hash: 'abc', admin: true });
    expect(extra.ok).toBe(false);
    for (const payload of [null, 'text', 42, [], { __proto__: { limit: 5 } }]) {
      expect((await call('getHash', payload)).ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('the native picker: checks the sender and the kind, answers the chosen path or null', async () => {
    const ipcMain = fakeIpcMain();
    const win = fakeWindow();
    const picks: string[] = [];
    registerIpc({
      ipcMain: ipcMain as never,
      backend: fakeBackend().backend,
      getWebContents: () => win.contents as never,
      pickPath: async (kind) => {
        picks.push(kind);
        return kind === 'folder' ? '/var/ossec/logs/alerts' : null;
      },
    });
    const pick = (kind: unknown, event: unknown = { sender: win.contents, senderFrame: win.mainFrame }) =>
      ipcMain.handlers.get(IPC_PICK_PATH_CHANNEL)!(event, kind);
    expect(await pick('folder')).toEqual({ ok: true, value: '/var/ossec/logs/alerts' });
    expect(await pick('file')).toEqual({ ok: true, value: null });
    expect(await pick('/etc/shadow')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const other = fakeWindow();
    expect(await pick('file', { sender: other.contents, senderFrame: other.mainFrame })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(picks).toEqual(['folder', 'file']);
  });

  it('rejects a foreign sender', async () => {
    const { call, calls, win, log } = setup();
    const other = fakeWindow();
    const cases = [
      { sender: other.contents, senderFrame: other.mainFrame },
      { sender: win.contents, senderFrame: null },
      {
        sender: win.contents,
        senderFrame: { url: 'app://fim-verdict/index.html', processId: 7, routingId: 2, parent: win.mainFrame },
      },
      { sender: win.contents, senderFrame: { ...win.mainFrame, url: 'https://evil.com/' } },
      { sender: win.contents, senderFrame: { ...win.mainFrame, url: 'file:///tmp/x.html' } },
    ];
    for (const event of cases) {
      const result = await call('getSettings', {}, event);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
    win.mainFrame.url = 'https://evil.com/';
    expect((await call('getSettings', {})).ok).toBe(false);
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalled();
  });

  it('maps an ApiError to its code and message, and anything else to internal without a stack', async () => {
    const { call, log } = setup({
      getHash: () => {
        throw new ApiError('not-found', 'no such file', { hash: 'unknown' });
      },
      getStats: async () => {
        throw new TypeError('boom at /secret/path');
      },
      listAgents: () => {
        throw 'a string';
      },
    });
    expect(await call('getHash', { hash: 'x' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no such file', fields: { hash: 'unknown' } },
    });
    const internal = await call('getStats', {});
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'boom at /secret/path' } });
    expect(JSON.stringify(internal)).not.toContain('    at ');
    expect(await call('listAgents', {})).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('getStats failed'));
    expect(toErrorBody(undefined)).toEqual({ code: 'internal', message: 'internal error' });
  });

  it('never answers with the event object', async () => {
    // the handler is given the parsed payload ({}), never Electron's event, and answers only what it returned
    const seen: unknown[] = [];
    const { call } = setup({ listAgents: (input: never) => (seen.push(input), []) });
    expect(await call('listAgents', {})).toEqual({ ok: true, value: [] });
    expect(seen).toEqual([{}]);
  });

  it('checks every answer against the contract, as HTTP does: outside it is an internal error, extra fields go', async () => {
    const { call, log } = setup({
      listAlerts: () => ({ total: 0, items: [], maxId: 0, apiKey: 'secret' }),
      listSources: () => [{ id: -1 }],
    });
    expect(await call('listAlerts', {})).toEqual({ ok: true, value: { total: 0, items: [], maxId: 0 } });
    const outside = await call('listSources', {});
    expect(outside).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('listSources returned an answer outside the contract'));
  });

  it('forwards engine events to the window on the event channel', () => {
    const { emit, win } = setup();
    const event: ApiEvent = { type: 'open-file', hash: 'abc' };
    emit(event);
    expect(win.sent).toEqual([[IPC_EVENT_CHANNEL, event]]);
  });

  it('drops events while the window is gone or not on the app', () => {
    const win = fakeWindow('https://evil.com/');
    sendEvent(win.contents as never, { type: 'open-file', hash: 'x' });
    sendEvent(null, { type: 'open-file', hash: 'x' });
    sendEvent({ ...win.contents, isDestroyed: () => true } as never, { type: 'open-file', hash: 'x' });
    expect(win.sent).toEqual([]);
  });
});

describe('saving an export to a file', () => {
  const saveExportSetup = () => {
    const tmp = makeTempDir('fimv-ipc-export-');
    const ipcMain = fakeIpcMain();
    const win = fakeWindow();
    const asked: unknown[] = [];
    let answer: string | null = path.join(tmp.dir, 'chosen.csv');
    const pages = countingAlerts(1_234);
    const back = fakeBackend();
    const inputs: unknown[] = [];
    back.backend.exports = {
      alerts: (input) => (inputs.push(input), alertsExport(pages, input, Date.UTC(2026, 5, 1), 100)),
      files: () => {
        throw new ApiError('bad-request', '"x" is not a hash', { hashes: 'not a hash' });
      },
      history: () => {
        throw new Error('disk on fire');
      },
    };
    const log = vi.fn();
    registerIpc({
      ipcMain: ipcMain as never,
      backend: back.backend,
      getWebContents: () => win.contents as never,
      log,
      chooseExportPath: async (suggested) => (asked.push(suggested), answer),
    });
    const save = (request: unknown, event: unknown = { sender: win.contents, senderFrame: win.mainFrame }) =>
      ipcMain.handlers.get(IPC_SAVE_EXPORT_CHANNEL)!(event, request) as Promise<{
        ok: boolean;
        value?: unknown;
        error?: { code: string; message: string };
      }>;
    return {
      tmp,
      save,
      asked,
      inputs,
      pages,
      log,
      win,
      cancel: () => (answer = null),
    };
  };

  it('asks the Save dialog for the path, writes the file there, and answers its name and rows', async () => {
    const s = saveExportSetup();
    try {
      const answer = await s.save({ method: 'exportAlerts', input: { format: 'csv', state: 'malicious' } });
      expect(answer).toEqual({ ok: true, value: { saved: true, filename: 'chosen.csv', rows: 1_234 } });
      expect(s.asked).toEqual([{ filename: 'fim-verdict-alerts-2026-06-01.csv', format: 'csv' }]);
      expect(s.inputs).toEqual([{ format: 'csv', state: 'malicious' }]); // parsed by the contract
      const text = fs.readFileSync(`${s.tmp.dir}/chosen.csv`, 'utf8');
      expect(text.split('\r\n')).toHaveLength(1 + 1_234 + 1);
    } finally {
      s.tmp.cleanup();
    }
  });

  it('answers "not saved" when the dialog is cancelled, reading nothing', async () => {
    const s = saveExportSetup();
    try {
      s.cancel();
      expect(await s.save({ method: 'exportAlerts', input: { format: 'json' } })).toEqual({
        ok: true,
        value: { saved: false },
      });
      expect(s.pages.pagesRead).toBe(0);
    } finally {
      s.tmp.cleanup();
    }
  });

  it('refuses a foreign sender, a method that is not an export, a bad input and a path from the renderer', async () => {
    const s = saveExportSetup();
    try {
      const other = fakeWindow();
      const foreign = await s.save(
        { method: 'exportAlerts', input: { format: 'csv' } },
        { sender: other.contents, senderFrame: other.mainFrame },
      );
      expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      for (const request of [
        { method: 'putSettings', input: {} },
        { method: 'exportAlerts', input: { format: 'xml' } },
        null,
        'exportAlerts',
      ]) {
        expect((await s.save(request)).error?.code, JSON.stringify(request)).toBe('bad-request');
      }
      expect(s.asked).toEqual([]);
      // a path in the request is no part of it: the file goes where the dialog says
      const elsewhere = `${s.tmp.dir}/elsewhere.csv`;
      const smuggled = await s.save({
        method: 'exportAlerts',
        input: { format: 'csv', path: elsewhere },
        path: elsewhere,
      });
      expect(smuggled).toMatchObject({ ok: true, value: { saved: true, filename: 'chosen.csv' } });
      expect(fs.existsSync(elsewhere)).toBe(false);
      expect(s.asked).toHaveLength(1);
    } finally {
      s.tmp.cleanup();
    }
  });

  it("keeps an ApiError's words, and logs an internal failure", async () => {
    const s = saveExportSetup();
    try {
      expect(await s.save({ method: 'exportFiles', input: { format: 'csv', hashes: 'x' } })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: '"x" is not a hash' },
      });
      expect(await s.save({ method: 'exportHistory', input: { format: 'csv' } })).toMatchObject({
        ok: false,
        error: { code: 'internal', message: 'The export could not be saved: disk on fire' },
      });
      expect(String(s.log.mock.calls.at(-1)?.[0])).toMatch(/the export to a file failed: .*disk on fire/);
    } finally {
      s.tmp.cleanup();
    }
  });
});
