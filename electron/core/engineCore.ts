// The engine's parts and the wiring between them. engine.ts starts it; api/handlers.ts serves the contract
// from it. Never imports electron.
import type { ApiEvent, ReanalyseProgress } from '../../shared/contract';
import type { FimEvent, VerdictState } from '../../shared/domain';
import { QUOTA_PRESETS, VIRUSTOTAL_BASE_URL, type Settings, type SettingsUpdate } from '../../shared/settings';
import { openDatabase, type Db } from './db/database';
import type { EngineOptions, SecretStore } from './engineTypes';
import { silentLog, systemClock, type Clock, type Logger } from './base/runtime';
import { compileFilter } from './ingest/filter';
import { Ingestor, type IngestResult } from './ingest/ingestor';
import { parseBatch, type IngestBatch } from './ingest/parseBatch';
import { Planner } from './lookups/planner';
import { QuotaGate } from './lookups/quota';
import { rememberedRequestLog } from './lookups/quotaMemory';
import { Scheduler } from './lookups/scheduler';
import { IntegrationOutput } from './output/integrationOutput';
import { SourceManager } from './sources/sourceManager';
import { forEachRecord } from './sources/batch';
import type { TailBatch } from './sources/tailerTypes';
import { AlertsStore } from './store/alertsStore';
import { CountersStore } from './store/countersStore';
import { ParseErrorsStore } from './store/parseErrorsStore';
import { FilesStore } from './store/filesStore';
import { LookupsStore } from './store/lookupsStore';
import { QueueStore } from './store/queueStore';
import { sqliteRequestLog } from './store/requestLogStore';
import { SettingsStore } from './store/settingsStore';
import { MIN_CONTENT_KEY, ReadRangesStore } from './store/readRangesStore';
import { SourcesStore } from './store/sourcesStore';
import { fingerprint } from './sources/fileIdentity';
import { verdictOfStored } from '../../shared/verdict';
import { VtClient } from './vt/vtClient';
import { BackfillRunner, type AlreadyRead, type ContentKey } from './ingest/backfillRunner';
import { writeMirror } from './configMirror';
import { reconcileMirror } from './mirrorAtStart';
import { lockDataDir } from './dataDirLock';
import fs from 'node:fs';
import { StatsBuilder } from './stats';
import { chooseKey, KeyBindingStore, type KeyBinding, type KeyChoice } from './keyBinding';

/** Set once the parse errors kept by older builds were checked against the excerpt rule (ingest/excerpts.ts). */
const EXCERPT_RULE = 'parseErrors.excerptRule';

/**
 * Adapts a tailer batch (ranges into one chunk) to what the ingestor reads. `content`: the key of the file the
 * bytes come from (backfill: a .gz has no identity in its cursor); else the cursor's identity is.
 */
export function ingestBatchOf(
  batch: TailBatch,
  reason: 'live' | 'backfill',
  withCursor: boolean,
  content: ContentKey | null = batch.cursor.identity,
): IngestBatch {
  const end = batch.cursor.offset;
  return {
    format: batch.format,
    forEachRecord: (visit) => forEachRecord(batch, visit),
    oversize: batch.oversize,
    bytes: batch.bytesConsumed,
    filePath: batch.filePath,
    cursor: withCursor ? batch.cursor : null,
    readMark: content
      ? { fpLen: content.fpLen, fpHash: content.fpHash, start: end - batch.bytesConsumed, end, path: batch.filePath }
      : null,
    reason,
  };
}

export class EngineCore {
  readonly db: Db;
  readonly recovered: { movedTo: string; reason: string } | null;
  private readonly unlock: () => void;
  readonly clock: Clock;
  readonly log: Logger;
  readonly secrets: SecretStore;
  readonly settingsStore: SettingsStore;
  readonly sources: SourcesStore;
  readonly alerts: AlertsStore;
  readonly files: FilesStore;
  readonly lookups: LookupsStore;
  readonly queue: QueueStore;
  readonly counters: CountersStore;
  readonly parseErrors: ParseErrorsStore;
  readonly readRanges: ReadRangesStore;
  readonly quota: QuotaGate;
  readonly planner: Planner;
  readonly ingestor: Ingestor;
  readonly scheduler: Scheduler;
  readonly sourceManager: SourceManager;
  readonly backfills: BackfillRunner;
  readonly stats: StatsBuilder;
  readonly reanalyses = new Map<string, ReanalyseProgress>();
  private readonly listeners = new Set<(e: ApiEvent) => void>();
  private settings: Settings;
  private readonly keyBindings: KeyBindingStore;
  private keyBinding: KeyBinding;
  private filter: (e: FimEvent) => { pass: true } | { pass: false; reason: string };
  private client: VtClient | null = null;
  private clientKey = '';
  private statsTimer: NodeJS.Timeout | null = null;
  /** what the analyst should know about this run (diagnostics) */
  readonly notices: string[] = [];
  /** the Wazuh-compatible output (integration log) */
  readonly integration: IntegrationOutput;
  /** false when config.json could not be read nor moved aside: it is not written over */
  private mirrorWritable = true;

