// The look-ups service: the files and their answers, the queue, the providers (VirusTotal today) with their quotas,
// the scheduler, and the history. Ingest plans through its planning face inside its own transaction; the views read
// the file page and the history through it; every answer goes through the one answer path (answers.ts) and ends in
// a verdict event. Owns the files, lookups, queue and request_log tables.
import type { ApiOutput, ReanalyseProgress } from '../../../shared/contract';
import type { VerdictState } from '../../../shared/domain';
import { hashKind, type FileHashes } from '../../../shared/hashes';
import type { Settings } from '../../../shared/settings';
import { verdictOfStored } from '../../../shared/verdict';
import { oneLine, type ProviderStats } from '../../../shared/providers';
import type { Clock } from '../base/runtime';
import type { Db } from '../db/database';
import type { EventHub } from '../events/eventHub';
import type { IntegrationOutput } from '../output/integrationOutput';
import type { SettingsChange } from '../settings/settingsService';
import { CountersStore } from '../store/countersStore';
import { FilesStore, type FileDetails, type FileRecord } from '../store/filesStore';
import { LookupsStore, type HistoryCursor, type HistoryFilter } from '../store/lookupsStore';
import { QueueStore, type QueueEntry } from '../store/queueStore';
import { sqliteRequestLog } from '../store/requestLogStore';
import type { VtDetails } from '../../../shared/vtDetails';
import { vtDetailsOf } from '../vt/details';
import { Answers } from './answers';
import { isFresh } from './freshness';
import { Planner, type PlanOutcome } from './planner';
import { testKey } from './providers/virustotal/testKey';
import { VirusTotalProvider } from './providers/virustotal/virusTotalProvider';
import type { ProviderState } from './providers/provider';
import { QuotaGate, type QuotaWindowName, type WindowUsage } from './quota';
import { rememberedRequestLog } from './quotaMemory';
import { Scheduler } from './scheduler';
import { Allowlist } from './allowlist';
import { ProviderChain } from './providers/chain';
import { assessRisk, type RiskInput } from './risk';

/** What ingest asks of the look-ups, inside the transaction that stores a batch. */
export interface LookupPlanning {
  /** the file these hashes name, created when new */
  ensureFile(hashes: FileHashes, at: number): FileRecord;
  plan(
    file: FileRecord,
    level: number,
    reason: 'live' | 'backfill',
    now: number,
    /** what the alert says (its risk orders the queue) */
    alert?: Pick<RiskInput, 'path' | 'event' | 'ruleLevel'>,
  ): PlanOutcome;
  importWazuh: Planner['importWazuh'];
}

export interface LookupsServiceDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  settings: {
    current(): Settings;
    apiKey(): { key: string | null; withheld: string | null };
    malwareBazaarKey(): { key: string | null; withheld: string | null };
    onChange(listener: (change: SettingsChange) => void): void;
  };
  events: EventHub;
  output: IntegrationOutput;
  fetch?: typeof fetch;
  reanalysePollMs?: number;
  warn(message: string): void;
}

/** A hash as the file it names (the one hash known so far). */
function hashesOf(hash: string): FileHashes {
  const kind = hashKind(hash);
  return {
    md5: kind === 'md5' ? hash : null,
    sha1: kind === 'sha1' ? hash : null,
    sha256: kind === 'sha256' ? hash : null,
  };
}

export class LookupsService {
  private readonly files: FilesStore;
  private readonly history: LookupsStore;
  private readonly queue: QueueStore;
  private readonly counters: CountersStore;
  private readonly quota: QuotaGate;
  private readonly answers: Answers;
  private readonly scheduler: Scheduler;
  private readonly reanalyses = new Map<string, ReanalyseProgress>();
  private readonly updateListeners: ((fileId: number) => void)[] = [];
  readonly virustotal: VirusTotalProvider;
  readonly chain: ProviderChain;
  readonly allowlist: Allowlist;
  readonly planning: LookupPlanning;

