// The application menu: File > Add alerts file… / Add logs folder… (native pickers, then the engine's addSource),
// the standard Edit/View/Window menus, and About (version, data directory, licence notices).
import {
  app,
  dialog,
  Menu,
  shell,
  type BrowserWindow,
  type MenuItemConstructorOptions,
  type OpenDialogOptions,
} from 'electron';
import type { ApiBackend } from '../core/api/types';
import type { ApiOutput } from '../../shared/contract';
import { invokeMethod } from './ipc';

export interface MenuActions {
  addSource(kind: 'file' | 'folder'): void;
  about(): void;
}

export function buildMenuTemplate(
  actions: MenuActions,
  env: { isMac: boolean; devTools: boolean; appName: string },
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Add Alerts File…', accelerator: 'CmdOrCtrl+O', click: () => actions.addSource('file') },
      { label: 'Add Logs Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.addSource('folder') },
      { type: 'separator' },
      env.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(env.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const about: MenuItemConstructorOptions = { label: `About ${env.appName}`, click: () => actions.about() };
  return [
    ...(env.isMac
      ? [
          {
            label: env.appName,
            submenu: [
              about,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } as MenuItemConstructorOptions,
        ]
      : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: env.isMac ? [] : [about] },
  ];
}

type Info = ApiOutput<'getInfo'>;

export function aboutText(
  info: Pick<Info, 'name' | 'version' | 'dataDir' | 'licences'>,
  versions: Record<string, string | undefined>,
) {
  const runtime = ['electron', 'chrome', 'node'].map((k) => `${k} ${versions[k] ?? '?'}`).join(', ');
  const licences = info.licences.map((l) => `${l.name}: ${l.licence}`).join('\n');
  return {
    message: `${info.name} ${info.version}`,
    detail:
      `Data directory: ${info.dataDir}\nRuntime: ${runtime}\n\n` +
      `Licence notices (the app and the components it ships):\n${licences || 'MIT (FIM Verdict)'}`,
  };
}

export interface MenuDeps {
  backend: ApiBackend;
  getWindow(): BrowserWindow | null;
  dataDir: string;
}

async function showError(win: BrowserWindow | null, message: string, detail: string) {
  const options = { type: 'error' as const, message, detail };
  await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

export async function pickAndAddSource(kind: 'file' | 'folder', deps: MenuDeps): Promise<void> {
  const win = deps.getWindow();
  const picker: OpenDialogOptions =
    kind === 'file'
      ? {
          title: 'Add a Wazuh alerts file',
          properties: ['openFile'],
          filters: [
            { name: 'Wazuh alerts (alerts.json, alerts.log, .json.gz)', extensions: ['json', 'log', 'gz'] },
            { name: 'All files', extensions: ['*'] },
          ],
        }
      : { title: 'Add a Wazuh logs folder (logs/alerts)', properties: ['openDirectory'] };
  const picked = await (win ? dialog.showOpenDialog(win, picker) : dialog.showOpenDialog(picker));
  const chosen = picked.filePaths[0];
  if (picked.canceled || !chosen) return;
  const ask = {
    type: 'question' as const,
    message: 'Read the alerts already there, or only new ones?',
    detail: `${chosen}\n\n"From the start" looks up every file hash in the existing alerts (this spends quota).`,
    buttons: ['From the Start', 'Only New Alerts', 'Cancel'],
    defaultId: 1,
    cancelId: 2,
  };
  const answer = await (win ? dialog.showMessageBox(win, ask) : dialog.showMessageBox(ask));
  if (answer.response === 2) return;
  const result = await invokeMethod('addSource', { path: chosen, fromEnd: answer.response === 1 }, deps.backend);
  if (!result.ok) await showError(win, 'This source could not be added.', result.error.message);
}

export async function showAbout(deps: MenuDeps): Promise<void> {
  const win = deps.getWindow();
  const result = await invokeMethod('getInfo', {}, deps.backend);
  const info: Pick<Info, 'name' | 'version' | 'dataDir' | 'licences'> = result.ok
    ? (result.value as Info)
    : { name: app.getName(), version: app.getVersion(), dataDir: deps.dataDir, licences: [] };
  const text = aboutText(info, process.versions);
  const options = {
    type: 'info' as const,
    title: `About ${info.name}`,
    ...text,
    buttons: ['OK', 'Open Data Folder'],
    defaultId: 0,
  };
  const answer = await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  if (answer.response === 1) void shell.openPath(info.dataDir);
}

export function installMenu(deps: MenuDeps): void {
  const report = (error: unknown) => console.error(`[menu] ${(error as Error).message}`);
  const template = buildMenuTemplate(
    {
      addSource: (kind) => void pickAndAddSource(kind, deps).catch(report),
      about: () => void showAbout(deps).catch(report),
    },
    { isMac: process.platform === 'darwin', devTools: !app.isPackaged, appName: app.getName() },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
