// VirusTotal on the provider seam: one file per request, through the key's quota (minute, day, month), with
// VirusTotal's state as the analyst sees it: ok, no key, check credentials, rate-limited until, offline.
// Errors never turn into storms: credentials stop everything until the key changes; 429 pauses everything until
// the window frees; network trouble pauses everything with a growing delay. A key is proven before concurrency: one
// request at a time until the key's first good answer (and while VirusTotal refuses us). Its own capabilities:
// reanalysis (reanalyser.ts) and "Test key" (testKey.ts).
import type { Allowance, ReanalyseProgress } from '../../../../../shared/contract';
import type { VtStatus } from '../../../../../shared/domain';
import type { Settings } from '../../../../../shared/settings';
import { OFFLINE_RETRY, RATE_LIMIT_RETRY, backoffDelay } from '../../../base/backoff';
import type { Clock } from '../../../base/runtime';
import { verdictOf, type VtError, type VtLookupResult } from '../../../vt/types';
import { VtClient } from '../../../vt/vtClient';
import type { QuotaGate } from '../../quota';
import type {
  ProviderFinding,
  ProviderOutcome,
  ProviderQuery,
  ProviderState,
  ReanalysisCapability,
  ReputationProvider,
} from '../provider';
import { Reanalyser } from './reanalyser';

const NETWORK_TYPES = new Set(['network', 'timeout', 'transient', 'deadline']);

export const OFF_MESSAGE =
  'VirusTotal is switched off (Settings, or --providers without virustotal): files no other source answered wait for it.';

export const NO_KEY_MESSAGE = 'No VirusTotal API key: add one in Settings or set VT_API_KEY.';

export interface VirusTotalDeps {
  settings: {
    current(): Pick<Settings, 'baseUrl' | 'apiVersion' | 'timeoutSeconds' | 'quota' | 'threshold' | 'providers'>;
    /** the key that may go to the base URL now (settings/keyBinding.ts), or why none may */
    apiKey(): { key: string | null; withheld: string | null };
  };
  /** the key's quota: every request is spent there first */
  quota: QuotaGate;
  clock: Clock;
  /** Electron's net.fetch in the desktop app (the system proxy); undici otherwise */
  fetch?: typeof fetch;
  /** requests sent so far (the 'lookups' counter the quota's spend() moves) */
  requests(): number;
  /** files it found (a report), and count more */
  hits(): number;
  hit(): void;
  onStatus(state: ProviderState): void;
  /** an error Wazuh's rules know (credentials, rate limit, timeout), for the integration log */
  onIntegrationError(error: VtError): void;
  onReanalyse(progress: ReanalyseProgress): void;
  /** a reanalysis ended: fetch the file's report now */
  onReanalysisDone(fileId: number): void;
  reanalysePollMs?: number;
  random?: () => number;
}

export class VirusTotalProvider implements ReputationProvider {
  readonly name = 'virustotal' as const;
  readonly role = 'engines' as const;
  readonly bit = 0;
  readonly batchSize = 1;
  readonly reanalysis: ReanalysisCapability;
  /** the key's allowance, as "Test key" last read it (null until then, and after the key changes) */
  allowance: Allowance | null = null;
  private status: ProviderState = { status: 'ok', message: 'ready', resumesAt: null, lastError: null };
  private client: VtClient | null = null;
  private clientKey = '';
  private credentialsBlocked = false;
  private pausedUntil = 0;
  private consecutiveOffline = 0;
  private consecutiveRateLimits = 0;
  /** the current key has had a good answer: until then one request at a time, so a bad key costs one request */
  private keyProven = false;
  private readonly reanalyser: Reanalyser;

