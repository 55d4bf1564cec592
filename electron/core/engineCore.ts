// The engine's wiring and nothing else: the data folder's lock, the database, and the services, each given the
// faces of the others it needs (docs/ARCHITECTURE.md draws them). engine.ts starts it; the api/ handlers serve the
// contract from the services. Never imports electron.
import fs from 'node:fs';
import path from 'node:path';
import { createHandlers } from './api/handlers';
import { alertsExport } from './api/alertsExport';
import { historyExport } from './api/historyExport';
import { filesExportOf } from './api/triage';
import type { ApiBackend, ApiHandlers } from './api/types';
import { silentLog, systemClock, type Clock, type Logger } from './base/runtime';
import type { DatabaseCheck, WazuhQueueStatus } from '../../shared/contract';
import { takeDataDirLock } from './dataDirLock';
import { checkInBackground, type BackgroundCheck } from './db/backgroundCheck';
import { Checkpointer } from './db/checkpointer';
import { DB_FILE, openDatabase, type Db } from './db/database';
import { askCheckAtNextStart, checkDone, planStartCheck } from './db/startCheck';
import type { EngineOptions } from './engineTypes';
import { EventHub } from './events/eventHub';
import { AlertsService } from './ingest/alertsService';
import { LookupsService } from './lookups/lookupsService';
import { errorRecord } from './output/integrationLog';
import { errorKind, IntegrationOutput } from './output/integrationOutput';
import { WazuhQueueOutput } from './output/wazuhQueueOutput';
import { webhookTriageChange } from './output/webhook/triageChange';
import { WebhookService } from './output/webhook/webhookService';
import { APP_VERSION } from './api/info';
import { writeMirror } from './settings/configMirror';
import { reconcileMirror } from './settings/mirrorAtStart';
import { SettingsService } from './settings/settingsService';
import { memorySecretSlots } from './settings/secretSlots';
import { IndexerSecrets } from './sources/indexer/credentials';
import { IndexerAdmin } from './sources/indexer/indexerAdmin';
import { destinationOf } from './sources/indexer/indexerConfig';
import { IndexerSweeps } from './sources/indexer/indexerSweep';
import { SourcesService } from './sources/sourcesService';
import { StatsService } from './stats/statsService';
import { TriageService } from './triage/triageService';
import { osUserName } from './triage/analyst';

export class EngineCore {
  /** the database connection (tests that make it refuse writes reach it here; no handler does) */
  readonly db: Db;
  /** copies the write-ahead log back into the database on a worker thread; the sources settle on it between batches */
  readonly checkpointer: Checkpointer;
  readonly recovered: { movedTo: string; reason: string } | null;
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: EventHub;
  readonly settings: SettingsService;
  readonly output: IntegrationOutput;
  /** verdicts posted to Wazuh 5 (--wazuh-socket, or the wazuhSocket setting; its status is null while neither is set) */
  readonly wazuhQueue: WazuhQueueOutput;
  readonly lookups: LookupsService;
  readonly webhook: WebhookService;
  readonly alerts: AlertsService;
  readonly sources: SourcesService;
  readonly indexers: IndexerAdmin;
  readonly sweeps: IndexerSweeps;
  readonly stats: StatsService;
  readonly triage: TriageService;
  readonly handlers: ApiHandlers;
  /** the exports as streams (the HTTP download) */
  readonly exports: NonNullable<ApiBackend['exports']>;
  /** what the analyst should know about this run (diagnostics) */
  private readonly notices: string[] = [];
  private readonly unlock: () => void;
  /** the database's whole-file check: done at start, or running in the background (db/startCheck.ts) */
  private databaseCheck: DatabaseCheck;
  private backgroundCheck: BackgroundCheck | null = null;
  /** false when config.json could not be read nor moved aside: it is not written over */
  private mirrorWritable = true;

