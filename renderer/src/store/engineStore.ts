// The renderer's one store of engine data. It holds one subscription to the event stream and routes each event to
// the part that keeps it; answers to the queries that fill it go to the same parts; views read it through
// useEngine (StoreProvider.tsx) and act through its methods. After the event stream comes back from a loss (the
// connection's epoch grows) it asks again for what it shows, since events may have been missed meanwhile.
//
//   info, stats, sources   engineStatus.ts  getInfo, getStats + 'stats' events, 'source' events, listSources
//   the Live table's rows  alertsFeed.ts    listAlerts pages + 'alerts' events (its own paging and batching)
//   verdicts by hash       verdictCache.ts  'verdict' events, and every answer that carries a verdict
//   look-up results        lookupResults.ts lookupHashes and getHash answers (kept in sessionStorage)
//   reanalyses, backfills  progress.ts      'reanalyse' and 'backfill' events, listBackfills
//
// Events change data at once and are drawn at the next animation frame (everything that changed in a frame: one
// render, drawing.ts); answers and the analyst's actions are drawn at once. One-off reads that belong to one view
// (a page of History, the settings form, Diagnostics) stay in that view, through hooks/useQuery.
import type {
  Api,
  ApiEvent,
  ApiInput,
  ApiOutput,
  BackfillJob,
  HashDetail,
  ReanalyseProgress,
  SourceStatus,
  Stats,
} from '../../../shared/contract';
import type { Connection } from '../api/connection';
import { AlertsFeed, type FeedEnvironment } from './alertsFeed';
import { Drawing } from './drawing';
import { EngineStatus, type AppInfo } from './engineStatus';
import { LookupResults, type KeyValueStorage, type LookupEntry } from './lookupResults';
import { Progress } from './progress';
import { VerdictCache } from './verdictCache';

/** What the store needs from the page (the browser's, or a test's): frames, the benchmark's marks, and: */
export interface StoreEnvironment extends FeedEnvironment {
  /** where look-up results survive a reload (sessionStorage), or null */
  storage: KeyValueStorage | null;
  /** a desktop notification was clicked: open that file */
  onOpenFile(hash: string): void;
}

/** What views read; a new object whenever something in it changes (select one field: see useEngine). */
export interface EngineSnapshot {
  info: AppInfo | null;
  /** the last getInfo error, until an answer arrives (e.g. not signed in) */
  infoError: unknown;
  stats: Stats | null;
  statsError: unknown;
  /** read sources here, not in stats.sources: 'source' events keep this list current between stats */
  sources: readonly SourceStatus[] | null;
  sourcesError: unknown;
  /** grows with every change to the Live table's rows (store.feed) */
  feed: number;
  /** grows with every change to the verdict cache (store.verdicts) */
  verdicts: number;
  /** 'verdict' events received since the app started (History counts the new answers with it) */
  verdictEvents: number;
  /** what the analyst looked up in this session, newest first (verdicts: store.verdicts) */
  lookups: readonly LookupEntry[];
  /** by the hash each was asked with */
  reanalyses: ReadonlyMap<string, ReanalyseProgress>;
  /** every backfill job heard of, by id */
  backfills: ReadonlyMap<number, BackfillJob>;
  backfillsError: unknown;
}

export class EngineStore {
  readonly verdicts = new VerdictCache();
  readonly feed: AlertsFeed;
  readonly lookups: LookupResults;
  private readonly status: EngineStatus;
  private readonly progress = new Progress();
  private backfillsError: unknown = null;
  private verdictEvents = 0;
  /** by hash: grows when an event says the file changed (a verdict, a stored reanalysis report) */
  private readonly fileChanges = new Map<string, number>();
  private fileChangeCount = 0;

  private snapshot: EngineSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly drawing: Drawing;
  private epoch: number;
  private backfillsWanted = false;
  private stops: (() => void)[] = [];

  constructor(
    private readonly api: Api,
    private readonly connection: Connection,
    private readonly env: StoreEnvironment,
  ) {
    this.drawing = new Drawing(env, () => this.draw());
    this.status = new EngineStatus(api, (soon) => this.changed(soon));
    const frames = { requestFrame: this.drawing.requestFrame, cancelFrame: this.drawing.cancelFrame };
    this.feed = new AlertsFeed(api, this.verdicts, { ...env, ...frames }, () => this.changed(false));
    this.lookups = new LookupResults({
      api,
      verdicts: this.verdicts,
      readHash: (hash) => this.readHash(hash),
      storage: env.storage,
      changed: () => this.changed(false),
    });
    this.epoch = connection.get().epoch;
    this.snapshot = this.build();
  }

