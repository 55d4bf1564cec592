// The scheduler takes queue entries when a provider may ask (its own pause, concurrency and quota: provider.ts),
// asks it, and records every answer through the one answer path (answers.ts). It owns the per-file retries: a file
// whose request failed waits longer each time and shows 'error' after a few attempts (still retried, slowly); a
// provider that stopped itself (a refused key, a rate limit) leaves the file in its place.
//
// The providers are a chain, asked in order; today it holds VirusTotal alone, and every file is asked of it. (With
// more than one, a file moves down the chain: its queue entry then says which provider it waits for.)
import type { VerdictState } from '../../../shared/domain';
import { bestHash } from '../../../shared/hashes';
import { verdictInWords } from '../../../shared/verdictWords';
import { ATTEMPTS_BEFORE_ERROR, FILE_RETRY, backoffDelay } from '../base/backoff';
import type { Clock } from '../base/runtime';
import type { FilesStore } from '../store/filesStore';
import type { QueueEntry, QueueStore } from '../store/queueStore';
import type { AnswerInput, Answers } from './answers';
import type { ProviderOutcome, ProviderQuery, ReputationProvider } from './providers/provider';

export interface SchedulerDeps {
  queue: QueueStore;
  files: FilesStore;
  answers: Answers;
  /** the providers files are asked of, in order */
  providers: readonly ReputationProvider[];
  clock: Clock;
  /** a file got an answer (or an error state): tell the views, write the integration log */
  onFileUpdated(fileId: number, previousState: VerdictState | null): void;
  random?: () => number;
}

/** A bug, not an answer: the entry waits this long and the provider keeps the message as its last error. */
const INTERNAL_RETRY_MS = 60_000;

export class Scheduler {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<number>();
  private readonly tasks = new Set<Promise<void>>();
  private loopDone: Promise<void> | null = null;

  constructor(private readonly d: SchedulerDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const p of this.d.providers) await p.reanalysis?.stop();
    this.wake();
    await this.loopDone;
    await this.settled();
  }

  /** The requests out now have been answered (and recorded). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.tasks]);
  }

  /** New work, new settings or a new key: look again now. */
  wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  inFlightCount(): number {
    return this.inFlight.size;
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

  private async loop(): Promise<void> {
    while (this.running) {
      const wait = this.step();
      if (wait > 0) await this.sleep(wait);
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** One decision: start a request (returns 0) or say how long to wait (Infinity = until woken). */
  step(): number {
    const now = this.d.clock.now();
    let wait = Infinity;
    for (const provider of this.d.providers) {
      const w = this.stepFor(provider, now);
      if (w === 0) return 0;
      wait = Math.min(wait, w);
    }
    return wait;
  }

  private stepFor(provider: ReputationProvider, now: number): number {
    const before = provider.waitBeforeAsking(now);
    if (before > 0) return before;
    if (this.inFlight.size >= provider.concurrency()) return Infinity;
    const entry = this.d.queue.next(now, [...this.inFlight]);
    if (!entry) {
      if (this.inFlight.size === 0) provider.idle();
      const earliest = this.d.queue.earliestAttempt([...this.inFlight]);
      return earliest === null ? Infinity : Math.max(1, earliest - now);
    }
    const limits = provider.waitForLimits(now);
    if (limits > 0) return limits;
    if (entry.reanalyse && provider.reanalysis) {
      this.reanalyse(provider, entry, now);
      return 0;
    }
    this.startTask(provider, [entry]);
    return 0;
  }

  private startTask(provider: ReputationProvider, entries: QueueEntry[]): void {
    for (const e of entries) this.inFlight.add(e.fileId);
    const task = this.ask(provider, entries)
      .catch((error: unknown) => {
        // a bug, not an answer: keep the entries, say so, go on
        const message = `internal error: ${(error as Error).message}`;
        provider.noteError(message);
        for (const e of entries) this.d.queue.retryLater(e.fileId, this.d.clock.now() + INTERNAL_RETRY_MS, message);
      })
      .finally(() => {
        for (const e of entries) this.inFlight.delete(e.fileId);
        this.tasks.delete(task);
        this.wake();
      });
    this.tasks.add(task);
  }

  /**
   * A reanalysis runs beside the queue (it takes minutes): the entry waits until it ends (or, after a restart,
   * until the longest it can take) and then fetches the report like any rescan.
   */
  private reanalyse(provider: ReputationProvider, entry: QueueEntry, now: number): void {
    const file = this.d.files.get(entry.fileId);
    const hash = file ? bestHash(file) : null;
    if (!hash) return void this.d.queue.remove(entry.fileId);
    this.d.queue.clearReanalyse(entry.fileId);
    // the fetch that follows is the reanalysis's (after a restart too): reason 'reanalyse', due when it ends
    this.d.queue.enqueue(entry.fileId, 'reanalyse', entry.level, now);
    this.d.queue.retryLater(entry.fileId, now + provider.reanalysis!.maxMs + 60_000, 'reanalysing');
    provider.reanalysis!.start(entry.fileId, hash);
  }

  private async ask(provider: ReputationProvider, entries: QueueEntry[]): Promise<void> {
    const asked: { entry: QueueEntry; query: ProviderQuery }[] = [];
    for (const entry of entries) {
      const file = this.d.files.get(entry.fileId);
      const hash = file ? bestHash(file) : null;
      if (!file || !hash) {
        this.d.queue.remove(entry.fileId);
        continue;
      }
      const hashes = { sha256: file.sha256, sha1: file.sha1, md5: file.md5 };
      asked.push({ entry, query: { fileId: file.id, hashes, hash, reason: entry.reason } });
    }
    if (asked.length === 0) return;
    const outcomes = await provider.ask(asked.map((a) => a.query));
    asked.forEach(({ entry, query }, i) => this.settle(provider, entry, query, outcomes[i]));
  }

  private settle(provider: ReputationProvider, entry: QueueEntry, query: ProviderQuery, o: ProviderOutcome): void {
    const now = this.d.clock.now();
    if (o.kind === 'answer') {
      const recorded = this.d.answers.record({
        ...o.finding,
        file: { id: entry.fileId, hash: query.hash },
        // the history keeps who answered (the lookups table knows VirusTotal and Wazuh so far: a new provider
        // widens its origin with a migration)
        origin: provider.name as AnswerInput['origin'],
        reason: entry.reason,
        at: now,
        answeredAt: now,
        wazuhAlertId: null,
        askedFor: entry.reason,
      });
      if (!recorded) return;
      this.d.onFileUpdated(recorded.fileId, recorded.previous);
      if (entry.reason === 'reanalyse')
        provider.reanalysis?.reportStored(entry.fileId, verdictInWords(o.finding.verdict));
      return;
    }
    if (!o.countsAsAttempt) return; // the provider stopped itself: the entry keeps its place, nothing is lost
    const attempts = entry.attempts + 1;
    const delay = backoffDelay(attempts, FILE_RETRY, this.d.random ?? Math.random);
    this.d.queue.retryLater(entry.fileId, now + delay, o.message);
    if (attempts >= ATTEMPTS_BEFORE_ERROR) {
      this.d.files.markError(entry.fileId, `${o.message} (after ${attempts} attempts; retried later)`);
      this.d.onFileUpdated(entry.fileId, null);
    }
  }
}