  constructor(readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    this.secrets = options.secrets;
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.unlock = lockDataDir(options.dataDir);
    let opened: ReturnType<typeof openDatabase>;
    try {
      opened = openDatabase(options.dataDir, { nativeBinding: options.nativeBinding, log: (m) => this.log.warn(m) });
    } catch (error) {
      this.unlock();
      throw error;
    }
    this.db = opened.db;
    this.recovered = opened.recovered;
    this.notices.push(...(options.notices ?? []));
    this.settingsStore = new SettingsStore(this.db);
    this.sources = new SourcesStore(this.db);
    this.alerts = new AlertsStore(this.db);
    this.files = new FilesStore(this.db);
    this.lookups = new LookupsStore(this.db);
    this.queue = new QueueStore(this.db);
    this.counters = new CountersStore(this.db);
    this.parseErrors = new ParseErrorsStore(this.db);
    this.readRanges = new ReadRangesStore(this.db);
    if (this.counters.get(EXCERPT_RULE) === 0)
      this.db.transaction(() => {
        this.parseErrors.withholdOldExcerpts();
        this.counters.increment(EXCERPT_RULE);
      })();
    this.mirrorWritable = reconcileMirror({
      dataDir: options.dataDir,
      now: this.clock.now(),
      opened,
      settingsStore: this.settingsStore,
      sources: this.sources,
      notices: this.notices,
    });
    this.keyBindings = new KeyBindingStore(this.db);
    // A new database (first start, damaged or missing one) may have had its settings restored from config.json,
    // which does not say who chose the saved base URL: only VirusTotal's own address counts as the local user's
    // choice until they choose again (a key is not sent to an address restored from a file).
    if (opened.created) this.keyBindings.save({ localBaseUrl: VIRUSTOTAL_BASE_URL, storedKeyFor: null });
    this.keyBinding = this.keyBindings.load(this.settingsStore.load().baseUrl);
    this.settings = this.withOverrides(this.settingsStore.load());
    this.filter = compileFilter(this.settings.filters);
    this.integration = new IntegrationOutput(this.alerts, this.files, this.log);
    this.applyIntegrationLog();
    // the request log is also kept in quota.json: a rebuilt database does not spend the day's quota again
    const requestLog = rememberedRequestLog(sqliteRequestLog(this.db), options.dataDir, (m) => this.log.warn(m));
    this.quota = new QuotaGate(requestLog, this.settings.quota, this.clock);
    this.quota.prune();
    this.planner = new Planner(this.files, this.queue, this.lookups, this.counters, () => this.settings);
    this.ingestor = new Ingestor({
      db: this.db,
      alerts: this.alerts,
      sources: this.sources,
      counters: this.counters,
      planner: this.planner,
      files: this.files,
      parseErrors: this.parseErrors,
      readRanges: this.readRanges,
      filter: () => this.filter,
      integrationLogEnabled: () => this.integration.enabled,
      now: () => this.clock.now(),
    });
    this.scheduler = new Scheduler({
      db: this.db,
      files: this.files,
      queue: this.queue,
      lookups: this.lookups,
      counters: this.counters,
      quota: this.quota,
      clock: this.clock,
      settings: () => this.settings,
      client: () => this.currentClient(),
      onFileUpdated: (fileId, previous) => this.fileUpdated(fileId, previous),
      onStatus: () => this.statsChanged(),
      onIntegrationError: (error) => this.integration.error(error),
      reanalysePollMs: options.reanalysePollMs,
      onReanalyse: (progress) => {
        this.reanalyses.set(progress.hash, progress);
        this.emit({ type: 'reanalyse', progress });
      },
    });
    this.sourceManager = new SourceManager({
      sources: this.sources,
      clock: this.clock,
      log: this.log,
      ingest: (sourceId, batch) => this.ingest(sourceId, ingestBatchOf(batch, 'live', true)),
      onStatus: (source) => {
        this.emit({ type: 'source', source });
        this.statsChanged();
      },
    });
    this.backfills = new BackfillRunner({
      clock: this.clock,
      ingest: (sourceId, batch, content) => this.ingest(sourceId, ingestBatchOf(batch, 'backfill', false, content)),
      alreadyRead: (sourceId, prefix) => this.alreadyRead(sourceId, prefix),
      onJob: (job) => this.emit({ type: 'backfill', job }),
    });
    this.stats = new StatsBuilder(this);
  }

