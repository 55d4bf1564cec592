import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideLaunch, hasDisplay, isStale, type RuntimeProbe } from '../../../scripts/runtimeCheck';

const root = '/repo';
function probe(files: Record<string, string>, over: Partial<RuntimeProbe> = {}): RuntimeProbe {
  const abs = (f: string) => path.join(root, f);
  const table = new Map(Object.entries(files).map(([k, v]) => [abs(k), v]));
  return {
    projectRoot: root,
    platform: 'linux',
    env: { DISPLAY: ':0' },
    exists: (f) => table.has(f) || [...table.keys()].some((k) => k === f),
    readText: (f) => table.get(f) ?? null,
    ...over,
  };
}

describe('npm start: desktop or headless', () => {
  const installed = { 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': 'ELF' };

  it('opens the desktop app where the runtime and a display exist', () => {
    expect(decideLaunch(probe(installed))).toEqual({
      mode: 'desktop',
      electronPath: path.join(root, 'node_modules/electron/dist/electron'),
    });
  });

  it('falls back to headless when path.txt is missing (the download was blocked)', () => {
    const d = decideLaunch(probe({}));
    expect(d).toMatchObject({ mode: 'headless', reason: 'no-runtime' });
    expect(d.mode === 'headless' && d.sentence).toMatch(
      /^The Electron runtime is not installed here .*headless mode.*URL/,
    );
  });

  it('falls back to headless when path.txt names a binary that is not there', () => {
    expect(decideLaunch(probe({ 'node_modules/electron/path.txt': 'electron' }))).toMatchObject({
      reason: 'no-runtime',
    });
  });

  it('falls back to headless on Linux without DISPLAY or WAYLAND_DISPLAY, and says so', () => {
    const d = decideLaunch(probe(installed, { env: {} }));
    expect(d).toMatchObject({ mode: 'headless', reason: 'no-display' });
    expect(d.mode === 'headless' && d.sentence).toMatch(/no display .*DISPLAY/);
    expect(decideLaunch(probe(installed, { env: { WAYLAND_DISPLAY: 'wayland-0' } })).mode).toBe('desktop');
  });

  it('treats macOS and Windows as always having a display', () => {
    expect(hasDisplay({ platform: 'darwin', env: {} })).toBe(true);
    expect(hasDisplay({ platform: 'win32', env: {} })).toBe(true);
    expect(hasDisplay({ platform: 'linux', env: { DISPLAY: '' } })).toBe(false);
    const mac = probe(
      {
        'node_modules/electron/path.txt': 'Electron.app/Contents/MacOS/Electron',
        'node_modules/electron/dist/Electron.app/Contents/MacOS/Electron': 'x',
      },
      { platform: 'darwin', env: {} },
    );
    expect(decideLaunch(mac).mode).toBe('desktop');
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as Electron does', () => {
    const p = probe(
      { 'node_modules/electron/path.txt': 'electron' },
      { env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } },
    );
    const withBinary = { ...p, exists: (f: string) => f === '/opt/electron/electron' };
    expect(decideLaunch(withBinary)).toEqual({ mode: 'desktop', electronPath: '/opt/electron/electron' });
  });

  it('rebuilds when an output is missing or older than a source', () => {
    expect(isStale([10, 20], 15)).toBe(true);
    expect(isStale([20, null], 15)).toBe(true);
    expect(isStale([20, 30], 15)).toBe(false);
  });
});
