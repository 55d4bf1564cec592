// A reputation client (providers/types.ts: lookup(queries) -> one ProviderResult each, never throws) on the provider
// seam, shared by every provider but VirusTotal: the empty file and the allowlist (answered here), CIRCL hashlookup
// and MalwareBazaar. A found answer with an opinion (known good, malicious) becomes a finding; not found, or found
// without an opinion, is "no opinion" (the file goes on down the chain); an error about one file (a hash the service
// calls malformed, an answer about another file) counts against that file; an error about the service (down, 429,
// a refused key, a wrong address) pauses the provider with its own backoff and status, and its files go on without
// waiting for it.
import type { FileHashes } from '../../../../shared/hashes';
import type { ProviderName } from '../../../../shared/providers';
import { PROVIDER_INFO } from '../../../../shared/providers';
import type { VtStatus } from '../../../../shared/domain';
import { OFFLINE_RETRY, RATE_LIMIT_RETRY, backoffDelay } from '../../base/backoff';
import type { Clock } from '../../base/runtime';
import { statusAfter, stopsTheBatch, type ProviderError, type ReputationClient } from '../../providers/types';
import type { ProviderOutcome, ProviderQuery, ProviderRole, ProviderState, ReputationProvider } from './provider';

/** Why no client can be asked now: switched off, or switched on without its key. */
export interface Unavailable {
  status: Extract<VtStatus, 'off' | 'no-key'>;
  message: string;
}

/** A provider's request and hit counts, kept across restarts (the counters table). */
export interface ProviderCounts {
  requests(): number;
  hits(): number;
  hit(n: number): void;
}

export interface ClientProviderOptions {
  name: Exclude<ProviderName, 'virustotal'>;
  role: Exclude<ProviderRole, 'engines'>;
  /** its bit in a queue entry's `skipped` (free sources) */
  bit?: number;
  batchSize: number;
  concurrency?: number;
  /** the size of a file with these hashes is wanted (ProviderQuery.size) */
  wantsSize?: (hashes: FileHashes) => boolean;
  wantsPaths?: () => boolean;
  /** it can answer now only about files carrying one of these hashes (ReputationProvider.answersOnlyAbout) */
  answersOnlyAbout?: () => readonly string[] | null;
  /** the client for the settings in force (built again when they change), or why none can be asked */
  client(): ReputationClient | Unavailable;
  counts: ProviderCounts;
  clock: Clock;
  onStatus?: (state: ProviderState) => void;
  random?: () => number;
}

const READY = 'ready';

export class ClientProvider implements ReputationProvider {
  readonly name: ClientProviderOptions['name'];
  readonly role: ClientProviderOptions['role'];
  readonly bit: number;
  readonly batchSize: number;
  private status: ProviderState = { status: 'ok', message: READY, resumesAt: null, lastError: null };
  private credentialsBlocked = false;
  private pausedUntil = 0;
  private consecutiveOffline = 0;
  private consecutiveRateLimits = 0;

  constructor(private readonly o: ClientProviderOptions) {
    this.name = o.name;
    this.role = o.role;
    this.bit = o.bit ?? 0;
    this.batchSize = o.batchSize;
  }

  wantsSize(hashes: FileHashes): boolean {
    return this.o.wantsSize?.(hashes) ?? false;
  }

  wantsPaths(): boolean {
    return this.o.wantsPaths?.() ?? false;
  }

  answersOnlyAbout(): readonly string[] | null {
    return this.o.answersOnlyAbout?.() ?? null;
  }

  requests(): number {
    return this.o.counts.requests();
  }

  hits(): number {
    return this.o.counts.hits();
  }

  state(): ProviderState {
    const c = this.o.client();
    if ('status' in c) return { ...this.status, status: c.status, message: c.message, resumesAt: null };
    return this.status;
  }

  /** Its key or address changed: a refusal and a pause are forgotten, the next request is a fresh try. */
  settingsChanged(): void {
    this.credentialsBlocked = false;
    this.pausedUntil = 0;
    this.consecutiveOffline = 0;
    this.consecutiveRateLimits = 0;
    if (this.status.status !== 'ok') this.setStatus('ok', READY);
  }

