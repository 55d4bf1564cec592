// The engine's outside: how the Electron main process and the headless CLI start it.
import type { ApiBackend } from './api/types';
import type { Clock, Logger } from './base/runtime';
import type { SecretStore } from './settings/settingsService';
import type { IndexerFlags } from './sources/indexer/indexerAdmin';

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
  /** --providers: the remote providers switched on for this run, in the order asked */
  providers?: ('circl' | 'malwarebazaar' | 'virustotal')[];
  /** --circl-url, --malwarebazaar-url: their addresses for this run (test servers) */
  circlUrl?: string;
  malwareBazaarUrl?: string;
  /** MALWAREBAZAAR_API_KEY: wins over a stored key, never stored */
  malwareBazaarKeyFromEnv?: string | null;
  /** --webhook: new malicious files are POSTed there for this run (overrides the stored URL) */
  webhookUrl?: string;
  /** --webhook-format: 'json' (FIM Verdict's own body) or 'slack' */
  webhookFormat?: 'json' | 'slack';
  /** --webhook-triage: triage changes are POSTed too for this run */
  webhookTriage?: boolean;
  /** the webhook's retry delays (tests shorten them; default 5 s doubling to 15 minutes) */
  webhookRetry?: { baseMs: number; maxMs: number };
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
  /** who triages: the desktop app's OS user (default: os.userInfo()); tests name one */
  analystName?: string;
  /** between polls of a reanalysis (default 15 s, as VirusTotal's own clients) */
  reanalysePollMs?: number;
  /** --indexer (with --indexer-ca, --indexer-insecure, --wazuh-version, --from-end): the indexer source of this run */
  indexer?: IndexerFlags;
  /** WAZUH_INDEXER_USER / WAZUH_INDEXER_PASSWORD: the credentials for --indexer's URLs only, never stored */
  indexerCredentialsFromEnv?: { username: string | null; password: string | null };
  /** --wazuh-socket: Wazuh 5's queue-http.sock, where verdict events are posted (flag or desktop only) */
  wazuhSocket?: string;
  /** between polls of every indexer source, overriding their setting (tests) */
  indexerPollMs?: number;
}

export interface Engine {
  readonly backend: ApiBackend;
  readonly dataDir: string;
  /** stop following, finish the transaction in progress, close the database */
  stop(): Promise<void>;
  /** a forced exit (the stop is stuck): close the database and release the data-dir lock, now */
  release(): void;
}
