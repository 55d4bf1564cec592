// The contract's methods over the engine's services, one module per feature, each given the service it serves.
// Both transports call them through api/dispatch.ts, with input parsed by the contract; an ApiError keeps its code
// and message across the transport.
import type { Clock } from '../base/runtime';
import type { AlertsService } from '../ingest/alertsService';
import type { LookupsService } from '../lookups/lookupsService';
import type { SettingsService } from '../settings/settingsService';
import type { SourcesService } from '../sources/sourcesService';
import type { StatsService } from '../stats/statsService';
import { alertsHandlers } from './alerts';
import { diagnosticsHandlers } from './diagnostics';
import { historyHandlers } from './history';
import { infoHandlers, type RunInfo } from './info';
import { lookupsHandlers } from './lookups';
import { settingsHandlers } from './settings';
import { sourcesHandlers } from './sources';
import type { ApiHandlers } from './types';

export interface Services {
  run: RunInfo;
  clock: Clock;
  settings: SettingsService;
  sources: SourcesService;
  alerts: AlertsService;
  lookups: LookupsService;
  stats: StatsService;
}

export function createHandlers(s: Services): ApiHandlers {
  return {
    ...infoHandlers(s.run, s.settings),
    ...diagnosticsHandlers(s.stats),
    ...alertsHandlers(s.alerts),
    ...lookupsHandlers(
      s.lookups,
      s.alerts,
      () => s.clock.now(),
      () => s.settings.apiKey().key !== null,
    ),
    ...historyHandlers(s.lookups, s.clock),
    ...settingsHandlers(s.settings),
    ...sourcesHandlers(s.sources),
  };
}