  constructor(private readonly d: LookupsServiceDeps) {
    const { db, clock } = d;
    this.files = new FilesStore(db);
    this.history = new LookupsStore(db);
    this.queue = new QueueStore(db);
    this.counters = new CountersStore(db);
    const settings = () => d.settings.current();
    // the request log is also kept in quota.json: a rebuilt database does not spend the day's quota again
    const requestLog = rememberedRequestLog(sqliteRequestLog(db), d.dataDir, d.warn);
    this.quota = new QuotaGate(requestLog, settings().quota, clock, undefined, () =>
      this.counters.increment('lookups'),
    );
    this.quota.prune();
    this.answers = new Answers({
      db,
      files: this.files,
      lookups: this.history,
      queue: this.queue,
      settings,
      now: () => clock.now(),
    });
    const planner = new Planner(this.queue, this.answers, settings);
    this.planning = {
      ensureFile: (hashes, at) => this.files.ensureRow(hashes, at),
      plan: (file, level, reason, now, alert) =>
        planner.plan(file, level, reason, now, () => (alert ? this.riskOf(file, alert) : 0)),
      importWazuh: (rec) => planner.importWazuh(rec),
    };
    this.virustotal = new VirusTotalProvider({
      settings: d.settings,
      quota: this.quota,
      clock,
      fetch: d.fetch,
      requests: () => this.counters.get('lookups'),
      hits: () => this.counters.get('provider.virustotal.hits'),
      hit: () => this.counters.increment('provider.virustotal.hits'),
      onStatus: () => d.events.statsChanged(),
      onIntegrationError: (error) => d.output.error(error),
      reanalysePollMs: d.reanalysePollMs,
      onReanalyse: (progress) => {
        this.reanalyses.set(progress.hash, progress);
        d.events.emit({ type: 'reanalyse', progress });
      },
      onReanalysisDone: (fileId) => {
        // the analysis finished (or gave up): fetch the report now, recorded as the reanalysis's
        this.queue.enqueue(fileId, 'reanalyse', 0, clock.now(), { provider: 'virustotal' });
        this.scheduler.wake();
      },
    });
    this.allowlist = new Allowlist({
      db,
      files: this.files,
      queue: this.queue,
      answers: this.answers,
      now: () => clock.now(),
      onFileUpdated: (fileId, previous) => this.fileUpdated(fileId, previous as VerdictState | null),
      wake: () => this.scheduler.wake(),
    });
    this.chain = new ProviderChain(
      {
        settings: d.settings,
        counters: this.counters,
        clock,
        fetch: d.fetch,
        allowlist: this.allowlist,
        onStatus: () => d.events.statsChanged(),
      },
      this.virustotal,
    );
    this.scheduler = new Scheduler({
      queue: this.queue,
      files: this.files,
      answers: this.answers,
      providers: this.chain.current(),
      gate: this.chain.allowlist,
      rules: () => settings(),
      clock,
      onFileUpdated: (fileId, previous) => this.fileUpdated(fileId, previous),
      warn: d.warn,
    });
    d.settings.onChange(({ keyChanged }) => {
      this.virustotal.settingsChanged(keyChanged);
      this.chain.settingsChanged();
      this.scheduler.setChain(this.chain.current());
    });
  }

  start(): void {
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.virustotal.close();
    await this.chain.close();
  }

  /**
   * The risk of a queued file's alert (the riskiest is asked about first): kept on the file with its explanation when
   * higher than its alerts gave it so far. The fleet facts are read from at most a few hundred of its alerts.
   */
  private riskOf(file: FileRecord, alert: Pick<RiskInput, 'path' | 'event' | 'ruleLevel'>): number {
    const fleet = this.files.fleetOf(file.id);
    const risk = assessRisk({ ...alert, firstSeenInFleet: fleet.alerts <= 1, agentCount: fleet.agents });
    if (file.risk === null || risk.score > file.risk) this.files.raiseRisk(file.id, risk.score, risk.explanation);
    return risk.score;
  }

  /** New work for the scheduler. */
  wake(): void {
    this.scheduler.wake();
  }

  /** A file's verdict moved (an answer, an import, an error state): the views hear it, the integration log writes. */
  fileUpdated(fileId: number, previous: VerdictState | null): void {
    const file = this.files.get(fileId);
    if (!file) return;
    this.d.output.flushFile(fileId);
    this.d.events.emit({
      type: 'verdict',
      sha256: file.sha256,
      sha1: file.sha1,
      md5: file.md5,
      verdict: verdictOfStored(file),
      previousState: previous,
      path: this.files.latestPathOf(fileId),
    });
    for (const listener of this.updateListeners) listener(fileId);
    this.d.events.statsChanged();
  }

  /** Hear of every file whose verdict moved, after the views did (triage reopens a closed file that got worse). */
  onFileUpdated(listener: (fileId: number) => void): void {
    this.updateListeners.push(listener);
  }

  // ---- the file page, rescans and look-ups

  fileByHash(hash: string): FileRecord | undefined {
    return this.files.byHash(hash);
  }

  fileById(fileId: number): FileRecord | undefined {
    return this.files.get(fileId);
  }

  fileDetails(fileId: number): FileDetails | null {
    return this.files.details(fileId);
  }

  /** What VirusTotal's page shows of the file, from its newest stored found answer (null: none stored). */
  vtDetails(fileId: number): VtDetails | null {
    const answer = this.history.latestVtAnswer(fileId);
    if (!answer) return null;
    return vtDetailsOf(answer.raw, { answeredAtMs: answer.at, nowMs: this.d.clock.now() });
  }

