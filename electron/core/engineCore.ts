// The engine's wiring and nothing else: the data folder's lock, the database, and the services, each given the
// faces of the others it needs (docs/ARCHITECTURE.md draws them). engine.ts starts it; the api/ handlers serve the
// contract from the services. Never imports electron.
import fs from 'node:fs';
import { createHandlers } from './api/handlers';
import type { ApiHandlers } from './api/types';
import { silentLog, systemClock, type Clock, type Logger } from './base/runtime';
import { lockDataDir } from './dataDirLock';
import { openDatabase, type Db } from './db/database';
import type { EngineOptions } from './engineTypes';
import { EventHub } from './events/eventHub';
import { AlertsService } from './ingest/alertsService';
import { LookupsService } from './lookups/lookupsService';
import { IntegrationOutput } from './output/integrationOutput';
import { writeMirror } from './settings/configMirror';
import { reconcileMirror } from './settings/mirrorAtStart';
import { SettingsService } from './settings/settingsService';
import { SourcesService } from './sources/sourcesService';
import { StatsService } from './stats/statsService';

export class EngineCore {
  /** the database connection (tests that make it refuse writes reach it here; no handler does) */
  readonly db: Db;
  readonly recovered: { movedTo: string; reason: string } | null;
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: EventHub;
  readonly settings: SettingsService;
  readonly output: IntegrationOutput;
  readonly lookups: LookupsService;
  readonly alerts: AlertsService;
  readonly sources: SourcesService;
  readonly stats: StatsService;
  readonly handlers: ApiHandlers;
  /** what the analyst should know about this run (diagnostics) */
  private readonly notices: string[] = [];
  private readonly unlock: () => void;
  /** false when config.json could not be read nor moved aside: it is not written over */
  private mirrorWritable = true;

  constructor(readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    const { dataDir } = options;
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.unlock = lockDataDir(dataDir);
    let opened: ReturnType<typeof openDatabase>;
    try {
      opened = openDatabase(dataDir, { nativeBinding: options.nativeBinding, log: (m) => this.log.warn(m) });
    } catch (error) {
      this.unlock();
      throw error;
    }
    const db = (this.db = opened.db);
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
    this.alerts = new AlertsService({
      db,
      clock,
      log: this.log,
      events: this.events,
      lookups: this.lookups,
      output: this.output,
      settings: this.settings,
    });
    this.sources = new SourcesService({ db, clock, log: this.log, events: this.events, sink: this.alerts, mirror });
    this.sources.restore(restoredSources);
    this.stats = new StatsService({
      clock,
      demo: options.demo ?? false,
      sources: this.sources,
      alerts: this.alerts,
      lookups: this.lookups,
      run: {
        dataDir,
        databaseBytes: () =>
          (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number),
        notices: () => (this.output.failure ? [...this.notices, this.output.failure] : this.notices),
      },
    });
    this.events.statsFrom(() => this.stats.build());
    this.settings.onChange(({ settings }) => {
      this.output.setPath(settings.integrationLog);
      this.events.statsChanged();
    });
    this.handlers = createHandlers({
      run: { dataDir, demo: options.demo ?? false, transport: options.transport },
      clock,
      settings: this.settings,
      sources: this.sources,
      alerts: this.alerts,
      lookups: this.lookups,
      stats: this.stats,
    });
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

  /** Follow the sources, and ask about what is queued. */
  start(): void {
    this.sources.startAll();
    this.lookups.start();
    this.alerts.start();
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
    this.events.cancelStatsPush();
    await this.sources.stopAll();
    await this.lookups.stop();
    await this.alerts.stop();
    this.events.close();
    this.db.close();
    this.unlock();
  }
}