  /** Keep config.json in step with the database (sources and settings, never the key). */
  saveMirror(): void {
    if (!this.mirrorWritable) return;
    try {
      writeMirror(this.options.dataDir, {
        sources: this.sources.list().map((s) => ({ path: s.path, fromEnd: s.fromEnd })),
        settings: this.settingsStore.load(),
      });
    } catch (error) {
      this.log.warn(`cannot write ${this.options.dataDir}/config.json: ${(error as Error).message}`);
    }
  }

  // ---- settings -------------------------------------------------------------------------------------------

  /** The settings fixed by command-line flags for this run. */
  overriddenByFlags(): string[] {
    const o = this.options;
    const out: string[] = [];
    if (o.vtBaseUrl) out.push('baseUrl');
    if (o.quota && Object.values(o.quota).some((v) => v !== undefined)) out.push('quota');
    if (o.integrationLog) out.push('integrationLog');
    return out;
  }

  private withOverrides(s: Settings): Settings {
    const o = this.options;
    const quota =
      o.quota && Object.values(o.quota).some((v) => v !== undefined)
        ? {
            plan: 'custom' as const,
            perMinute: o.quota.perMinute ?? s.quota.perMinute,
            perDay: o.quota.perDay ?? s.quota.perDay,
            perMonth: o.quota.perMonth ?? s.quota.perMonth,
          }
        : s.quota.plan === 'public'
          ? { plan: 'public' as const, ...QUOTA_PRESETS.public }
          : s.quota;
    return {
      ...s,
      baseUrl: o.vtBaseUrl ?? s.baseUrl,
      quota,
      integrationLog: o.integrationLog ?? s.integrationLog,
    };
  }

  getSettings(): Settings {
    return this.settings;
  }

  /**
   * Save, then apply without a restart: filters, quota, client, integration log. `chosenBy`: 'local' for the desktop
   * app's own Settings (IPC), 'http' for the HTTP API, whose callers were checked by guardHttpSettingsUpdate().
   */
  updateSettings(update: SettingsUpdate, chosenBy: 'local' | 'http' = 'local'): Settings {
    const { apiKey, ...rest } = update;
    if (apiKey !== undefined) this.secrets.set(apiKey);
    const saved = this.settingsStore.save(rest);
    const binding = { ...this.keyBinding };
    if (chosenBy === 'local' && rest.baseUrl !== undefined) {
      binding.localBaseUrl = saved.baseUrl;
      binding.storedKeyFor = saved.baseUrl;
    }
    if (typeof apiKey === 'string') binding.storedKeyFor = rest.baseUrl ?? this.settings.baseUrl;
    if (
      binding.localBaseUrl !== this.keyBinding.localBaseUrl ||
      binding.storedKeyFor !== this.keyBinding.storedKeyFor
    ) {
      this.keyBindings.save(binding);
      this.keyBinding = binding;
    }
    this.settings = this.withOverrides(saved);
    this.saveMirror();
    this.filter = compileFilter(this.settings.filters);
    this.quota.setLimits(this.settings.quota);
    this.applyIntegrationLog();
    this.client = null; // rebuilt with the new key / URL / version / timeout on next use
    if (apiKey !== undefined) {
      this.stats.allowance = null; // read again by "Test key"
      this.scheduler.keyChanged();
    } else this.scheduler.wake();
    this.statsChanged();
    return this.settings;
  }

