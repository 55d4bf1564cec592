// getInfo: what the About view shows (name, version, data folder, transport, where the key is kept, licences).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsService } from '../settings/settingsService';
import type { ApiHandlers } from './types';

const APP_VERSION = (() => {
  try {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
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
