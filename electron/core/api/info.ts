// getInfo: what the About view shows (name, version, data folder, transport, where the key is kept, licences).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsService } from '../settings/settingsService';
import type { ApiHandlers } from './types';

/**
 * package.json's version, found by walking up from this module: from the sources (electron/core/api), from the
 * bundles (out/main, out/main/chunks) and from the packaged app alike.
 */
export const APP_VERSION = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'fim-verdict' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: one level up
    }
  }
  return '0.0.0';
})();

const LICENCES = [
  { name: 'FIM Verdict', licence: 'MIT' },
  { name: 'React, React DOM', licence: 'MIT' },
  { name: 'better-sqlite3', licence: 'MIT' },
  { name: 'SQLite', licence: 'Public domain' },
  { name: 'zod', licence: 'MIT' },
  { name: 'TanStack Virtual', licence: 'MIT' },
  { name: 'Chart.js', licence: 'MIT' },
  { name: 'hash-wasm', licence: 'MIT' },
  { name: 'undici', licence: 'MIT' },
  { name: 'Electron', licence: 'MIT' },
];

export interface RunInfo {
  dataDir: string;
  demo: boolean;
  transport: 'ipc' | 'http';
}

export function infoHandlers(
  run: RunInfo,
  settings: Pick<SettingsService, 'keyStorage'>,
): Pick<ApiHandlers, 'getInfo'> {
  return {
    getInfo: () => ({
      name: 'FIM Verdict',
      version: APP_VERSION,
      dataDir: run.dataDir,
      demo: run.demo,
      transport: run.transport,
      keyStorage: settings.keyStorage(),
      licences: LICENCES,
    }),
  };
}