  constructor(readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    const { dataDir } = options;
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const lock = takeDataDirLock(dataDir);
    this.unlock = lock.release;
    const plan = planStartCheck(dataDir, lock.previousRunUnclean);
    let opened: ReturnType<typeof openDatabase>;
    try {
      opened = openDatabase(dataDir, {
        nativeBinding: options.nativeBinding,
        log: (m) => this.log.warn(m),
        fullCheck: plan.full,
      });
      if (plan.full) checkDone(dataDir); // checked whole (or moved aside and new)
    } catch (error) {
      this.unlock();
      throw error;
    }
    const checkedNow = plan.full || opened.created;
    this.databaseCheck = {
      when: plan.full ? 'at-start' : 'background',
      state: checkedNow ? 'ok' : 'running',
      reason: opened.created && !plan.full ? 'a new database' : plan.reason,
      message: opened.recovered ? `damaged at start: ${opened.recovered.reason}` : null,
      finishedAt: checkedNow ? new Date(this.clock.now()).toISOString() : null,
    };
    const db = (this.db = opened.db);
    this.checkpointer = new Checkpointer(db, {
      nativeBinding: options.nativeBinding,
      warn: (message) => this.log.warn(message),
    });
    this.recovered = opened.recovered;
    this.notices.push(...(options.notices ?? []));
    const clock = this.clock;
    const mirror = { save: () => this.saveMirror() };
    this.events = new EventHub(this.log);

    // what the database lost comes back from config.json before anything reads the settings (mirrorAtStart.ts)
    let restoredSources: { path: string }[] = [];
    this.settings = new SettingsService({
      db,
      flags: options,
      secrets: options.secrets,
      malwareBazaarSecrets: options.secretSlot?.('malwarebazaar'),
      transport: options.transport,
      newDatabase: opened.created,
      mirror,
      atStart: (settings) => {
        this.mirrorWritable = reconcileMirror({
          dataDir,
          now: clock.now(),
          opened,
          settings,
          sources: { restore: (list) => (restoredSources = list) },
          notices: this.notices,
        });
      },
    });
    this.output = new IntegrationOutput(db, this.log);
    this.output.setPath(this.settings.current().integrationLog);
    const queue = (this.wazuhQueue = new WazuhQueueOutput({
      db,
      socketPath: this.settings.current().wazuhSocket,
      clock: this.clock,
      log: this.log,
      onChange: () => this.events.statsChanged(),
    }));
    this.output.also({
      fileReady: (fileId) => queue.fileReady(fileId),
      error: (e) => queue.error(errorRecord(errorKind(e), e.httpStatus, e.message), `${errorKind(e)}:${e.httpStatus}`),
    });
    this.lookups = new LookupsService({
      db,
      dataDir,
      clock,
      settings: this.settings,
      events: this.events,
      output: this.output,
      fetch: options.fetch,
      reanalysePollMs: options.reanalysePollMs,
      warn: (m) => this.log.warn(m),
    });
    // new malicious files (and triage changes) to the webhook, in the background; it hears the verdict events
    this.webhook = new WebhookService({
      db,
      clock,
      log: this.log,
      settings: this.settings,
      fetch: options.fetch,
      retry: options.webhookRetry,
      version: APP_VERSION,
      fileIdOf: (hash) => this.lookups.fileByHash(hash)?.id ?? null,
      details: (sha256) => {
        const file = this.lookups.fileByHash(sha256);
        const vt = file ? this.lookups.vtDetails(file.id) : null;
        return vt ? { suspicious: vt.counts.suspicious, threatLabel: vt.threat?.label ?? null } : null;
      },
    });
    this.events.observe(this.webhook.onEvent);
    this.alerts = new AlertsService({
      db,
      clock,
      log: this.log,
      events: this.events,
      lookups: this.lookups,
      output: this.output,
      settings: this.settings,
    });
    this.triage = new TriageService({
      db,
      clock,
      log: this.log,
      events: this.events,
      lookups: this.lookups,
      // the desktop app has one user, the OS's; a browser names its analyst (the server's OS user when it does not)
      analyst: { name: options.analystName ?? osUserName(), fixed: options.transport === 'ipc' },
      // triage changes to the webhook, when its webhookTriage setting is on
      listener: {
        wanted: () => this.webhook.wantsTriageChanges(),
        changed: (change) => this.webhook.triageChanged(webhookTriageChange(change)),
      },
    });
    // an indexer's password: its own secret slot, bound to its URLs and trust; the environment's, to --indexer's only
    const secrets = new IndexerSecrets({
      slot: options.secretSlot ?? memorySecretSlots(),
      env: options.indexerCredentialsFromEnv ?? null,
      flagDestination: options.indexer ? destinationOf(options.indexer) : null,
    });
    this.sources = new SourcesService({
      db,
      dataDir,
      clock,
      log: this.log,
      events: this.events,
      sink: this.alerts,
      mirror,
      settle: () => this.checkpointer.settle(),
      indexer: { secrets, pollMs: options.indexerPollMs },
    });
    this.indexers = new IndexerAdmin({ sources: this.sources, secrets, clock, log: this.log });
    this.sweeps = new IndexerSweeps({
      sources: this.sources,
      queue: this.lookups,
      clock,
      onJob: (job) => {
        this.events.emit({ type: 'sweep', job });
        this.events.statsChanged();
      },
    });
    this.sources.restore(restoredSources);
    this.stats = new StatsService({
      clock,
      demo: options.demo ?? false,
      sources: this.sources,
      alerts: this.alerts,
      lookups: this.lookups,
      sweeps: () => this.sweeps.list(),
      wazuhQueue: () => queue.status(),
      triage: this.triage,
      run: {
        dataDir,
        databaseBytes: () =>
          (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number),
        notices: () => [
          ...this.notices,
          ...(this.output.failure ? [this.output.failure] : []),
          ...queueNotices(queue.status()),
        ],
        databaseCheck: () => this.databaseCheck,
      },
    });
    this.events.statsFrom(() => this.stats.build());
    this.settings.onChange(({ settings }) => {
      this.output.setPath(settings.integrationLog);
      this.webhook.wake(); // a URL set (or changed) sends what waited
      queue.setSocket(settings.wazuhSocket); // the outbox stays; what waits goes to the socket in force
      this.events.statsChanged();
    });
    this.handlers = createHandlers({
      run: { dataDir, demo: options.demo ?? false, transport: options.transport },
      clock,
      settings: this.settings,
      sources: this.sources,
      indexers: this.indexers,
      sweeps: this.sweeps,
      alerts: this.alerts,
      lookups: this.lookups,
      stats: this.stats,
      webhook: this.webhook,
      triage: this.triage,
    });
    this.exports = {
      alerts: (input) =>
        alertsExport({ alerts: this.alerts, lookups: this.lookups, triage: this.triage }, input, clock.now()),
      files: filesExportOf(this.triage, () => clock.now()),
      history: ({ format, ...filter }) => historyExport(this.lookups, filter, format, clock.now()),
    };
  }