  private setStatus(status: VtStatus, message: string, resumesAt: number | null = null): void {
    const s = this.status;
    if (s.status === status && s.message === message && s.resumesAt === resumesAt) return;
    this.status = { status, message, resumesAt, lastError: s.lastError };
    this.o.onStatus?.(this.status);
  }

  waitBeforeAsking(now: number): number {
    const c = this.o.client();
    if ('status' in c) return Infinity;
    if (this.credentialsBlocked) return Infinity;
    if (now < this.pausedUntil) return this.pausedUntil - now;
    return 0;
  }

  concurrency(): number {
    return this.o.concurrency ?? 1;
  }

  waitForLimits(): number {
    return 0;
  }

  idle(): void {
    if (this.status.status !== 'ok' && !this.credentialsBlocked && this.o.clock.now() >= this.pausedUntil)
      this.setStatus('ok', READY);
  }

  noteError(message: string): void {
    this.status.lastError = message;
  }

  async ask(queries: readonly ProviderQuery[]): Promise<ProviderOutcome[]> {
    const c = this.o.client();
    if ('status' in c) return queries.map(() => ({ kind: 'error', message: c.message, countsAsAttempt: false }));
    const results = await c.lookup(
      queries.map((q) => ({ ...q.hashes, size: q.size, paths: q.paths.length > 0 ? q.paths : undefined })),
    );
    let serviceError: ProviderError | null = null;
    let hits = 0;
    const label = PROVIDER_INFO[this.name].label;
    const outcomes = queries.map((_, i): ProviderOutcome => {
      const r = results[i];
      if (!r) return { kind: 'error', message: `${label}: no answer for this file`, countsAsAttempt: true };
      if (r.kind === 'not-found')
        return { kind: 'no-opinion', why: `not known to ${label}`, raw: null, httpStatus: null };
      if (r.kind === 'error') {
        if (stopsTheBatch(r.error)) serviceError ??= r.error;
        return { kind: 'error', message: r.error.message, countsAsAttempt: !stopsTheBatch(r.error) };
      }
      const { verdict, why, details, link, raw } = r.finding;
      if (verdict !== 'known-good' && verdict !== 'malicious')
        return { kind: 'no-opinion', why, raw, httpStatus: null };
      hits++;
      return {
        kind: 'answer',
        finding: {
          verdict: { state: verdict, positives: null, total: null },
          why,
          providerDetails: details,
          scanDate: null,
          permalink: link,
          revealed: null,
          details: null,
          api: null,
          httpStatus: null,
          raw,
        },
      };
    });
    if (hits > 0) this.o.counts.hit(hits);
    if (serviceError) this.failed(serviceError);
    else if (outcomes.some((o) => o.kind !== 'error')) this.answered();
    return outcomes;
  }

  private answered(): void {
    this.consecutiveOffline = 0;
    this.consecutiveRateLimits = 0;
    this.setStatus('ok', READY);
  }

  /** What an error about the service means for it: stopped until its settings change, or paused with backoff. */
  private failed(error: ProviderError): void {
    const now = this.o.clock.now();
    const label = PROVIDER_INFO[this.name].label;
    this.status.lastError = error.message;
    const status = statusAfter(error);
    if (status === 'credentials') {
      this.credentialsBlocked = true;
      this.setStatus(
        'credentials',
        `${error.message}. ${label} is not asked until its key or address changes; files go on without it.`,
      );
      return;
    }
    if (status === 'rate-limited') {
      this.consecutiveRateLimits++;
      const wait = Math.max(
        error.retryAfterMs ?? 0,
        backoffDelay(this.consecutiveRateLimits, RATE_LIMIT_RETRY, () => 1),
      );
      this.pausedUntil = now + wait;
      this.setStatus('rate-limited', `${error.message}: ${label} asked us to wait.`, this.pausedUntil);
      return;
    }
    // down, unreachable, or an address that answers something else: paused, longer each time
    this.consecutiveOffline++;
    const wait = Math.max(
      error.retryAfterMs ?? 0,
      backoffDelay(this.consecutiveOffline, OFFLINE_RETRY, this.o.random ?? Math.random),
    );
    this.pausedUntil = now + wait;
    this.setStatus('offline', `${error.message}: files go on without ${label} until it answers.`, this.pausedUntil);
  }

  close(): Promise<void> {
    const c = this.o.client();
    return 'status' in c ? Promise.resolve() : c.close();
  }
}