  queued(fileId: number): QueueEntry | undefined {
    return this.queue.get(fileId);
  }

  /** The reanalysis of one of these hashes (the newest progress), if one ran since the start. */
  reanalysisOf(hashes: (string | null)[]): ReanalyseProgress | null {
    for (const h of hashes) {
      const p = h ? this.reanalyses.get(h) : undefined;
      if (p) return p;
    }
    return null;
  }

  /** Put a hash at the head of the queue (a rescan), or answer it from a fresh cache when `force` is false. */
  queueHash(hash: string, force: boolean, reanalyse: boolean): { queued: boolean; fileId: number } {
    const now = this.d.clock.now();
    const fileId = this.d.db.transaction(() => this.files.ensure(hashesOf(hash), now))();
    const file = this.files.get(fileId)!;
    if (!force && isFresh(file, this.d.settings.current().freshness, now)) return { queued: false, fileId };
    // asked for by hand: straight to VirusTotal (the analyst wants its engines' answer now)
    this.queue.enqueue(fileId, 'rescan', 16, now, {
      reanalyse,
      provider: this.virustotal.enabled() ? 'virustotal' : undefined,
    });
    this.scheduler.wake();
    this.d.events.statsChanged();
    return { queued: true, fileId };
  }

  /**
   * Files of the Wazuh 5 FIM inventory sweep (one per distinct hash): each answered before is known, each waiting
   * already keeps its place, the others are queued below live alerts (as a backfill's). One transaction.
   */
  queueSweep(files: readonly FileHashes[]): { alreadyKnown: number; alreadyQueued: number; queued: number } {
    const now = this.d.clock.now();
    const out = { alreadyKnown: 0, alreadyQueued: 0, queued: 0 };
    this.d.db.transaction(() => {
      for (const h of files) {
        const file = this.files.ensureRow(h, now);
        if (file.checkedAt !== null) out.alreadyKnown++;
        else if (this.queue.get(file.id)) out.alreadyQueued++;
        else if (this.queue.enqueue(file.id, 'backfill', 0, now) === 'added') out.queued++;
        else out.alreadyQueued++;
      }
    })();
    if (out.queued > 0) {
      this.scheduler.wake();
      this.d.events.statsChanged();
    }
    return out;
  }

  // ---- the history

  historyOfFile(fileId: number) {
    return this.history.ofFile(fileId);
  }

  listHistory(filter: HistoryFilter, limit: number, offset: number) {
    return this.history.list(filter, limit, offset);
  }

  iterateHistory(filter: HistoryFilter) {
    return this.history.iterate(filter);
  }

  historyPageAfter(filter: HistoryFilter, after: HistoryCursor | null, limit: number) {
    return this.history.pageAfter(filter, after, limit);
  }

  historySummary(sinceMs: number) {
    return this.history.summary(sinceMs);
  }

  // ---- VirusTotal

  /** "Test key": read the key's allowance through the quota (VirusTotal's own capability). */
  testKey(typed: string | undefined): Promise<ApiOutput<'testKey'>> {
    return testKey(this.virustotal, { quota: this.quota, keyInUse: () => this.d.settings.apiKey().key }, typed);
  }

  providerState(): ProviderState {
    return this.virustotal.state();
  }

  /** Every provider's status, requests and hits, in the order files are asked (/api/stats `providers`). */
  providerStats(): ProviderStats[] {
    return this.chain.all().map((p) => {
      const s = p.state();
      return {
        name: p.name,
        status: s.status,
        statusMessage: oneLine(
          s.status === 'ok' ? (s.lastError ? `ok (last error: ${s.lastError})` : s.message) : s.message,
          500,
        ),
        resumesAt: s.resumesAt === null ? null : new Date(s.resumesAt).toISOString(),
        requests: p.requests(),
        hits: p.hits(),
      };
    });
  }

  /** The paths the file was seen at, newest first. */
  filePaths(fileId: number): string[] {
    return this.files.pathsOf(fileId);
  }

  /** The newest found answer of each provider other than VirusTotal (the file page). */
  providerAnswersOf(fileId: number) {
    return this.history.providerAnswersOf(fileId);
  }

  quotaUsage(): Record<QuotaWindowName, WindowUsage> {
    return this.quota.usage();
  }

  inFlight(): number {
    return this.scheduler.inFlightCount();
  }

  // ---- counts (stats)

  counts() {
    return {
      files: this.files.count(),
      byState: this.files.countByState(),
      queue: this.queue.count(),
      lookups: this.counters.get('lookups'),
    };
  }

  /** Every answer recorded (Diagnostics). */
  answersCount(): number {
    return this.history.count();
  }

  filesLookedUpSince(since: number): number {
    return this.history.filesLookedUpSince(since);
  }
}
