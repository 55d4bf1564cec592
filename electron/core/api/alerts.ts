// The Live view's pages: alerts (newest first, filtered), where one alert stands among them (a jump to a date or
// an alert id), and the agents that sent them.
import type { AlertsService } from '../ingest/alertsService';
import { ApiError, type ApiHandlers } from './types';

/** `at` as a time in ms: a day (YYYY-MM-DD) is the whole day, so its last millisecond (the server's local day). */
export function atOrBeforeMs(at: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const start = new Date(`${at}T00:00:00`);
    start.setDate(start.getDate() + 1);
    return start.getTime() - 1;
  }
  return Date.parse(at);
}

export function alertsHandlers(alerts: AlertsService): Pick<ApiHandlers, 'listAlerts' | 'listAgents' | 'locateAlert'> {
  return {
    listAlerts: (q) => alerts.list(q),
    locateAlert: ({ at, alertId, ...filter }) => {
      const place =
        alertId !== undefined ? alerts.locate(filter, { alertId }) : alerts.locate(filter, { atMs: atOrBeforeMs(at!) });
      if (place) return place;
      throw new ApiError(
        'not-found',
        alertId !== undefined
          ? `no alert ${alertId} among the alerts shown (the filters may hide it)`
          : `no alert at or before ${at} among the alerts shown`,
      );
    },
    listAgents: () => alerts.agents(),
  };
}
