// The scheduler takes queue entries when the quota allows, asks VirusTotal, and records every answer. It owns
// VirusTotal's state as the analyst sees it: ok, no key, check credentials, rate-limited until, offline.
// Errors never turn into storms: credentials stop everything until the key changes; 429 pauses everything until
// the window frees; network trouble pauses everything with a growing delay; a file that keeps failing waits longer.
import type { ReanalyseProgress } from '../../../shared/contract';
import type { VerdictState, VtStatus } from '../../../shared/domain';
import { bestHash } from '../../../shared/hashes';
import type { Settings } from '../../../shared/settings';
import type { Db } from '../db/database';
import type { Clock } from '../base/runtime';
import type { CountersStore } from '../store/countersStore';
import type { FilesStore } from '../store/filesStore';
import type { LookupsStore } from '../store/lookupsStore';
import type { QueueEntry, QueueStore } from '../store/queueStore';
import { verdictInWords, verdictOf, type VtError, type VtLookupResult } from '../vt/types';
import type { VtClient } from '../vt/vtClient';
import { ATTEMPTS_BEFORE_ERROR, FILE_RETRY, OFFLINE_RETRY, RATE_LIMIT_RETRY, backoffDelay } from '../base/backoff';
import type { QuotaGate } from './quota';
import { Reanalyser } from './reanalyser';

export interface SchedulerStatus {
  vtStatus: VtStatus;
  message: string;
  /** rate-limited / offline: when look-ups resume */
  resumesAt: number | null;
  lastError: string | null;
}

export interface SchedulerDeps {
  db: Db;
  files: FilesStore;
  queue: QueueStore;
  lookups: LookupsStore;
  counters: CountersStore;
  quota: QuotaGate;
  clock: Clock;
  settings: () => Settings;
  /** the client for the current key and settings; null when there is no key */
  client: () => VtClient | null;
  /** a file got an answer (or an error state): emit events, write the integration log */
  onFileUpdated: (fileId: number, previousState: VerdictState | null) => void;
  onStatus: (status: SchedulerStatus) => void;
  /** an error Wazuh's rules know (credentials, rate limit, timeout), for the integration log */
  onIntegrationError: (error: VtError) => void;
  onReanalyse: (progress: ReanalyseProgress) => void;
  random?: () => number;
  reanalysePollMs?: number;
}

const NETWORK_TYPES = new Set(['network', 'timeout', 'transient', 'deadline']);

export class Scheduler {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<number>();
  private readonly tasks = new Set<Promise<void>>();
  private credentialsBlocked = false;
  private pausedUntil = 0;
  private consecutiveOffline = 0;
  private consecutiveRateLimits = 0;
  /** the current key has had a good answer: until then one request at a time, so a bad key costs one request */
  private keyProven = false;
  private loopDone: Promise<void> | null = null;
  private readonly reanalyser: Reanalyser;
  status: SchedulerStatus = { vtStatus: 'ok', message: 'ready', resumesAt: null, lastError: null };

  constructor(private readonly d: SchedulerDeps) {
    this.reanalyser = new Reanalyser({
      quota: d.quota,
      clock: d.clock,
      counters: d.counters,
      pollMs: d.reanalysePollMs,
      onProgress: d.onReanalyse,
      onDone: (fileId) => {
        // the analysis finished (or gave up): fetch the report now, recorded as the reanalysis's
        d.queue.enqueue(fileId, 'reanalyse', 0, d.clock.now());
        this.wake();
      },
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.reanalyser.stop();
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.tasks]);
  }

  /** New work, new settings or a new key: look again now. */
  wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  /** The key changed: forget a credentials block and an offline pause, and try again. */
  keyChanged(): void {
    this.credentialsBlocked = false;
    this.pausedUntil = 0;
    this.consecutiveOffline = 0;
    this.consecutiveRateLimits = 0;
    this.keyProven = false;
    this.wake();
  }

  /** VirusTotal refused the key outside a file look-up (the quota read): stop as a look-up would. */
  credentialsRefused(error: VtError): void {
    this.handleCredentials(error);
  }

  inFlightCount(): number {
    return this.inFlight.size;
  }

