// The scheduler walks files down the chain of providers (chain.ts: the empty file and the allowlist on this machine,
// the free sources switched on, VirusTotal last). Each queue entry waits for one provider; each provider takes its
// entries in the queue's order (risk first within a rank) when it may ask (its own pause, concurrency and quota:
// provider.ts), and every answer goes through the one answer path (answers.ts). Then:
// - a found answer ends the chain: known good, done (VirusTotal is asked anyway, last, when a setting says so; never
//   for the allowlist or the empty file); malicious from a free source, VirusTotal is asked for its engine count at a
//   raised priority (a setting turns it off); VirusTotal's answer ends it.
// - no opinion: on to the next provider.
// - a free source that cannot answer (down, rate-limited, no key) holds nothing back: its files go past it, marked,
//   and it asks about them when it can again. VirusTotal's files wait for it (nothing is lost).
// - before anything is sent to a remote provider, the allowlist (the gate) answers for the files it names, also for
//   entries queued before an entry was added. A rescan asked by hand goes straight to VirusTotal.
// It owns VirusTotal's per-file retries: a file whose request failed waits longer each time and shows 'error' after
// a few attempts (still retried, slowly).
import type { VerdictState } from '../../../shared/domain';
import { bestHash } from '../../../shared/hashes';
import { verdictInWords } from '../../../shared/verdictWords';
import { ATTEMPTS_BEFORE_ERROR, FILE_RETRY, backoffDelay } from '../base/backoff';
import type { Clock } from '../base/runtime';
import type { FilesStore } from '../store/filesStore';
import { CHAIN_START, type QueueEntry, type QueueStore } from '../store/queueStore';
import type { Answers } from './answers';
import type { ProviderOutcome, ProviderQuery, ReputationProvider } from './providers/provider';

export interface ChainRules {
  /** a free source's known-good file is asked of VirusTotal anyway, last */
  askVirusTotalAboutKnownGood: boolean;
  /** a free source's malicious file is asked of VirusTotal for its engine count, at a raised priority */
  askVirusTotalAboutMalicious: boolean;
}

export interface SchedulerDeps {
  queue: QueueStore;
  files: FilesStore;
  answers: Answers;
  /** the providers files are asked of, in order (setChain() changes it) */
  providers: readonly ReputationProvider[];
  /** asked before a provider that sends hashes: a file it knows is answered here (the allowlist) */
  gate?: ReputationProvider;
  rules?: () => ChainRules;
  clock: Clock;
  /** a file got an answer (or an error state): tell the views, write the integration log */
  onFileUpdated(fileId: number, previousState: VerdictState | null): void;
  random?: () => number;
  /** a round that failed (the machine's trouble, not an answer): said here, and tried again after a pause */
  warn?: (message: string) => void;
  /** the first pause after a failed round (doubling up to a minute); default 1 s */
  failedRoundPauseMs?: number;
}

/** A bug, not an answer: the entry waits this long and the provider keeps the message as its last error. */
const INTERNAL_RETRY_MS = 60_000;
const VIRUSTOTAL = 'virustotal';

export class Scheduler {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<number>();
  /** requests out, per provider */
  private readonly busy = new Map<string, number>();
  private readonly tasks = new Set<Promise<void>>();
  private loopDone: Promise<void> | null = null;
  private chain: readonly ReputationProvider[];

