// GET /api/stats and the stats pushed to the views: counts from each service (sources, alerts, look-ups), the
// quota windows, VirusTotal's state and each source's state. Reads the services' faces, never a table.
import type { ApiOutput, DatabaseCheck, Stats } from '../../../shared/contract';
import type { Clock } from '../base/runtime';
import type { AlertsService } from '../ingest/alertsService';
import type { LookupsService } from '../lookups/lookupsService';
import type { WazuhQueueStatus } from '../../../shared/contract';
import type { SweepJob } from '../../../shared/indexer';
import type { SourcesService } from '../sources/sourcesService';
import type { TriageService } from '../triage/triageService';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Local midnight: "today" as the analyst reads it. */
export function localMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export interface StatsServiceDeps {
  clock: Clock;
  demo: boolean;
  sources: Pick<SourcesService, 'totals' | 'list'>;
  /** the Wazuh 5 FIM inventory sweeps of this run, newest first */
  sweeps?: () => SweepJob[];
  /** the Wazuh 5 queue socket output (--wazuh-socket) */
  wazuhQueue?: () => WazuhQueueStatus | null;
  alerts: Pick<
    AlertsService,
    | 'fimEvents'
    | 'countSince'
    | 'fileStatesSince'
    | 'cacheHits'
    | 'wazuhEquivalentRequests'
    | 'recentParseErrors'
    | 'retentionPreview'
  >;
  lookups: Pick<
    LookupsService,
    | 'counts'
    | 'answersCount'
    | 'quotaUsage'
    | 'providerState'
    | 'providerStats'
    | 'inFlight'
    | 'filesLookedUpSince'
    | 'virustotal'
  >;
  triage: Pick<TriageService, 'untriagedCount'>;
  /** what Diagnostics shows of the run */
  run: {
    dataDir: string;
    /** the database file's size */
    databaseBytes(): number;
    /** what the analyst should know about this run (a folder moved, a damaged database, a log not written) */
    notices(): string[];
    /** the database's whole-file check (startCheck.ts) */
    databaseCheck(): DatabaseCheck;
  };
}

export class StatsService {
  constructor(private readonly d: StatsServiceDeps) {}

  build(): Stats {
    const { sources, alerts, lookups } = this.d;
    const now = this.d.clock.now();
    const totals = sources.totals();
    const counts = lookups.counts();
    const byState = counts.byState;
    const quota = lookups.quotaUsage();
    const window = (w: (typeof quota)['minute']) => ({ ...w, resetsAt: iso(w.resetsAt) });
    const since = localMidnight(now);
    const today = alerts.fileStatesSince(since);
    const vt = lookups.providerState();
    return {
      alertsRead: totals.alertsRead,
      fimEvents: alerts.fimEvents(),
      parseErrors: totals.parseErrors,
      uniqueHashes: counts.files,
      queue: counts.queue,
      lookups: counts.lookups,
      cacheHits: alerts.cacheHits(),
      vtStatus: vt.status,
      sources: sources.list(),
      sweeps: this.d.sweeps?.() ?? [],
      wazuhQueue: this.d.wazuhQueue?.() ?? null,
      registryEvents: totals.registryEvents,
      otherAlerts: totals.otherAlerts,
      oversizeLines: totals.oversizeLines,
      wazuhVerdicts: totals.wazuhVerdicts,
      wazuhEquivalentRequests: alerts.wazuhEquivalentRequests(),
      vtStatusMessage: vt.message,
      vtResumesAt: iso(vt.resumesAt),
      inFlight: lookups.inFlight(),
      quota: {
        minute: window(quota.minute),
        day: window(quota.day),
        month: window(quota.month),
        allowance: lookups.virustotal.allowance,
      },
      files: {
        malicious: byState.malicious ?? 0,
        suspicious: byState.suspicious ?? 0,
        clean: byState.clean ?? 0,
        unknown: byState.unknown ?? 0,
        error: byState.error ?? 0,
        pending: byState.pending ?? 0,
        knownGood: byState['known-good'] ?? 0,
      },
      today: {
        since: new Date(since).toISOString(),
        alerts: alerts.countSince(since),
        filesLookedUp: lookups.filesLookedUpSince(since),
        malicious: today.malicious ?? 0,
        suspicious: today.suspicious ?? 0,
        unknown: today.unknown ?? 0,
        knownGood: today['known-good'] ?? 0,
      },
      demo: this.d.demo,
      providers: lookups.providerStats(),
      untriaged: this.d.triage.untriagedCount(),
    };
  }

  /** The retention rules and what they remove next. */
  private retention(): ApiOutput<'getDiagnostics'>['retention'] {
    const p = this.d.alerts.retentionPreview();
    return {
      days: p.days,
      maxGB: p.maxBytes === null ? null : p.maxBytes / 1e9,
      usedBytes: p.usedBytes,
      nextAlerts: p.alerts,
      before: iso(p.before),
      reason: p.reason,
    };
  }

  /** The Diagnostics view: unreadable records, each source's and VirusTotal's state, the database, the notices. */
  diagnostics(): Omit<ApiOutput<'getDiagnostics'>, 'webhook'> {
    const stats = this.build();
    return {
      parseErrors: this.d.alerts.recentParseErrors().map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
      sources: stats.sources,
      vtStatus: stats.vtStatus,
      vtStatusMessage: stats.vtStatusMessage,
      lastVtError: this.d.lookups.providerState().lastError,
      dataDir: this.d.run.dataDir,
      database: {
        sizeBytes: this.d.run.databaseBytes(),
        alerts: stats.fimEvents,
        files: stats.uniqueHashes,
        lookups: this.d.lookups.answersCount(),
      },
      retention: this.retention(),
      notices: this.d.run.notices(),
      databaseCheck: this.d.run.databaseCheck(),
    };
  }
}