  constructor(private readonly d: VirusTotalDeps) {
    this.reanalyser = new Reanalyser({
      quota: d.quota,
      clock: d.clock,
      pollMs: d.reanalysePollMs,
      onProgress: d.onReanalyse,
      onDone: d.onReanalysisDone,
    });
    const reanalyser = this.reanalyser;
    this.reanalysis = {
      maxMs: reanalyser.maxMs,
      start: (fileId, hash) => {
        const client = this.currentClient();
        if (client) reanalyser.start(fileId, hash, client);
      },
      reportStored: (fileId, summary) => reanalyser.reportStored(fileId, summary),
      stop: () => reanalyser.stop(),
    };
  }

  /** The state the status bar shows: without a key, why (none, or one withheld from this address). */
  state(): ProviderState {
    if (!this.enabled()) return { ...this.status, status: 'off', message: OFF_MESSAGE, resumesAt: null };
    const key = this.d.settings.apiKey();
    if (key.key !== null) return this.status;
    return {
      ...this.status,
      status: 'no-key',
      message: (key.withheld ?? NO_KEY_MESSAGE) + ' Alerts are stored and queued.',
    };
  }

  requests(): number {
    return this.d.requests();
  }

  hits(): number {
    return this.d.hits();
  }

  /** switched on (Settings, or --providers): when off, its files wait for it and nothing is sent */
  enabled(): boolean {
    return this.d.settings.current().providers.includes('virustotal');
  }

  /** A client for this key and these settings (one per change, so proxies and keep-alive are reused). */
  makeClient(key: string): VtClient {
    const s = this.d.settings.current();
    return new VtClient({
      baseUrl: s.baseUrl,
      apiKey: key,
      apiVersion: s.apiVersion,
      timeoutMs: s.timeoutSeconds * 1000,
      fetch: this.d.fetch,
    });
  }

  currentClient(): VtClient | null {
    const { key } = this.d.settings.apiKey();
    if (!key) return null;
    const s = this.d.settings.current();
    const id = `${key}\u0000${s.baseUrl}\u0000${s.apiVersion}\u0000${s.timeoutSeconds}`;
    if (!this.client || this.clientKey !== id) {
      void this.client?.close();
      this.client = this.makeClient(key);
      this.clientKey = id;
    }
    return this.client;
  }

  /** New settings: the next request uses a new client; a new key forgets a refusal and a pause. */
  settingsChanged(keyChanged: boolean): void {
    this.d.quota.setLimits(this.d.settings.current().quota);
    this.client = null; // rebuilt with the new key / URL / version / timeout on next use
    if (!keyChanged) return;
    this.allowance = null; // read again by "Test key"
    this.credentialsBlocked = false;
    this.pausedUntil = 0;
    this.consecutiveOffline = 0;
    this.consecutiveRateLimits = 0;
    this.keyProven = false;
  }

  private setStatus(status: VtStatus, message: string, resumesAt: number | null = null): void {
    const s = this.status;
    if (s.status === status && s.message === message && s.resumesAt === resumesAt) return;
    this.status = { status, message, resumesAt, lastError: s.lastError };
    this.d.onStatus(this.status);
  }

  waitBeforeAsking(now: number): number {
    if (!this.enabled()) return Infinity;
    if (!this.currentClient()) {
      this.setStatus('no-key', `${NO_KEY_MESSAGE} Alerts are stored and queued.`);
      return Infinity;
    }
    if (this.credentialsBlocked) return Infinity;
    if (now < this.pausedUntil) return this.pausedUntil - now;
    return 0;
  }

  concurrency(): number {
    // a public key has 4 a minute: one at a time; premium keys get a few in parallel once the key has answered,
    // and never while VirusTotal is refusing us
    if (!this.keyProven || this.consecutiveOffline > 0 || this.consecutiveRateLimits > 0) return 1;
    return this.d.settings.current().quota.perMinute > 60 ? 4 : 1;
  }

  waitForLimits(now: number): number {
    const slot = this.d.quota.nextSlot();
    if (!slot.blockedBy) return 0;
    if (slot.blockedBy !== 'minute') {
      this.setStatus(
        'rate-limited',
        `The ${slot.blockedBy}'s quota is used up: look-ups resume when it resets.`,
        slot.at,
      );
    }
    return Math.max(1, slot.at - now);
  }

