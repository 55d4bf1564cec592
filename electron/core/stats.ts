// GET /api/stats: counts from the stores, the quota windows, VirusTotal's state and each source's state.
import type { Stats } from '../../shared/contract';
import type { EngineCore } from './engineCore';
import { WAZUH_VERDICT_ROWS } from './wazuh/vtAlertRow';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Local midnight: "today" as the analyst reads it. */
export function localMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export class StatsBuilder {
  allowance: Stats['quota']['allowance'] = null;

  constructor(private readonly core: EngineCore) {}

  build(): Stats {
    const c = this.core;
    const now = c.clock.now();
    const totals = c.sources.totals();
    const retired = (name: string) => c.counters.get(`retired.${name}`);
    const byState = c.files.countByState();
    const quota = c.quota.usage();
    const window = (w: (typeof quota)['minute']) => ({ ...w, resetsAt: iso(w.resetsAt) });
    const since = localMidnight(now);
    const today = c.alerts.fileStatesSince(since);
    const status = c.scheduler.status;
    const key = c.apiKey();
    const noKey = key.key === null;
    return {
      alertsRead: totals.alertsRead + retired('alertsRead'),
      // alert rows, less those built from Wazuh's own VirusTotal alerts (no FIM alert read for them)
      fimEvents: c.alerts.count() - c.counters.get(WAZUH_VERDICT_ROWS),
      parseErrors: totals.parseErrors + retired('parseErrors'),
      uniqueHashes: c.files.count(),
      queue: c.queue.count(),
      lookups: c.counters.get('lookups'),
      cacheHits: c.counters.get('cacheHits'),
      vtStatus: noKey ? 'no-key' : status.vtStatus,
      sources: c.sourceManager.statuses(),
      registryEvents: totals.registryEvents + retired('registryEvents'),
      otherAlerts: totals.otherAlerts + retired('otherAlerts'),
      oversizeLines: totals.oversizeLines + retired('oversizeLines'),
      wazuhVerdicts: totals.wazuhVerdicts + retired('wazuhVerdicts'),
      wazuhEquivalentRequests: c.counters.get('wazuhEquivalentRequests'),
      vtStatusMessage: noKey
        ? (key.withheld ?? 'No VirusTotal API key: add one in Settings or set VT_API_KEY.') +
          ' Alerts are stored and queued.'
        : status.message,
      vtResumesAt: iso(status.resumesAt),
      inFlight: c.scheduler.inFlightCount(),
      quota: {
        minute: window(quota.minute),
        day: window(quota.day),
        month: window(quota.month),
        allowance: this.allowance,
      },
      files: {
        malicious: byState.malicious ?? 0,
        suspicious: byState.suspicious ?? 0,
        clean: byState.clean ?? 0,
        unknown: byState.unknown ?? 0,
        error: byState.error ?? 0,
        pending: byState.pending ?? 0,
      },
      today: {
        since: new Date(since).toISOString(),
        alerts: c.alerts.countSince(since),
        filesLookedUp: c.lookups.filesLookedUpSince(since),
        malicious: today.malicious ?? 0,
        suspicious: today.suspicious ?? 0,
        unknown: today.unknown ?? 0,
      },
      demo: c.options.demo ?? false,
    };
  }
}
