// better-sqlite3 for Electron's ABI. node_modules/better-sqlite3 stays built for Node (tests, headless mode); the
// desktop app in development loads a copy built for Electron from .electron-native/<electron version>/, passed
// to better-sqlite3's `nativeBinding` option. Packaged apps use the default: electron-builder rebuilt the module
// for Electron (npmRebuild) and unpacked it from the asar. No electron import: scripts/start.ts uses this too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NATIVE_DIR = '.electron-native';
export const BINDING_FILE = 'better_sqlite3.node';

export interface NativeStamp {
  electronVersion: string;
  betterSqlite3Version: string;
  platform: string;
  arch: string;
}

export interface NativeTarget {
  projectRoot: string;
  electronVersion: string;
  platform?: string;
  arch?: string;
}

export const nativeDirOf = (t: NativeTarget) => path.join(t.projectRoot, NATIVE_DIR, t.electronVersion);
export const bindingPathOf = (t: NativeTarget) => path.join(nativeDirOf(t), BINDING_FILE);
const stampPathOf = (t: NativeTarget) => path.join(nativeDirOf(t), 'stamp.json');

function betterSqliteVersion(projectRoot: string): string {
  const pkg = path.join(projectRoot, 'node_modules', 'better-sqlite3', 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function expectedStamp(t: NativeTarget): NativeStamp {
  return {
    electronVersion: t.electronVersion,
    betterSqlite3Version: betterSqliteVersion(t.projectRoot),
    platform: t.platform ?? process.platform,
    arch: t.arch ?? process.arch,
  };
}

/** The Electron build of the module when it exists and matches this Electron, better-sqlite3, platform and arch. */
export function findElectronBinding(t: NativeTarget): string | null {
  try {
    const file = bindingPathOf(t);
    const stamp = JSON.parse(fs.readFileSync(stampPathOf(t), 'utf8')) as NativeStamp;
    const want = expectedStamp(t);
    const same = (Object.keys(want) as (keyof NativeStamp)[]).every((k) => stamp[k] === want[k]);
    return same && fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export type NativeResolution = { ok: true; nativeBinding: string | undefined } | { ok: false; message: string };

/** What the Electron main process passes to the engine. */
export function resolveNativeBinding(t: NativeTarget & { packaged: boolean }): NativeResolution {
  if (t.packaged) return { ok: true, nativeBinding: undefined };
  const found = findElectronBinding(t);
  if (found) return { ok: true, nativeBinding: found };
  return {
    ok: false,
    message:
      `The SQLite module has not been built for Electron ${t.electronVersion} yet: start the app with ` +
      '`npm start`, which builds it into .electron-native/ (or runs the headless mode where it cannot).',
  };
}

export type RebuildFn = (options: {
  buildPath: string;
  electronVersion: string;
  arch?: string;
  onlyModules?: string[];
  force?: boolean;
  mode?: 'sequential' | 'parallel';
}) => PromiseLike<void>;

export type BuildResult = { ok: true; path: string } | { ok: false; message: string };

export const HEADERS_URL = 'https://www.electronjs.org/headers';

/**
 * Can the build get Electron's headers? Cached in ~/.electron-gyp (where @electron/rebuild keeps them), or the
 * download answers within 10 s. Offline, node-gyp would retry for many minutes; this says so at once. Behind a
 * proxy (HTTPS_PROXY) the check is left to node-gyp, which honours it where fetch does not.
 */
export async function headersProblem(
  electronVersion: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  const cached = path.join(os.homedir(), '.electron-gyp', electronVersion, 'include', 'node', 'node.h');
  if (fs.existsSync(cached) || env.HTTPS_PROXY || env.https_proxy) return null;
  const url = `${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return res.ok ? null : `${url} answered ${res.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `${new URL(url).host} cannot be reached (${cause ?? (error as Error).message})`;
  }
}

/**
 * Builds the Electron copy: copies node_modules/better-sqlite3 (sources, not its Node build) into
 * .electron-native/<version>/app/node_modules/, runs @electron/rebuild there, keeps the .node and a stamp.
 * Needs Electron's headers (downloaded from electronjs.org the first time), so it fails offline.
 */
export async function buildElectronBinding(
  t: NativeTarget & {
    rebuild: RebuildFn;
    log?: (message: string) => void;
    /** checks that Electron's headers can be had (default: headersProblem) */
    probe?: (electronVersion: string) => Promise<string | null>;
    timeoutMs?: number;
  },
): Promise<BuildResult> {
  const log = t.log ?? (() => {});
  const fail = (reason: string): BuildResult => ({
    ok: false,
    message:
      `The SQLite module could not be built for Electron ${t.electronVersion} (this needs Electron's headers ` +
      `from the internet and a C++ toolchain): ${reason}`,
  });
  const unreachable = await (t.probe ?? headersProblem)(t.electronVersion);
  if (unreachable) return fail(unreachable);
  const dir = nativeDirOf(t);
  const appDir = path.join(dir, 'app');
  const moduleDir = path.join(appDir, 'node_modules', 'better-sqlite3');
  try {
    const stamp = expectedStamp(t);
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
    const source = path.join(t.projectRoot, 'node_modules', 'better-sqlite3');
    fs.cpSync(source, moduleDir, {
      recursive: true,
      filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build',
    });
    fs.writeFileSync(
      path.join(appDir, 'package.json'),
      JSON.stringify({
        name: 'fim-verdict-electron-native',
        private: true,
        version: '0.0.0',
        dependencies: { 'better-sqlite3': stamp.betterSqlite3Version },
      }),
    );
    log(
      `building better-sqlite3 ${stamp.betterSqlite3Version} for Electron ${t.electronVersion} (once; a minute or two)…`,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = t.timeoutMs ?? 15 * 60_000;
    await Promise.race([
      t.rebuild({
        buildPath: appDir,
        electronVersion: t.electronVersion,
        arch: stamp.arch,
        onlyModules: ['better-sqlite3'],
        force: true,
        mode: 'sequential',
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the build took over ${timeoutMs / 60_000} minutes`)), timeoutMs);
        timer.unref();
      }),
    ]).finally(() => clearTimeout(timer));
    const built = path.join(moduleDir, 'build', 'Release', BINDING_FILE);
    if (!fs.existsSync(built)) throw new Error(`the build finished without ${path.relative(t.projectRoot, built)}`);
    fs.copyFileSync(built, bindingPathOf(t));
    fs.writeFileSync(stampPathOf(t), JSON.stringify(stamp, null, 2));
    fs.rmSync(appDir, { recursive: true, force: true });
    return { ok: true, path: bindingPathOf(t) };
  } catch (error) {
    fs.rmSync(appDir, { recursive: true, force: true });
    return fail((error instanceof Error ? error.message : String(error)).split('\n')[0]);
  }
}