  private setStatus(vtStatus: VtStatus, message: string, resumesAt: number | null = null): void {
    const s = this.status;
    if (s.vtStatus === vtStatus && s.message === message && s.resumesAt === resumesAt) return;
    this.status = { vtStatus, message, resumesAt, lastError: s.lastError };
    this.d.onStatus(this.status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeUp = () => resolve();
      if (Number.isFinite(ms)) this.timer = setTimeout(() => this.wake(), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    }).finally(() => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    });
  }

  private concurrency(): number {
    // a public key has 4 a minute: one at a time; premium keys get a few in parallel once the key has answered,
    // and never while VirusTotal is refusing us
    if (!this.keyProven || this.consecutiveOffline > 0 || this.consecutiveRateLimits > 0) return 1;
    return this.d.settings().quota.perMinute > 60 ? 4 : 1;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const wait = this.step();
      if (wait > 0) await this.sleep(wait);
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** One decision: start a request (returns 0) or say how long to wait (Infinity = until woken). */
  private step(): number {
    const now = this.d.clock.now();
    const client = this.d.client();
    if (!client) {
      this.setStatus(
        'no-key',
        'No VirusTotal API key: add one in Settings or set VT_API_KEY. Alerts are stored and queued.',
      );
      return Infinity;
    }
    if (this.credentialsBlocked) return Infinity;
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (this.inFlight.size >= this.concurrency()) return Infinity;
    const entry = this.d.queue.next(now, [...this.inFlight]);
    if (!entry) {
      if (this.status.vtStatus !== 'ok' && this.inFlight.size === 0) this.setStatus('ok', 'ready');
      const earliest = this.d.queue.earliestAttempt([...this.inFlight]);
      return earliest === null ? Infinity : Math.max(1, earliest - now);
    }
    const slot = this.d.quota.nextSlot();
    if (slot.blockedBy) {
      if (slot.blockedBy !== 'minute') {
        this.setStatus(
          'rate-limited',
          `The ${slot.blockedBy}'s quota is used up: look-ups resume when it resets.`,
          slot.at,
        );
      }
      return Math.max(1, slot.at - now);
    }
    if (entry.reanalyse) {
      this.reanalyse(client, entry, now);
      return 0;
    }
    this.startTask(entry.fileId, () => this.lookup(client, entry));
    return 0;
  }

  private startTask(fileId: number, run: () => Promise<void>): void {
    this.d.quota.tryAcquire('file');
    this.d.counters.increment('lookups');
    this.inFlight.add(fileId);
    const task = run()
      .catch((error: unknown) => {
        // a bug, not a VirusTotal answer: keep the entry, say so, go on
        this.status.lastError = `internal error: ${(error as Error).message}`;
        this.d.queue.retryLater(fileId, this.d.clock.now() + 60_000, this.status.lastError);
      })
      .finally(() => {
        this.inFlight.delete(fileId);
        this.tasks.delete(task);
        this.wake();
      });
    this.tasks.add(task);
  }

  private hashOf(entry: QueueEntry): string | null {
    const file = this.d.files.get(entry.fileId);
    return file ? bestHash(file) : null;
  }

  /**
   * A reanalysis runs beside the queue (it takes minutes): the entry waits until it ends (or, after a restart,
   * until the longest it can take) and then fetches the report like any rescan.
   */
  private reanalyse(client: VtClient, entry: QueueEntry, now: number): void {
    const file = this.d.files.get(entry.fileId);
    const hash = file ? bestHash(file) : null;
    if (!hash) return void this.d.queue.remove(entry.fileId);
    this.d.queue.clearReanalyse(entry.fileId);
    // the fetch that follows is the reanalysis's (after a restart too): reason 'reanalyse', due when it ends
    this.d.queue.enqueue(entry.fileId, 'reanalyse', entry.level, now);
    this.d.queue.retryLater(entry.fileId, now + this.reanalyser.maxMs + 60_000, 'reanalysing');
    this.reanalyser.start(entry.fileId, hash, client);
  }

  private async lookup(client: VtClient, entry: QueueEntry): Promise<void> {
    const hash = this.hashOf(entry);
    if (!hash) return void this.d.queue.remove(entry.fileId);
    const result = await client.lookupFile(hash);
    if (result.kind === 'error') return this.handleError(entry, result.error);
    this.consecutiveOffline = 0;
    this.consecutiveRateLimits = 0;
    this.keyProven = true;
    const verdict = this.recordAnswer(entry, hash, result);
    if (entry.reason === 'reanalyse' && verdict) this.reanalyser.reportStored(entry.fileId, verdict);
    this.setStatus('ok', 'ready');
  }

  /** Stores the answer; returns what it says in words ("9/71 engines flag it as malicious"), or null. */
  private recordAnswer(
    entry: QueueEntry,
    hash: string,
    result: Exclude<VtLookupResult, { kind: 'error' }>,
  ): string | null {
    const { files, lookups, queue } = this.d;
    const now = this.d.clock.now();
    const threshold = this.d.settings().threshold;
    let previous: VerdictState | null = null;
    let summary: string | null = null;
    const fileId = this.d.db
      .transaction(() => {
        // the row may have been merged into another while the request was out
        const id = files.get(entry.fileId) ? entry.fileId : files.byHash(hash)?.id;
        if (id === undefined) return null;
        previous = files.get(id)!.state as VerdictState;
        const report = result.kind === 'found' ? result.report : null;
        const verdict = verdictOf(report, threshold);
        summary = verdictInWords(verdict);
        const target = report ? files.absorb(id, { sha256: report.sha256, sha1: report.sha1, md5: report.md5 }) : id;
        const lookupId = lookups.insert({
          fileId: target,
          at: now,
          origin: 'virustotal',
          reason: entry.reason,
          api: result.api,
          state: verdict.state,
          positives: verdict.positives,
          total: verdict.total,
          scanDate: report?.lastAnalysisMs ?? null,
          permalink: report?.permalink ?? null,
          error: null,
          httpStatus: result.httpStatus,
          wazuhAlertId: null,
          raw: result.raw,
        })!;
        files.applyAnswer(target, {
          state: verdict.state,
          positives: verdict.positives,
          total: verdict.total,
          scanDate: report?.lastAnalysisMs ?? null,
          checkedAt: now,
          origin: 'virustotal',
          lookupId,
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
        });
        const q = queue.get(target);
        // an entry turned into a rescan while this (non-rescan) request was out stays: the analyst wants a fresh answer
        if (q && !(q.reason === 'rescan' && entry.reason !== 'rescan')) queue.remove(target);
        return target;
      })
      .immediate();
    if (fileId !== null) this.d.onFileUpdated(fileId, previous);
    return fileId === null ? null : summary;
  }

  private handleCredentials(error: VtError): void {
    this.credentialsBlocked = true;
    this.setStatus('credentials', `${error.message}. Look-ups are stopped until the key changes.`);
    this.d.onIntegrationError(error);
  }

  private handleError(entry: QueueEntry, error: VtError): void {
    const now = this.d.clock.now();
    const random = this.d.random ?? Math.random;
    this.status.lastError = error.message;
    switch (error.type) {
      case 'credentials':
      case 'forbidden':
        return this.handleCredentials(error); // the entry keeps its place: nothing is lost
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
        return;
      }
    }
    const attempts = entry.attempts + 1;
    const delay = backoffDelay(attempts, FILE_RETRY, random);
    this.d.queue.retryLater(entry.fileId, now + delay, error.message);
    if (attempts >= ATTEMPTS_BEFORE_ERROR) {
      this.d.files.markError(entry.fileId, `${error.message} (after ${attempts} attempts; retried later)`);
      this.d.onFileUpdated(entry.fileId, null);
    }
    if (NETWORK_TYPES.has(error.type)) {
      this.consecutiveOffline++;
      this.pausedUntil = now + backoffDelay(this.consecutiveOffline, OFFLINE_RETRY, random);
      this.setStatus('offline', `${error.message}: VirusTotal cannot be reached right now.`, this.pausedUntil);
      if (error.type === 'timeout') this.d.onIntegrationError(error);
    }
  }
}
