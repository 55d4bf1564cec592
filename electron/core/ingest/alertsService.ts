// The alerts service: where every batch a source reads is stored (parse, then one transaction with the source's
// cursor: ingestor.ts) and what follows it (the Live view hears of the new rows, cached answers go to the
// integration log, files whose verdict an imported answer moved are told, the scheduler wakes for new work); and
// the alerts as the views read them. Owns the alerts and parse_errors tables.
import type { AlertItem } from '../../../shared/contract';
import type { VerdictState } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';
import { silentLog, type Clock, type Logger } from '../base/runtime';
import type { Db } from '../db/database';
import type { EventHub } from '../events/eventHub';
import type { LookupPlanning } from '../lookups/lookupsService';
import type { IntegrationOutput } from '../output/integrationOutput';
import type { SettingsChange } from '../settings/settingsService';
import type { BatchSink, SourceBatch } from '../sources/alertSource';
import { AlertPositions, type AlertPlace } from '../store/alertPosition';
import { AlertsStore, type AlertQuery } from '../store/alertsStore';
import type { AlertsFilterQuery } from '../store/alertFilter';
import { CountersStore } from '../store/countersStore';
import { ParseErrorsStore, type ParseErrorRow } from '../store/parseErrorsStore';
import { WAZUH_VERDICT_ROWS } from '../wazuh/vtAlertRow';
import { compileFilter, type FimFilter } from './filter';
import { Ingestor, type IngestResult } from './ingestor';
import { parseBatch } from './parseBatch';
import { Retention, type RetentionPreview } from './retention';

/** Set once the parse errors kept by older builds were checked against the excerpt rule (excerpts.ts). */
const EXCERPT_RULE = 'parseErrors.excerptRule';

/** The newest rows of a batch sent to the Live view at most (the rest: `dropped`, the view pages them in). */
const NEW_ROWS_SENT = 500;
/** How often the rows added are folded into the Live order's anchors once they are built. */
const LIVE_ORDER_FOLD_MS = 1_000;

export interface AlertsServiceDeps {
  db: Db;
  clock: Clock;
  log?: Logger;
  events: EventHub;
  /** the look-ups' part of each batch's transaction, and what happens after it */
  lookups: {
    planning: LookupPlanning;
    fileUpdated(fileId: number, previous: VerdictState | null): void;
    wake(): void;
  };
  output: IntegrationOutput;
  settings: {
    current(): { filters: Parameters<typeof compileFilter>[0]; retention: Settings['retention'] };
    onChange(listener: (change: SettingsChange) => void): void;
  };
}

export class AlertsService implements BatchSink {
  private readonly alerts: AlertsStore;
  private readonly positions: AlertPositions;
  private readonly parseErrors: ParseErrorsStore;
  private readonly counters: CountersStore;
  private readonly ingestor: Ingestor;
  private readonly retention: Retention;
  private filter: FimFilter;
  private liveOrderTimer: NodeJS.Timeout | null = null;
  private stoppedLiveOrder = true;
  private liveOrderFailing = false;

  constructor(private readonly d: AlertsServiceDeps) {
    this.alerts = new AlertsStore(d.db);
    this.positions = new AlertPositions(d.db, this.alerts.liveOrder);
    this.parseErrors = new ParseErrorsStore(d.db);
    this.counters = new CountersStore(d.db);
    if (this.counters.get(EXCERPT_RULE) === 0)
      d.db.transaction(() => {
        this.parseErrors.withholdOldExcerpts();
        this.counters.increment(EXCERPT_RULE);
      })();
    this.filter = compileFilter(d.settings.current().filters);
    d.settings.onChange(({ settings }) => (this.filter = compileFilter(settings.filters)));
    this.ingestor = new Ingestor({
      db: d.db,
      alerts: this.alerts,
      counters: this.counters,
      planning: d.lookups.planning,
      parseErrors: this.parseErrors,
      filter: () => this.filter,
      integrationLogEnabled: () => d.output.enabled,
      now: () => d.clock.now(),
    });
    this.retention = new Retention({
      db: d.db,
      counters: this.counters,
      clock: d.clock,
      log: d.log ?? silentLog,
      settings: () => d.settings.current().retention,
      removed: () => d.events.statsChanged(),
      oldestRows: this.alerts.liveOrder,
    });
    let rules = JSON.stringify(d.settings.current().retention);
    d.settings.onChange(({ settings }) => {
      const changed = JSON.stringify(settings.retention);
      if (changed === rules) return;
      rules = changed;
      this.applyRetention().catch((e: unknown) => d.log?.warn(`retention: ${(e as Error).message}`));
    });
  }

