// One data folder for every way the app starts, and the data of the older headless folder brought along.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PRODUCT_NAME,
  adoptLegacyDataDir,
  appDataDir,
  legacyHeadlessDataDir,
} from '../../../electron/headless/dataDirs';
import { REPO_ROOT } from '../../helpers/headlessProcess';
import { makeTempDir } from '../../helpers/tempDir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function temp(): string {
  const t = makeTempDir('fimv-datadirs-');
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('appDataDir', () => {
  it('is where Electron puts the desktop app (userData: the application-data folder + productName)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { productName: string };
    expect(PRODUCT_NAME).toBe(pkg.productName);
    expect(appDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', homedir: '/home/a' })).toBe(
      '/cfg/FIM Verdict',
    );
  });

  it('the older headless folder is another one (what is moved over)', () => {
    const environment = { env: {}, platform: 'linux' as const, homedir: '/home/a' };
    expect(legacyHeadlessDataDir(environment)).toBe('/home/a/.local/share/fim-verdict');
    expect(appDataDir(environment)).toBe('/home/a/.config/FIM Verdict');
  });
});

describe('adoptLegacyDataDir', () => {
  function legacyWithData(root: string): string {
    const legacy = path.join(root, 'old');
    fs.mkdirSync(legacy);
    for (const [name, text] of Object.entries({
      'fim-verdict.sqlite': 'db',
      'fim-verdict.sqlite-wal': 'wal',
      'config.json': '{}',
      'vt-api-key': 'k',
    }))
      fs.writeFileSync(path.join(legacy, name), text);
    return legacy;
  }

  it('moves the database, its WAL, the settings and the key, says so, and leaves no empty folder behind', () => {
    const root = temp();
    const legacy = legacyWithData(root);
    const target = path.join(root, 'new', 'FIM Verdict');
    const message = adoptLegacyDataDir(target, legacy);
    expect(message).toBe(
      `moved the database and settings from ${legacy} to ${target}: the desktop app, \`npm start\` and the headless mode now share this folder`,
    );
    expect(fs.readdirSync(target).sort()).toEqual([
      'config.json',
      'fim-verdict.sqlite',
      'fim-verdict.sqlite-wal',
      'vt-api-key',
    ]);
    expect(fs.readFileSync(path.join(target, 'fim-verdict.sqlite-wal'), 'utf8')).toBe('wal');
    expect(fs.existsSync(legacy)).toBe(false);
    // done once: a second start has nothing to do
    expect(adoptLegacyDataDir(target, legacy)).toBeNull();
  });

  it('into a folder the desktop app made without a database: files it has stay, and are named', () => {
    const root = temp();
    const legacy = legacyWithData(root);
    const target = path.join(root, 'FIM Verdict');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'config.json'), '{"newer":true}');
    const message = adoptLegacyDataDir(target, legacy);
    expect(message).toContain(`(left in ${legacy}, as ${target} has them already: config.json)`);
    expect(fs.readFileSync(path.join(target, 'config.json'), 'utf8')).toBe('{"newer":true}');
    expect(fs.existsSync(path.join(target, 'fim-verdict.sqlite'))).toBe(true);
    expect(fs.readdirSync(legacy)).toEqual(['config.json']);
  });

  it('both hold a database: nothing moves, and the message says where the other one is', () => {
    const root = temp();
    const legacy = legacyWithData(root);
    const target = path.join(root, 'FIM Verdict');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'fim-verdict.sqlite'), 'desktop');
    expect(adoptLegacyDataDir(target, legacy)).toBe(
      `${legacy} (where the headless mode kept its data before) holds a database too; it is left as it is. This run uses ${target}, the desktop app's folder.`,
    );
    expect(fs.readFileSync(path.join(legacy, 'fim-verdict.sqlite'), 'utf8')).toBe('db');
    expect(fs.readFileSync(path.join(target, 'fim-verdict.sqlite'), 'utf8')).toBe('desktop');
  });

  it('no older database: nothing to do', () => {
    const root = temp();
    expect(adoptLegacyDataDir(path.join(root, 'a'), path.join(root, 'missing'))).toBeNull();
    expect(fs.existsSync(path.join(root, 'a'))).toBe(false);
  });
});
