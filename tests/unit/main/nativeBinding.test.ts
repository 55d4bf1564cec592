import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bindingPathOf,
  buildElectronBinding,
  findElectronBinding,
  resolveNativeBinding,
} from '../../../electron/main/nativeBinding';

let root: string;
const target = () => ({ projectRoot: root, electronVersion: '45.5.0' });

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-native-'));
  const pkg = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(path.join(pkg, 'build', 'Release'), { recursive: true });
  fs.mkdirSync(path.join(pkg, 'src'));
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  fs.writeFileSync(path.join(pkg, 'src', 'better_sqlite3.cpp'), '// source');
  fs.writeFileSync(path.join(pkg, 'build', 'Release', 'better_sqlite3.node'), 'NODE-ABI');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const fakeRebuild = vi.fn(async (options: { buildPath: string }) => {
  const mod = path.join(options.buildPath, 'node_modules', 'better-sqlite3');
  // the copy holds the sources, not the Node build
  expect(fs.existsSync(path.join(mod, 'src', 'better_sqlite3.cpp'))).toBe(true);
  expect(fs.existsSync(path.join(mod, 'build'))).toBe(false);
  fs.mkdirSync(path.join(mod, 'build', 'Release'), { recursive: true });
  fs.writeFileSync(path.join(mod, 'build', 'Release', 'better_sqlite3.node'), 'ELECTRON-ABI');
});

describe('native module for Electron', () => {
  it('uses the default module when packaged', () => {
    expect(resolveNativeBinding({ ...target(), packaged: true })).toEqual({ ok: true, nativeBinding: undefined });
  });

  it('explains what to do when the Electron build is missing in development', () => {
    const r = resolveNativeBinding({ ...target(), packaged: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/npm start/);
  });

  it('builds a copy under .electron-native/<version>/ and leaves node_modules built for Node', async () => {
    const result = await buildElectronBinding({ ...target(), rebuild: fakeRebuild, probe: async () => null });
    expect(result).toEqual({ ok: true, path: bindingPathOf(target()) });
    expect(bindingPathOf(target())).toBe(path.join(root, '.electron-native', '45.5.0', 'better_sqlite3.node'));
    expect(fs.readFileSync(bindingPathOf(target()), 'utf8')).toBe('ELECTRON-ABI');
    expect(
      fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8'),
    ).toBe('NODE-ABI');
    expect(fakeRebuild.mock.calls[0][0]).toMatchObject({
      electronVersion: '45.5.0',
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    expect(fs.existsSync(path.join(root, '.electron-native', '45.5.0', 'app'))).toBe(false);
    expect(findElectronBinding(target())).toBe(bindingPathOf(target()));
    expect(resolveNativeBinding({ ...target(), packaged: false })).toEqual({
      ok: true,
      nativeBinding: bindingPathOf(target()),
    });
  });

  it('ignores a build for another better-sqlite3 or Electron version', async () => {
    await buildElectronBinding({ ...target(), rebuild: fakeRebuild, probe: async () => null });
    expect(findElectronBinding({ ...target(), electronVersion: '46.0.0' })).toBeNull();
    fs.writeFileSync(
      path.join(root, 'node_modules', 'better-sqlite3', 'package.json'),
      JSON.stringify({ name: 'better-sqlite3', version: '12.12.0' }),
    );
    expect(findElectronBinding(target())).toBeNull();
  });

  it('says in one sentence why the build failed (offline: no headers)', async () => {
    const result = await buildElectronBinding({
      ...target(),
      probe: async () => null,
      rebuild: async () => {
        throw new Error('getaddrinfo ENOTFOUND www.electronjs.org\n    at stack');
      },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /could not be built for Electron 45\.5\.0 .*ENOTFOUND www\.electronjs\.org$/,
    );
    expect(findElectronBinding(target())).toBeNull();
    expect(fs.existsSync(path.join(root, '.electron-native', '45.5.0', 'app'))).toBe(false);
  });

  it('fails at once, without building, when Electron headers cannot be downloaded', async () => {
    const rebuild = vi.fn();
    const result = await buildElectronBinding({
      ...target(),
      rebuild,
      probe: async () => 'www.electronjs.org cannot be reached (ENOTFOUND)',
    });
    expect(rebuild).not.toHaveBeenCalled();
    expect(!result.ok && result.message).toMatch(/www\.electronjs\.org cannot be reached \(ENOTFOUND\)$/);
  });

  it('gives up on a build that never ends', async () => {
    const result = await buildElectronBinding({
      ...target(),
      probe: async () => null,
      rebuild: () => new Promise(() => {}),
      timeoutMs: 30,
    });
    expect(!result.ok && result.message).toMatch(/took over/);
  });
});