  constructor(private readonly d: SchedulerDeps) {
    this.chain = d.providers;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.normalize();
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const p of this.chain) await p.reanalysis?.stop();
    this.wake();
    await this.loopDone;
    await this.settled();
  }

  /** The providers switched on changed: entries waiting for one that left wait for the next one there is. */
  setChain(providers: readonly ReputationProvider[]): void {
    this.chain = providers;
    this.normalize();
    this.wake();
  }

  providers(): readonly ReputationProvider[] {
    return this.chain;
  }

  /** Entries waiting for a provider not in the chain go to its first free source (or VirusTotal). */
  normalize(): void {
    const names = new Set(this.chain.map((p) => p.name as string));
    const to =
      this.chain.find((p) => p.role === 'free')?.name ?? this.chain.find((p) => p.role === 'engines')?.name ?? null;
    if (!to) return;
    for (const waited of this.d.queue.waitedFor()) {
      if (names.has(waited)) continue;
      // a new entry starts at the chain's start: a chain without one (tests) starts further down
      this.d.queue.reassign(waited, waited === CHAIN_START ? this.chain[0].name : to);
    }
  }

  /** The requests out now have been answered (and recorded). */
  async settled(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
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
    let failedRounds = 0;
    while (this.running) {
      let wait: number;
      try {
        wait = this.step();
        failedRounds = 0;
      } catch (error) {
        // Not an answer but the machine (out of file descriptors while reading the key, a disk error): the round
        // is said and tried again after a pause, doubling up to a minute. Never the end of the look-ups, nor (an
        // unhandled rejection) of the process.
        failedRounds += 1;
        wait = Math.min((this.d.failedRoundPauseMs ?? 1000) * 2 ** (failedRounds - 1), 60_000);
        const message = error instanceof Error ? error.message : String(error);
        this.d.warn?.(`look-ups: a round failed (${message}); trying again in ${Math.round(wait / 100) / 10} s`);
        // the whole pause: new work (a wake) does not cut it short, only stop()
        const until = performance.now() + wait;
        while (this.running && performance.now() < until) await this.sleep(until - performance.now());
        continue;
      }
      if (wait > 0) await this.sleep(wait);
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** One round: start requests where providers may (returns 0), or say how long to wait (Infinity = until woken). */
  step(): number {
    const now = this.d.clock.now();
    // a chain without the app's own first provider (tests): entries added since at the chain's start wait for its
    // first one (the app's chains always start there: nothing to do, no query)
    if (this.chain[0]?.name !== CHAIN_START) this.normalize();
    let wait = Infinity;
    let started = false;
    this.chain.forEach((provider, i) => {
      const w = this.stepFor(provider, this.chain[i + 1]?.name ?? null, this.chain.slice(i + 1), now);
      if (w === 0) started = true;
      else wait = Math.min(wait, w);
    });
    return started ? 0 : wait;
  }

  private stepFor(
    provider: ReputationProvider,
    next: string | null,
    later: readonly ReputationProvider[],
    now: number,
  ): number {
    const name = provider.name;
    const before = provider.waitBeforeAsking(now);
    if (before > 0) {
      // a free source that cannot answer holds nothing back: its files go past it, marked to be asked later
      if (provider.role !== 'engines' && next !== null) this.d.queue.passAll(name, next, provider.bit);
      return before;
    }
    if ((this.busy.get(name) ?? 0) >= provider.concurrency()) return Infinity; // woken when one is answered
    const inFlight = [...this.inFlight];
    // a local provider that can answer only about a few hashes (the empty file's; an empty allowlist: none): the
    // other files go on as each would after its "no opinion", without being read or asked (every file of a
    // catch-up passes here)
    const only = provider.role === 'local' && next !== null ? provider.answersOnlyAbout?.() : null;
    if (only) this.passOn(provider, later, now, inFlight, only);
    const entries = this.d.queue.next(name, now, inFlight, provider.batchSize);
    if (entries.length < provider.batchSize && provider.bit !== 0) {
      // files that went past it while it could not answer, and have not been answered since
      const waitingFor = later.map((p) => p.name);
      entries.push(
        ...this.d.queue.nextSkipped(provider.bit, waitingFor, now, inFlight, provider.batchSize - entries.length),
      );
    }
    if (entries.length === 0) {
      if ((this.busy.get(name) ?? 0) === 0) provider.idle();
      const earliest = this.d.queue.earliestAttempt(name, inFlight);
      return earliest === null ? Infinity : Math.max(1, earliest - now);
    }
    const limits = provider.waitForLimits(now);
    if (limits > 0) return limits;
    if (entries[0].reanalyse && provider.reanalysis) {
      this.reanalyse(provider, entries[0], now);
      return 0;
    }
    this.startTask(provider, entries, next);
    return 0;
  }

  /**
   * The files `provider` can answer nothing about go on, past the local providers after it that can answer nothing
   * either (an empty allowlist): one move for all of them, as their "no opinion"s would have moved each.
   */
  private passOn(
    provider: ReputationProvider,
    later: readonly ReputationProvider[],
    now: number,
    inFlight: readonly number[],
    only: readonly string[],
  ): void {
    let to = 0;
    let clear = provider.bit;
    while (to < later.length - 1 && later[to].role === 'local' && later[to].answersOnlyAbout?.()?.length === 0)
      clear |= later[to++].bit;
    this.d.queue.passDue(provider.name, later[to].name, now, inFlight, clear, only);
  }

  private startTask(provider: ReputationProvider, entries: QueueEntry[], next: string | null): void {
    for (const e of entries) this.inFlight.add(e.fileId);
    this.busy.set(provider.name, (this.busy.get(provider.name) ?? 0) + 1);
    const task = this.ask(provider, entries, next)
      .catch((error: unknown) => {
        // a bug, not an answer: keep the entries, say so, go on
        const message = `internal error: ${(error as Error).message}`;
        provider.noteError(message);
        for (const e of entries) this.d.queue.retryLater(e.fileId, this.d.clock.now() + INTERNAL_RETRY_MS, message);
      })
      .finally(() => {
        for (const e of entries) this.inFlight.delete(e.fileId);
        this.busy.set(provider.name, (this.busy.get(provider.name) ?? 1) - 1);
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
    this.d.queue.enqueue(entry.fileId, 'reanalyse', entry.level, now, { provider: provider.name });
    this.d.queue.retryLater(entry.fileId, now + provider.reanalysis!.maxMs + 60_000, 'reanalysing');
    provider.reanalysis!.start(entry.fileId, hash);
  }

  private query(provider: ReputationProvider, entry: QueueEntry): ProviderQuery | null {
    const file = this.d.files.hashesOf(entry.fileId);
    const hash = file ? bestHash(file) : null;
    if (!file || !hash) return null;
    const hashes = { sha256: file.sha256, sha1: file.sha1, md5: file.md5 };
    return {
      fileId: file.id,
      hashes,
      hash,
      reason: entry.reason,
      size: provider.wantsSize?.(hashes) ? this.d.files.latestSizeOf(file.id) : null,
      paths: provider.wantsPaths?.() ? this.d.files.pathsOf(file.id) : [],
    };
  }

  private async ask(provider: ReputationProvider, entries: QueueEntry[], next: string | null): Promise<void> {
    let asked: { entry: QueueEntry; query: ProviderQuery }[] = [];
    for (const entry of entries) {
      const query = this.query(provider, entry);
      if (query) asked.push({ entry, query });
      else this.d.queue.remove(entry.fileId);
    }
    // nothing leaves the machine about a file the allowlist names (a rescan by hand is the analyst's own ask)
    const gate = this.d.gate;
    if (gate && provider.role !== 'local') {
      const gated = asked.filter((a) => a.entry.reason !== 'rescan' && a.entry.reason !== 'reanalyse');
      if (gated.length > 0) {
        const queries = gated.map((a) => this.query(gate, a.entry) ?? a.query);
        const outcomes = await gate.ask(queries);
        const answered = new Set<number>();
        this.d.files.inTransaction(() =>
          gated.forEach((a, i) => {
            if (outcomes[i]?.kind !== 'answer') return;
            answered.add(a.entry.fileId);
            this.settle(gate, a.entry, queries[i], outcomes[i], null);
          }),
        );
        asked = asked.filter((a) => !answered.has(a.entry.fileId));
      }
    }
    if (asked.length === 0) return;
    const outcomes = await provider.ask(asked.map((a) => a.query));
    // a batch's outcomes in one transaction: a local provider settles up to 500 files at once (each one a commit
    // of its own was most of the scheduler's time during a catch-up)
    this.d.files.inTransaction(() =>
      asked.forEach(({ entry, query }, i) => this.settle(provider, entry, query, outcomes[i], next)),
    );
  }

  private settle(
    provider: ReputationProvider,
    entry: QueueEntry,
    query: ProviderQuery,
    o: ProviderOutcome,
    next: string | null,
  ): void {
    const now = this.d.clock.now();
    // this entry went past the provider earlier, and it asks now: the entry stays where it waits otherwise
    const pickedUp = entry.provider !== provider.name && provider.role !== 'engines' && provider !== this.d.gate;
    if (o.kind === 'error') return this.failed(provider, entry, o, next, pickedUp, now);
    if (o.kind === 'no-opinion' && provider.role === 'local') return this.moveOn(provider, entry, next, pickedUp);
    const recorded = this.d.answers.record(
      o.kind === 'answer'
        ? {
            ...o.finding,
            file: { id: entry.fileId, hash: query.hash },
            origin: provider.name,
            reason: entry.reason,
            at: now,
            answeredAt: now,
            wazuhAlertId: null,
            askedFor: entry.reason,
          }
        : {
            // a remote provider's "not found" is an answer too: the history keeps it, the verdict does not move
            verdict: { state: 'unknown', positives: null, total: null },
            why: o.why,
            providerDetails: null,
            scanDate: null,
            permalink: null,
            revealed: null,
            details: null,
            api: null,
            httpStatus: o.httpStatus,
            raw: o.raw,
            file: { id: entry.fileId, hash: query.hash },
            origin: provider.name,
            reason: entry.reason,
            at: now,
            answeredAt: now,
            wazuhAlertId: null,
            askedFor: entry.reason,
          },
    );
    if (!recorded) return; // the file is gone
    const fileId = recorded.fileId;
    if (o.kind === 'no-opinion') return this.moveOn(provider, { ...entry, fileId }, next, pickedUp);
    this.d.onFileUpdated(fileId, recorded.previous);
    if (entry.reason === 'reanalyse') provider.reanalysis?.reportStored(fileId, verdictInWords(o.finding.verdict));
    const current = this.d.queue.get(fileId);
    // asked for again by hand while this request was out: the analyst wants a fresh answer
    if (!current || (current.reason === 'rescan' && entry.reason !== 'rescan')) return;
    const state = o.finding.verdict.state;
    const rules = this.d.rules?.() ?? { askVirusTotalAboutKnownGood: false, askVirusTotalAboutMalicious: false };
    const vtAfter = provider.role !== 'engines' && this.chain.some((p) => p.name === VIRUSTOTAL);
    if (vtAfter && state === 'malicious' && rules.askVirusTotalAboutMalicious)
      this.d.queue.moveTo(fileId, VIRUSTOTAL, { reason: 'engine-count', clear: provider.bit });
    else if (vtAfter && state === 'known-good' && provider.role === 'free' && rules.askVirusTotalAboutKnownGood)
      this.d.queue.moveTo(fileId, VIRUSTOTAL, { reason: 'known-good-check', clear: provider.bit });
    else this.d.queue.remove(fileId);
  }

  /** No opinion: the file goes on to the next provider (or, picked up after being skipped, stays where it was). */
  private moveOn(provider: ReputationProvider, entry: QueueEntry, next: string | null, pickedUp: boolean): void {
    if (pickedUp) return void this.d.queue.clearSkipped(entry.fileId, provider.bit);
    if (next === null) return void this.d.queue.remove(entry.fileId);
    this.d.queue.moveTo(entry.fileId, next, { clear: provider.bit });
  }

  private failed(
    provider: ReputationProvider,
    entry: QueueEntry,
    o: Extract<ProviderOutcome, { kind: 'error' }>,
    next: string | null,
    pickedUp: boolean,
    now: number,
  ): void {
    if (provider.role !== 'engines') {
      // a free source holds nothing back: a file it cannot answer goes on; when the source itself failed (not this
      // file), it is marked to be asked again once the source is back
      if (pickedUp) {
        if (o.countsAsAttempt) this.d.queue.clearSkipped(entry.fileId, provider.bit);
        return;
      }
      if (next === null) return void this.d.queue.remove(entry.fileId);
      this.d.queue.moveTo(entry.fileId, next, o.countsAsAttempt ? { clear: provider.bit } : { skip: provider.bit });
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
