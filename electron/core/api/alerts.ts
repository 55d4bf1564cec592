// The Live view's pages: alerts (newest first, filtered) and the agents that sent them.
import type { AlertsService } from '../ingest/alertsService';
import type { ApiHandlers } from './types';

export function alertsHandlers(alerts: AlertsService): Pick<ApiHandlers, 'listAlerts' | 'listAgents'> {
  return {
    listAlerts: (q) => alerts.list(q),
    listAgents: () => alerts.agents(),
  };
}
