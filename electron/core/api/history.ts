// The History view: every answer, a page at a time, exported as CSV or JSON, and the summary of the last days.
import type { Clock } from '../base/runtime';
import type { LookupsService } from '../lookups/lookupsService';
import { exportAsText } from './exportStream';
import { historyExport } from './historyExport';
import type { ApiHandlers } from './types';

export function historyHandlers(
  lookups: Pick<LookupsService, 'listHistory' | 'historyPageAfter' | 'historySummary'>,
  clock: Clock,
): Pick<ApiHandlers, 'listHistory' | 'exportHistory' | 'historySummary'> {
  return {
    listHistory: ({ limit, offset, ...filter }) => lookups.listHistory(filter, limit, offset),

    exportHistory: ({ format, ...filter }) => exportAsText(historyExport(lookups, filter, format, clock.now())),

    historySummary: ({ days }) => {
      const since = new Date(clock.now());
      since.setHours(0, 0, 0, 0);
      since.setDate(since.getDate() - (days - 1));
      return lookups.historySummary(since.getTime());
    },
  };
}