  /** Keep config.json in step with the database (sources and settings, never the key). */
  saveMirror(): void {
    if (!this.mirrorWritable || !this.sources) return;
    try {
      writeMirror(this.options.dataDir, { sources: this.sources.mirrorEntries(), settings: this.settings.stored() });
    } catch (error) {
      this.log.warn(`cannot write ${this.options.dataDir}/config.json: ${(error as Error).message}`);
    }
  }

  /** Follow the sources, and ask about what is queued; check the database meanwhile if it was not at start. */
  start(): void {
    // before the sources: a catch-up at start is the largest writer
    this.checkpointer.start();
    this.sources.startAll();
    this.lookups.start();
    this.alerts.start();
    this.wazuhQueue.start();
    this.webhook.start();
    if (this.databaseCheck.state === 'running') this.startBackgroundCheck();
  }

  private startBackgroundCheck(): void {
    const { dataDir } = this.options;
    const check = checkInBackground(path.join(dataDir, DB_FILE), this.options.nativeBinding);
    this.backgroundCheck = check;
    void check.done.then((outcome) => {
      if (this.backgroundCheck !== check) return; // the engine stopped meanwhile: the next start checks again
      this.backgroundCheck = null;
      const message = outcome.state === 'ok' ? null : outcome.message;
      this.databaseCheck = {
        ...this.databaseCheck,
        state: outcome.state,
        message,
        finishedAt: new Date(this.clock.now()).toISOString(),
      };
      if (outcome.state === 'damaged') {
        // as a damage found at start: the next start moves the file aside and reads every source again
        askCheckAtNextStart(dataDir, `damaged: ${message}`);
        const notice =
          `The database is damaged (${message}). Restart FIM Verdict: the damaged file is then moved aside and ` +
          'a new one is rebuilt from the alert files (sources and settings are kept in config.json).';
        this.notices.push(notice);
        this.log.warn(notice);
      } else if (outcome.state === 'failed') {
        askCheckAtNextStart(dataDir, `not checked: ${message}`);
        this.log.warn(
          `the database could not be checked in the background (${message}): it is checked at the next start`,
        );
      }
      this.events.statsChanged();
    });
  }

  /** The background check, stopped (the engine stops, or a forced exit). */
  private cancelCheck(): Promise<void> {
    const check = this.backgroundCheck;
    this.backgroundCheck = null;
    return check ? check.cancel() : Promise.resolve();
  }

  /** At a forced exit: nothing runs between two batches, so the database can close now; then the lock goes. */
  release(): void {
    this.checkpointer.terminate();
    void this.cancelCheck();
    try {
      if (this.db.open) this.db.close();
    } finally {
      this.unlock();
    }
  }

  async stop(): Promise<void> {
    await this.cancelCheck();
    this.events.cancelStatsPush();
    await this.sweeps.stopAll();
    await this.sources.stopAll();
    await this.lookups.stop();
    await this.alerts.stop();
    await this.wazuhQueue.stop();
    await this.webhook.stop();
    // its connection closed first: the engine's close is then the last, and removes the log
    await this.checkpointer.stop();
    this.events.close();
    this.db.close();
    this.unlock();
  }
}

/** What Diagnostics says of the Wazuh 5 queue socket: a socket away, and the last event Wazuh refused. */
function queueNotices(status: WazuhQueueStatus | null): string[] {
  if (!status) return [];
  return [
    ...(status.state === 'retrying' ? [`Wazuh 5 queue socket: ${status.message}`] : []),
    ...(status.lastSetAside ? [`Wazuh 5 refused a verdict event: ${status.lastSetAside}`] : []),
  ];
}
