// The engine's outside: how the Electron main process and the headless CLI start it.
import type { ApiBackend } from './api/types';
import type { Clock, Logger } from './base/runtime';
import type { SecretStore } from './settings/settingsService';

export type { Clock, Logger } from './base/runtime';
export type { SecretStore } from './settings/settingsService';

export interface EngineOptions {
  dataDir: string;
  /** sources given on the command line: added (or kept) at start */
  sources?: { path: string; fromEnd: boolean }[];
  /** --vt-url: overrides the stored base URL for this run */
  vtBaseUrl?: string;
  /** --quota-per-*: override the stored plan for this run */
  quota?: { perMinute?: number; perDay?: number; perMonth?: number };
  /** --integration-log: overrides the stored path for this run */
  integrationLog?: string;
  /** VT_API_KEY: wins over a stored key, never stored */
  apiKeyFromEnv?: string | null;
  /** the VirusTotal key typed in the app */
  secrets: SecretStore;
  /**
   * Other credentials, each in its own slot named by the feature that owns it (`indexer-3`, `malwarebazaar`), kept
   * like the VirusTotal key (safeStorage in the desktop app, an owner-only file in headless mode). Default: memory.
   */
  secretSlot?: (name: string) => SecretStore;
  /** the desktop app passes Electron's net.fetch (system proxy); headless uses undici with HTTPS_PROXY/NO_PROXY */
  fetch?: typeof fetch;
  /** better-sqlite3 built for Electron's ABI */
  nativeBinding?: string;
  clock?: Clock;
  /** everything shown is labelled DEMO */
  demo?: boolean;
  transport: 'ipc' | 'http';
  log?: Logger;
  /** what the analyst should know about this start (e.g. a data folder moved): shown in diagnostics */
  notices?: string[];
  /** between polls of a reanalysis (default 15 s, as VirusTotal's own clients) */
  reanalysePollMs?: number;
}

export interface Engine {
  readonly backend: ApiBackend;
  readonly dataDir: string;
  /** stop following, finish the transaction in progress, close the database */
  stop(): Promise<void>;
  /** a forced exit (the stop is stuck): close the database and release the data-dir lock, now */
  release(): void;
}
