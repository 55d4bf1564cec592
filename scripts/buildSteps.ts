// Build helpers for scripts/start.ts: rebuild the bundles only when a source is newer than what is in out/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isStale } from './runtimeCheck';

const SKIP = new Set(['node_modules', '.git', 'out']);

/** The newest modification time among files under these paths (0 when none exist). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (!SKIP.has(entry)) visit(path.join(p, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

const mtimeOrNull = (file: string) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
};

export function bundlesStale(root: string): boolean {
  const sources = ['electron', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json'];
  const outputs = ['out/main/index.js', 'out/main/headless.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
  return isStale(
    outputs.map((f) => mtimeOrNull(path.join(root, f))),
    newestMtime(sources.map((s) => path.join(root, s))),
  );
}

/** `electron-vite build`: main, preload and renderer. */
export function buildAll(root: string): boolean {
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}
