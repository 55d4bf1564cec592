import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiBackend } from '../../../electron/core/api/types';

const dialog = {
  showOpenDialog: vi.fn(),
  showMessageBox: vi.fn(),
};
const openPath = vi.fn(async () => '');
vi.mock('electron', () => ({
  app: { getName: () => 'FIM Verdict', getVersion: () => '0.1.0', isPackaged: false },
  dialog,
  shell: { openPath },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
}));

const { aboutText, buildMenuTemplate, pickAndAddSource, showAbout } = await import('../../../electron/main/menu');

function backend(addSource = vi.fn(async (input: unknown) => ({ input }))) {
  return {
    addSource,
    backend: {
      handlers: {
        addSource,
        getInfo: async () => ({
          name: 'FIM Verdict',
          version: '0.1.0',
          dataDir: '/home/a/.config/FIM Verdict',
          demo: false,
          transport: 'ipc',
          keyStorage: { kind: 'safe-storage', encrypted: true, message: '' },
          licences: [{ name: 'better-sqlite3', licence: 'MIT' }],
        }),
      },
      subscribe: () => () => {},
    } as unknown as ApiBackend,
  };
}

type Item = { label?: string; role?: string; click?: () => void; submenu?: Item[] };
const find = (items: Item[], label: string): Item | undefined =>
  items.flatMap((i) => [i, ...(i.submenu ?? [])]).find((i) => i.label === label);

describe('menu', () => {
  beforeEach(() => {
    dialog.showOpenDialog.mockReset();
    dialog.showMessageBox.mockReset();
  });

  it('has File > Add Alerts File…, Add Logs Folder… and About, wired to their actions', () => {
    const actions = { addSource: vi.fn(), about: vi.fn() };
    const template = buildMenuTemplate(actions, { isMac: false, devTools: false, appName: 'FIM Verdict' }) as Item[];
    find(template, 'Add Alerts File…')!.click!();
    find(template, 'Add Logs Folder…')!.click!();
    find(template, 'About FIM Verdict')!.click!();
    expect(actions.addSource.mock.calls).toEqual([['file'], ['folder']]);
    expect(actions.about).toHaveBeenCalled();
    expect(JSON.stringify(template)).not.toContain('toggleDevTools');
    const dev = buildMenuTemplate(actions, { isMac: true, devTools: true, appName: 'FIM Verdict' }) as Item[];
    expect(JSON.stringify(dev)).toContain('toggleDevTools');
    expect(dev[0].label).toBe('FIM Verdict');
  });

  it('About shows the version, the data directory and the licence notices', () => {
    const text = aboutText(
      { name: 'FIM Verdict', version: '0.1.0', dataDir: '/data', licences: [{ name: 'zod', licence: 'MIT' }] },
      { electron: '45.5.0', chrome: '140', node: '22' },
    );
    expect(text.message).toBe('FIM Verdict 0.1.0');
    expect(text.detail).toContain('Data directory: /data');
    expect(text.detail).toContain('zod: MIT');
    expect(text.detail).toContain('electron 45.5.0');
  });

  it('adds a picked file from the end when the analyst chooses only new alerts', async () => {
    const b = backend();
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/var/ossec/logs/alerts/alerts.json'] });
    dialog.showMessageBox.mockResolvedValue({ response: 1 });
    await pickAndAddSource('file', { backend: b.backend, getWindow: () => null, dataDir: '/d' });
    expect(dialog.showOpenDialog.mock.calls[0][0].properties).toEqual(['openFile']);
    expect(b.addSource).toHaveBeenCalledWith({ path: '/var/ossec/logs/alerts/alerts.json', fromEnd: true });
  });

  it('adds a folder from the start, does nothing on cancel, and shows an engine refusal', async () => {
    const b = backend();
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/mnt/alerts'] });
    dialog.showMessageBox.mockResolvedValue({ response: 0 });
    await pickAndAddSource('folder', { backend: b.backend, getWindow: () => null, dataDir: '/d' });
    expect(dialog.showOpenDialog.mock.calls[0][0].properties).toEqual(['openDirectory']);
    expect(b.addSource).toHaveBeenCalledWith({ path: '/mnt/alerts', fromEnd: false });

    b.addSource.mockClear();
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await pickAndAddSource('file', { backend: b.backend, getWindow: () => null, dataDir: '/d' });
    expect(b.addSource).not.toHaveBeenCalled();

    const failing = backend(
      vi.fn(async () => {
        throw new Error('cannot read /mnt/alerts: permission denied');
      }),
    );
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/mnt/alerts'] });
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }).mockResolvedValueOnce({ response: 0 });
    await pickAndAddSource('folder', { backend: failing.backend, getWindow: () => null, dataDir: '/d' });
    expect(dialog.showMessageBox.mock.calls.at(-1)![0]).toMatchObject({
      type: 'error',
      detail: expect.stringContaining('permission denied'),
    });
  });

  it('About can open the data folder', async () => {
    dialog.showMessageBox.mockResolvedValue({ response: 1 });
    await showAbout({ backend: backend().backend, getWindow: () => null, dataDir: '/d' });
    expect(dialog.showMessageBox.mock.calls[0][0].detail).toContain('better-sqlite3: MIT');
    expect(openPath).toHaveBeenCalledWith('/home/a/.config/FIM Verdict');
  });
});