  /** The key that may go to where look-ups go now (see keyBinding.ts), or why none may. */
  apiKey(): KeyChoice {
    return chooseKey({
      baseUrl: this.settings.baseUrl,
      baseUrlFromFlag: this.options.vtBaseUrl !== undefined,
      envKey: this.options.apiKeyFromEnv?.trim() || null,
      storedKey: this.secrets.get(),
      binding: this.keyBinding,
    });
  }

  /** A client for this key and these settings (one per change, so proxies and keep-alive are reused). */
  makeClient(key: string): VtClient {
    const s = this.settings;
    return new VtClient({
      baseUrl: s.baseUrl,
      apiKey: key,
      apiVersion: s.apiVersion,
      timeoutMs: s.timeoutSeconds * 1000,
      fetch: this.options.fetch,
    });
  }

  currentClient(): VtClient | null {
    const { key } = this.apiKey();
    if (!key) return null;
    const id = `${key}\u0000${this.settings.baseUrl}\u0000${this.settings.apiVersion}\u0000${this.settings.timeoutSeconds}`;
    if (!this.client || this.clientKey !== id) {
      void this.client?.close();
      this.client = this.makeClient(key);
      this.clientKey = id;
    }
    return this.client;
  }

  private applyIntegrationLog(): void {
    this.integration.setPath(this.settings.integrationLog);
  }

  // ---- events ---------------------------------------------------------------------------------------------

  subscribe(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ApiEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (error) {
        this.log.error(`event listener failed: ${(error as Error).message}`);
      }
    }
  }

  /** Stats are pushed at most twice a second, and only to listeners. */
  statsChanged(): void {
    if (this.statsTimer || this.listeners.size === 0) return;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = null;
      if (this.listeners.size > 0) this.emit({ type: 'stats', stats: this.stats.build() });
    }, 500);
  }

  // ---- ingest and answers ---------------------------------------------------------------------------------

  /** What this source read of the file whose first bytes are `prefix`, and whether it is the file it follows. */
  alreadyRead(sourceId: number, prefix: Buffer): AlreadyRead {
    const row = this.sources.get(sourceId);
    const followed = row?.cursor ?? null;
    const key = followed?.identity;
    const live =
      !!key &&
      key.fpLen >= MIN_CONTENT_KEY &&
      prefix.length >= key.fpLen &&
      fingerprint(prefix.subarray(0, key.fpLen)) === key.fpHash;
    return { ranges: this.readRanges.rangesOf(sourceId, prefix), followedUntil: live ? followed!.offset : null };
  }

  /** Parse and store one batch (one transaction), then tell the views, the scheduler and the integration log. */
  ingest(sourceId: number, batch: IngestBatch): IngestResult {
    const [result] = this.ingestor.store(sourceId, [parseBatch(batch)]);
    if (result.insertedAlerts > 0 && this.listeners.size > 0) {
      const items = this.alerts.newerThan(result.previousMaxId, 500);
      this.emit({ type: 'alerts', items, dropped: Math.max(0, result.insertedAlerts - items.length) });
    }
    for (const fileId of result.cachedFiles) this.integration.flushFile(fileId);
    for (const fileId of result.verdictChanged) this.fileUpdated(fileId, null);
    if (result.queuedFiles > 0) this.scheduler.wake();
    this.statsChanged();
    return result;
  }

  fileUpdated(fileId: number, previous: VerdictState | null): void {
    const file = this.files.get(fileId);
    if (!file) return;
    this.integration.flushFile(fileId);
    this.emit({
      type: 'verdict',
      sha256: file.sha256,
      sha1: file.sha1,
      md5: file.md5,
      verdict: verdictOfStored(file),
      previousState: previous,
      path: this.alerts.latestPathOf(fileId),
    });
    this.statsChanged();
  }

  /** At a forced exit: nothing runs between two batches, so the database can close now; then the lock goes. */
  release(): void {
    try {
      if (this.db.open) this.db.close();
    } finally {
      this.unlock();
    }
  }

  async stop(): Promise<void> {
    if (this.statsTimer) clearTimeout(this.statsTimer);
    this.statsTimer = null;
    await this.sourceManager.stopAll();
    await this.backfills.stopAll();
    await this.scheduler.stop();
    await this.client?.close();
    this.listeners.clear();
    this.db.close();
    this.unlock();
  }
}