  // --- for useSyncExternalStore
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): EngineSnapshot => this.snapshot;

  /** Listen to the engine and ask for the first state. */
  start(): void {
    if (this.stops.length) return;
    this.stops = [this.api.subscribe(this.onEvent), this.connection.subscribe(this.onConnection)];
    this.epoch = this.connection.get().epoch;
    this.feed.reset(); // the first rows first
    this.status.fetchInfo();
    this.status.fetchStats();
  }

  stop(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    this.feed.stop();
    this.drawing.stop();
  }

  // --- reading what is not in the snapshot (mutable, with a version in it)
  /** grows each time an event says the file known by these hashes changed: a view showing it reads it again */
  changesOf(hashes: readonly (string | null)[]): number {
    let latest = 0;
    for (const hash of hashes) latest = Math.max(latest, (hash && this.fileChanges.get(hash)) || 0);
    return latest;
  }

  reanalysisOf(hashes: readonly (string | null)[]): ReanalyseProgress | null {
    return this.progress.reanalysisOf(hashes);
  }

  // --- asking
  /** The settings' sources list: asked once it is shown, and again after a reconnection. */
  loadSources(): void {
    this.status.loadSources();
  }

  /** Backfill jobs for the settings: asked once they are shown, and again after a reconnection. */
  loadBackfills(): void {
    this.backfillsWanted = true;
    this.api.listBackfills({}).then(
      (jobs) => {
        this.progress.jobsAnswered(jobs);
        this.backfillsError = null;
        this.changed(false);
      },
      (error: unknown) => {
        this.backfillsError = error;
        this.changed(false);
      },
    );
  }

  /** A file's detail (getHash): its verdict and reanalysis go into the store too. */
  async readHash(hash: string): Promise<HashDetail> {
    const detail = await this.api.getHash({ hash });
    const verdictChanged = this.verdicts.put([hash, detail.sha256, detail.sha1, detail.md5], detail.verdict);
    const progressed = detail.reanalyse ? this.progress.reanalyse(detail.reanalyse) : false;
    if (verdictChanged || progressed) this.changed(false);
    return detail;
  }

  // --- acting
  /** Add a source: shown at once, then the list and the jobs are read again. Throws what the engine refused. */
  async addSource(input: ApiInput<'addSource'>): Promise<SourceStatus> {
    const added = await this.api.addSource(input);
    this.status.sourceAnswered(added);
    this.status.loadSources();
    if (this.backfillsWanted) this.loadBackfills();
    return added;
  }

  async removeSource(id: number): Promise<ApiOutput<'removeSource'>> {
    const answer = await this.api.removeSource({ id });
    if (answer.removed) this.status.sourceRemoved(id);
    this.status.loadSources();
    return answer;
  }

  /** Start a backfill: its job is shown at once, events move it on. Throws what the engine refused. */
  async startBackfill(input: ApiInput<'startBackfill'>): Promise<BackfillJob> {
    const started = await this.api.startBackfill(input);
    if (this.progress.job(started)) this.changed(false);
    return started;
  }

  // --- events
  private readonly onEvent = (event: ApiEvent): void => {
    switch (event.type) {
      case 'alerts':
        this.feed.onAlerts(event.items, event.dropped);
        return;
      case 'verdict':
        this.onVerdict(event);
        return;
      case 'stats':
        this.status.onStats(event.stats);
        return;
      case 'source':
        this.status.onSource(event.source);
        return;
      case 'backfill':
        if (this.progress.job(event.job)) this.changed(true);
        return;
      case 'reanalyse':
        // the new report is stored: a view showing the file reads it again (its verdict may be unchanged)
        if (event.progress.reportAt) this.fileChanged([event.progress.hash]);
        if (this.progress.reanalyse(event.progress) || event.progress.reportAt) this.changed(true);
        return;
      case 'open-file':
        this.env.onOpenFile(event.hash);
        return;
      // Triage (issue 12) arrives as its own event type: it gets a part of its own here (triage by hash, fed by
      // its events and by the answers that carry it, as verdicts are) and a field in EngineSnapshot.
      default: {
        const unknown: never = event;
        void unknown;
      }
    }
  };

  private onVerdict(event: Extract<ApiEvent, { type: 'verdict' }>): void {
    const hashes = [event.sha256, event.sha1, event.md5].filter((h): h is string => !!h);
    this.verdictEvents += 1;
    this.verdicts.put(hashes, event.verdict);
    this.lookups.touches(hashes); // its stored copy is written again
    this.fileChanged(hashes);
    this.changed(true);
  }

  private fileChanged(hashes: readonly string[]): void {
    this.fileChangeCount += 1;
    for (const hash of hashes) this.fileChanges.set(hash, this.fileChangeCount);
  }

  private readonly onConnection = (): void => {
    const { epoch } = this.connection.get();
    if (epoch === this.epoch) return;
    this.epoch = epoch;
    // back after a loss: what happened meanwhile came by no event
    this.status.fetchInfo();
    this.status.fetchStats();
    if (this.status.sourcesWanted) this.status.loadSources();
    if (this.backfillsWanted) this.loadBackfills();
    this.feed.catchUp();
  };

  // --- drawing
  private changed(soon: boolean): void {
    this.drawing.changed(soon);
  }

  private draw(): void {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): EngineSnapshot {
    const s = this.status;
    return {
      info: s.info,
      infoError: s.infoError,
      stats: s.stats,
      statsError: s.statsError,
      sources: s.sources,
      sourcesError: s.sourcesError,
      feed: this.feed.version,
      verdicts: this.verdicts.version,
      verdictEvents: this.verdictEvents,
      lookups: this.lookups.entries,
      reanalyses: this.progress.reanalyses,
      backfills: this.progress.jobs,
      backfillsError: this.backfillsError,
    };
  }
}
