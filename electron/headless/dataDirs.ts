// Where the data lives when --data-dir is not given: the desktop app's own folder (Electron's userData: the OS's
// application-data folder + the product name), so that `npm start` with or without a display, and the headless
// mode, never lead to two different databases. Before, headless used a folder of its own (~/.local/share/
// fim-verdict...): a database found there, and none in the desktop app's folder, is moved over once, and said so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDataDir, LOCK_FILE } from '../core/dataDirLock';

/** The name Electron gives the desktop app's folder (package.json productName). */
export const PRODUCT_NAME = 'FIM Verdict';
const DATABASE = 'fim-verdict.sqlite';

export interface DataDirEnvironment {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homedir?: string;
}

const absoluteXdg = (value: string | undefined): string | null => (value && value.startsWith('/') ? value : null);

/**
 * The desktop app's folder, as Electron's app.getPath('userData') names it: Linux $XDG_CONFIG_HOME/FIM Verdict
 * (else ~/.config/FIM Verdict), macOS ~/Library/Application Support/FIM Verdict, Windows %APPDATA%\FIM Verdict.
 */
export function appDataDir(environment: DataDirEnvironment = {}): string {
  const env = environment.env ?? process.env;
  const platform = environment.platform ?? process.platform;
  const home = environment.homedir ?? os.homedir();
  if (platform === 'win32') {
    const base = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(base, PRODUCT_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  // the XDG spec: a relative value is invalid and must be ignored
  return path.posix.join(absoluteXdg(env.XDG_CONFIG_HOME) ?? path.posix.join(home, '.config'), PRODUCT_NAME);
}

/** Where the headless mode kept its data before it shared the desktop app's folder. */
export function legacyHeadlessDataDir(environment: DataDirEnvironment = {}): string {
  const env = environment.env ?? process.env;
  const platform = environment.platform ?? process.platform;
  const home = environment.homedir ?? os.homedir();
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || env.APPDATA || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(base, 'fim-verdict');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'fim-verdict');
  return path.posix.join(absoluteXdg(env.XDG_DATA_HOME) ?? path.posix.join(home, '.local', 'share'), 'fim-verdict');
}

function move(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // another file system: copy, then remove
    fs.cpSync(from, to, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/**
 * The older headless folder holds a database and `target` none: move its files into `target` (the database last,
 * so that a move cut short is finished by the next start), under the older folder's lock. Returns what was done,
 * in a sentence for the log and the diagnostics, or null when there was nothing to do. Files `target` already
 * has are left where they are, and named.
 */
export function adoptLegacyDataDir(target: string, legacy: string): string | null {
  if (path.resolve(target) === path.resolve(legacy)) return null;
  if (!fs.existsSync(path.join(legacy, DATABASE))) return null;
  if (fs.existsSync(path.join(target, DATABASE))) {
    return (
      `${legacy} (where the headless mode kept its data before) holds a database too; it is left as it is. ` +
      `This run uses ${target}, the desktop app's folder.`
    );
  }
  const unlock = lockDataDir(legacy); // throws, naming the process, when an older FIM Verdict still runs there
  const kept: string[] = [];
  try {
    fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    const names = fs.readdirSync(legacy).filter((n) => n !== LOCK_FILE && n !== DATABASE);
    for (const name of [...names, DATABASE]) {
      if (fs.existsSync(path.join(target, name))) kept.push(name);
      else move(path.join(legacy, name), path.join(target, name));
    }
  } finally {
    unlock();
  }
  try {
    fs.rmdirSync(legacy); // only when empty
  } catch {
    // files were kept there: the folder stays
  }
  return (
    `moved the database and settings from ${legacy} to ${target}: the desktop app, \`npm start\` and the ` +
    `headless mode now share this folder` +
    (kept.length ? ` (left in ${legacy}, as ${target} has them already: ${kept.join(', ')})` : '')
  );
}
