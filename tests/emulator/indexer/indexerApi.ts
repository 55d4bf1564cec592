// The test indexer's public face: how a test starts it, what the request log holds, and what it can do with
// a running server (feed documents, refresh, roll over, switch faults, read the log). See indexerServer.ts.
import type { ClusterConfig, IndexerPreset } from './cluster';
import type { FaultSwitches, IndexerFault, IndexerRoute } from './faults';
import type { PitRegistry } from './pit';
import type { IndexerUser } from './security';
import type { DocVersion, IndexStore, NewDoc, WriteOptions } from './store';

export type TlsChoice = 'server' | 'expired' | 'wrong-host' | { cert: string | Buffer; key: string | Buffer };

export interface IndexerServerOptions extends Partial<ClusterConfig> {
  /** default 'wazuh-4.x' (OpenSearch 2.19 answering "7.10.2"); 'wazuh-5.x' (3.6); 'wazuh-4.3' (1.2.4, no PIT) */
  preset?: IndexerPreset;
  /** HTTPS certificate: the test CA's server certificate (default), an expired one, one for another host, or
   * your own; false: plain HTTP */
  tls?: TlsChoice | false;
  /** default DEFAULT_USERS (admin/admin, fim-reader, alerts-only) */
  users?: IndexerUser[];
  /** the clock of visibility, PIT expiry and creation times (default Date.now) */
  now?: () => number;
  host?: string;
  port?: number;
}

export interface IndexerRequest {
  at: number;
  method: string;
  /** the path as sent (not decoded) */
  path: string;
  query: Record<string, string>;
  /** the parsed JSON body; the raw text when it was not JSON; null when empty */
  body: unknown;
  /** the Basic user name claimed (accepted or not); null without credentials */
  user: string | null;
  route: IndexerRoute | 'pit-list' | null;
  /** the status sent; null until answered (and for reset/hang) */
  status: number | null;
}

export interface IndexerServer {
  readonly url: string;
  readonly port: number;
  /** the CA that signed the server certificate (PEM), for the client's `ssl.ca`; null over plain HTTP */
  readonly caPem: string | null;
  readonly config: ClusterConfig;
  readonly users: IndexerUser[];
  readonly store: IndexStore;
  readonly pits: PitRegistry;
  readonly faults: FaultSwitches;
  readonly requests: IndexerRequest[];
  /** 4.x alerts (alerts.json objects) into their daily wazuh-alerts-4.x-YYYY.MM.DD index */
  addAlerts(alerts: readonly Record<string, unknown>[], options?: WriteOptions): DocVersion[];
  /** 5.x events into a data stream (default wazuh-events-v5-system-activity) */
  addEvents(events: readonly Record<string, unknown>[], options?: WriteOptions & { stream?: string }): DocVersion[];
  /** 5.x FIM states into wazuh-states-fim-files, replacing the agent's previous state of the same path */
  upsertFimStates(states: readonly Record<string, unknown>[], options?: WriteOptions): DocVersion[];
  /** any documents into an index or data stream */
  index(target: string, docs: readonly NewDoc[], options?: WriteOptions): DocVersion[];
  /** makes documents written with visibleAt 'refresh' searchable now */
  refresh(): void;
  /** a new write index for a data stream */
  rollover(stream: string): string;
  /** `count` requests of `route` (default: until clearFaults) answer with `fault` */
  fail(route: IndexerRoute | '*', fault: IndexerFault, count?: number): void;
  clearFaults(route?: IndexerRoute | '*'): void;
  /** search requests (plain and PIT), oldest first */
  searches(): IndexerRequest[];
  /** forgets the request log and faults; keeps documents, PITs and users */
  reset(): void;
  close(): Promise<void>;
}
