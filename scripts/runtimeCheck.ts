// Can `npm start` open the desktop app here? Decided WITHOUT require('electron'): Electron 45 downloads its
// binary the first time its path is asked for, which fails (and hangs on a slow network) where downloads are
// blocked. The runtime exists when node_modules/electron/path.txt names a file that exists under dist/.
// Pure: the file system and the environment are passed in.
import path from 'node:path';

export interface RuntimeProbe {
  projectRoot: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
  readText(file: string): string | null;
}

export type LaunchDecision =
  | { mode: 'desktop'; electronPath: string }
  | { mode: 'headless'; reason: 'no-runtime' | 'no-display'; sentence: string };

const HEADLESS_TAIL = 'so FIM Verdict starts in headless mode: open the URL below in a browser.';

export function electronBinaryPath(probe: RuntimeProbe): string | null {
  const pkgDir = path.join(probe.projectRoot, 'node_modules', 'electron');
  const name = probe.readText(path.join(pkgDir, 'path.txt'))?.trim();
  if (!name) return null;
  // the same override Electron's own index.js honours
  const distDir = probe.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const binary = path.join(distDir, name);
  return probe.exists(binary) ? binary : null;
}

export function hasDisplay(probe: Pick<RuntimeProbe, 'platform' | 'env'>): boolean {
  if (probe.platform === 'darwin' || probe.platform === 'win32') return true;
  return Boolean(probe.env.DISPLAY || probe.env.WAYLAND_DISPLAY);
}

export function decideLaunch(probe: RuntimeProbe): LaunchDecision {
  const electronPath = electronBinaryPath(probe);
  if (!electronPath) {
    return {
      mode: 'headless',
      reason: 'no-runtime',
      sentence: `The Electron runtime is not installed here (its download is blocked or was skipped), ${HEADLESS_TAIL}`,
    };
  }
  if (!hasDisplay(probe)) {
    return {
      mode: 'headless',
      reason: 'no-display',
      sentence: `There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), ${HEADLESS_TAIL}`,
    };
  }
  return { mode: 'desktop', electronPath };
}

/** True when an output is missing or older than the newest source. */
export function isStale(outputMtimes: (number | null)[], newestSourceMtime: number): boolean {
  return outputMtimes.some((m) => m === null || m < newestSourceMtime);
}