  idle(): void {
    if (this.status.status !== 'ok') this.setStatus('ok', 'ready');
  }

  noteError(message: string): void {
    this.status.lastError = message;
  }

  async ask(queries: readonly ProviderQuery[]): Promise<ProviderOutcome[]> {
    const client = this.currentClient();
    return Promise.all(
      queries.map(async (q): Promise<ProviderOutcome> => {
        if (!client) return { kind: 'error', message: NO_KEY_MESSAGE, countsAsAttempt: false };
        this.d.quota.spend('file');
        const result = await client.lookupFile(q.hash);
        if (result.kind === 'error') return this.failed(result.error);
        this.consecutiveOffline = 0;
        this.consecutiveRateLimits = 0;
        this.keyProven = true;
        this.setStatus('ok', 'ready');
        if (result.kind === 'found') this.d.hit();
        return { kind: 'answer', finding: vtFindingOf(result, this.d.settings.current().threshold) };
      }),
    );
  }

  /** VirusTotal refused the key outside a file look-up ("Test key"): stop as a look-up would. */
  credentialsRefused(error: VtError): void {
    this.credentialsBlocked = true;
    this.setStatus('credentials', `${error.message}. Look-ups are stopped until the key changes.`);
    this.d.onIntegrationError(error);
  }

  /** What an error means for VirusTotal as a whole, and for the file that was asked about. */
  private failed(error: VtError): ProviderOutcome {
    const now = this.d.clock.now();
    this.status.lastError = error.message;
    switch (error.type) {
      case 'credentials':
      case 'forbidden':
        this.credentialsRefused(error);
        return { kind: 'error', message: error.message, countsAsAttempt: false }; // nothing is lost
      case 'quota': {
        this.consecutiveRateLimits++;
        const windowFrees = this.d.quota.usage().minute.resetsAt ?? 0;
        const wait = Math.max(
          error.retryAfterMs ?? 0,
          backoffDelay(this.consecutiveRateLimits, RATE_LIMIT_RETRY, () => 1),
        );
        this.pausedUntil = Math.max(now + wait, windowFrees);
        this.setStatus('rate-limited', `${error.message}: VirusTotal asked us to wait.`, this.pausedUntil);
        this.d.onIntegrationError(error);
        return { kind: 'error', message: error.message, countsAsAttempt: false };
      }
    }
    if (NETWORK_TYPES.has(error.type)) {
      this.consecutiveOffline++;
      this.pausedUntil = now + backoffDelay(this.consecutiveOffline, OFFLINE_RETRY, this.d.random ?? Math.random);
      this.setStatus('offline', `${error.message}: VirusTotal cannot be reached right now.`, this.pausedUntil);
      if (error.type === 'timeout') this.d.onIntegrationError(error);
    }
    return { kind: 'error', message: error.message, countsAsAttempt: true };
  }

  async close(): Promise<void> {
    await this.reanalyser.stop();
    await this.client?.close();
  }
}

/** What a VirusTotal answer tells the one answer path (the bench's scale builder records answers the same way). */
export function vtFindingOf(result: Exclude<VtLookupResult, { kind: 'error' }>, threshold: number): ProviderFinding {
  const report = result.kind === 'found' ? result.report : null;
  return {
    verdict: verdictOf(report, threshold),
    why: null,
    providerDetails: null,
    scanDate: report?.lastAnalysisMs ?? null,
    permalink: report?.permalink ?? null,
    revealed: report ? { sha256: report.sha256, sha1: report.sha1, md5: report.md5 } : null,
    details: report
      ? {
          names: report.names,
          type: report.typeDescription,
          size: report.size,
          threatLabel: report.threatLabel,
          reputation: report.reputation,
          tags: report.tags,
          firstSeen: report.firstSubmissionMs,
          engines: report.engines,
        }
      : null,
    api: result.api,
    httpStatus: result.httpStatus,
    raw: result.raw,
  };
}