  /** Retention: the rules applied now and every few minutes; the Live order's anchors built in the background. */
  start(): void {
    this.retention.start();
    this.stoppedLiveOrder = false;
    this.keepLiveOrder();
  }

  async stop(): Promise<void> {
    this.stoppedLiveOrder = true;
    if (this.liveOrderTimer) clearTimeout(this.liveOrderTimer);
    this.liveOrderTimer = null;
    await this.retention.stop();
  }

  /**
   * The Live order's anchors (liveOrderAnchors.ts): built a few milliseconds at a time with the event loop free
   * between (ingest and requests run), then the rows added folded in every second so no page waits for many.
   */
  private keepLiveOrder(): void {
    if (this.stoppedLiveOrder) return;
    let more = false;
    try {
      more = this.alerts.liveOrder.step();
      this.liveOrderFailing = false;
    } catch (e) {
      // the Live table still answers (it walks as before): said once in the log until a step works again
      if (!this.liveOrderFailing)
        this.d.log?.warn(`live order anchors: ${(e as Error).message}; deep pages walk the index meanwhile`);
      this.liveOrderFailing = true;
    }
    this.liveOrderTimer = setTimeout(() => this.keepLiveOrder(), more ? 0 : LIVE_ORDER_FOLD_MS);
    this.liveOrderTimer.unref?.();
  }

  /** Apply the retention rules to the end now; resolves with the alerts removed. */
  applyRetention(): Promise<number> {
    return this.retention.run();
  }

  /** What retention removes next. */
  retentionPreview(): RetentionPreview {
    return this.retention.preview();
  }

  /** Parse and store one batch (one transaction, with the source's cursor), then tell who needs to know. */
  store(sourceId: number, batch: SourceBatch): IngestResult {
    const [result] = this.ingestor.store(sourceId, [parseBatch(batch)]);
    const { events, lookups, output } = this.d;
    if (result.insertedAlerts > 0 && events.listening) {
      const items = this.alerts.newerThan(result.previousMaxId, NEW_ROWS_SENT);
      events.emit({ type: 'alerts', items, dropped: Math.max(0, result.insertedAlerts - items.length) });
    }
    for (const fileId of result.cachedFiles) output.flushFile(fileId);
    for (const fileId of result.verdictChanged) lookups.fileUpdated(fileId, null);
    if (result.queuedFiles > 0) lookups.wake();
    events.statsChanged();
    return result;
  }

  // ---- the views

  list(query: AlertQuery): { total: number; items: AlertItem[]; maxId: number } {
    return this.alerts.list(query);
  }

  /** Where a row stands in the Live table's order (alertPosition.ts). */
  locate(filter: AlertsFilterQuery, target: { atMs: number } | { alertId: string }): AlertPlace | null {
    return 'atMs' in target
      ? this.positions.atOrBefore(filter, target.atMs)
      : this.positions.ofAlertId(filter, target.alertId);
  }

  agents(): { id: string | null; name: string | null; alerts: number }[] {
    return this.alerts.agents();
  }

  recentParseErrors(): ParseErrorRow[] {
    return this.parseErrors.recent();
  }

  // ---- counts (stats)

  /** FIM events stored: the alert rows, less those built from Wazuh's own VirusTotal alerts (no FIM alert read). */
  fimEvents(): number {
    return this.alerts.count() - this.counters.get(WAZUH_VERDICT_ROWS);
  }

  countSince(since: number): number {
    return this.alerts.countSince(since);
  }

  /** The state of each file an alert since `since` carried (the Live view's "today"). */
  fileStatesSince(since: number): Record<string, number> {
    return this.alerts.fileStatesSince(since);
  }

  cacheHits(): number {
    return this.counters.get('cacheHits');
  }

  /** What Wazuh's own integration would have spent: one request per FIM alert it is given. */
  wazuhEquivalentRequests(): number {
    return this.counters.get('wazuhEquivalentRequests');
  }
}
