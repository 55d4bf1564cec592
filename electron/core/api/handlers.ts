// The contract's methods over the engine's services, one module per feature, each given the service it serves.
// Both transports call them through api/dispatch.ts, with input parsed by the contract; an ApiError keeps its code
// and message across the transport.
import type { Clock } from '../base/runtime';
import type { AlertsService } from '../ingest/alertsService';
import type { LookupsService } from '../lookups/lookupsService';
import type { SettingsService } from '../settings/settingsService';
import type { IndexerAdmin } from '../sources/indexer/indexerAdmin';
import type { IndexerSweeps } from '../sources/indexer/indexerSweep';
import type { SourcesService } from '../sources/sourcesService';
import type { StatsService } from '../stats/statsService';
import type { WebhookService } from '../output/webhook/webhookService';
import { alertsHandlers } from './alerts';
import { allowlistHandlers } from './allowlist';
import type { TriageService } from '../triage/triageService';
import { exportAlerts } from './alertsExport';
import { diagnosticsHandlers } from './diagnostics';
import { historyHandlers } from './history';
import { infoHandlers, type RunInfo } from './info';
import { lookupsHandlers } from './lookups';
import { settingsHandlers } from './settings';
import { indexerHandlers } from './indexer';
import { sourcesHandlers } from './sources';
import { triageHandlers, withTriage } from './triage';
import type { ApiHandlers } from './types';

export interface Services {
  run: RunInfo;
  clock: Clock;
  settings: SettingsService;
  sources: SourcesService;
  indexers: IndexerAdmin;
  sweeps: IndexerSweeps;
  alerts: AlertsService;
  lookups: LookupsService;
  stats: StatsService;
  webhook: Pick<WebhookService, 'diagnostics'>;
  triage: TriageService;
}

export function createHandlers(s: Services): ApiHandlers {
  const lookups = lookupsHandlers(
    s.lookups,
    s.alerts,
    () => s.clock.now(),
    () => s.settings.apiKey().key !== null,
  );
  return {
    ...infoHandlers(s.run, s.settings),
    ...diagnosticsHandlers(s.stats, s.webhook),
    ...alertsHandlers(s.alerts),
    ...lookups,
    getHash: withTriage(lookups.getHash, s.lookups, s.triage),
    ...triageHandlers(s.triage, () => s.clock.now()),
    exportAlerts: (input) => exportAlerts(s, input, s.clock.now()),
    ...historyHandlers(s.lookups, s.clock),
    ...settingsHandlers(s.settings),
    ...sourcesHandlers(s.sources, s.indexers),
    ...indexerHandlers(s.indexers, s.sweeps, s.run.transport),
    ...allowlistHandlers(s.lookups.allowlist),
  };
}
