// The History view: every answer, a page at a time, exported as CSV or JSON, and the summary of the last days.
import { escapeControlsInJson } from '../../../shared/visibleText';
import type { Clock } from '../base/runtime';
import type { LookupsService } from '../lookups/lookupsService';
import { csvRow } from './csv';
import type { ApiHandlers } from './types';

const CSV_HEADER = [
  'at',
  'origin',
  'state',
  'positives',
  'total',
  'scan_date',
  'sha256',
  'sha1',
  'md5',
  'name',
  'permalink',
  'reason',
  'error',
];

export function historyHandlers(
  lookups: Pick<LookupsService, 'listHistory' | 'iterateHistory' | 'historySummary'>,
  clock: Clock,
): Pick<ApiHandlers, 'listHistory' | 'exportHistory' | 'historySummary'> {
  return {
    listHistory: ({ limit, offset, ...filter }) => lookups.listHistory(filter, limit, offset),

    exportHistory: ({ format, ...filter }) => {
      const stamp = new Date(clock.now()).toISOString().slice(0, 10);
      if (format === 'json') {
        const items = [...lookups.iterateHistory(filter)];
        return {
          filename: `fim-verdict-history-${stamp}.json`,
          mimeType: 'application/json',
          // the exact values, with every control character as a JSON \u escape (nothing raw reorders a viewer's text)
          content: escapeControlsInJson(JSON.stringify(items, null, 2)),
          rows: items.length,
        };
      }
      let rows = 0;
      const lines = [CSV_HEADER.join(',')];
      for (const e of lookups.iterateHistory(filter)) {
        rows++;
        lines.push(
          csvRow([
            e.at,
            e.origin,
            e.state,
            e.positives,
            e.total,
            e.scanDate,
            e.sha256,
            e.sha1,
            e.md5,
            e.name,
            e.permalink,
            e.reason,
            e.error,
          ]),
        );
      }
      return {
        filename: `fim-verdict-history-${stamp}.csv`,
        mimeType: 'text/csv',
        content: lines.join('\r\n') + '\r\n',
        rows,
      };
    },

    historySummary: ({ days }) => {
      const since = new Date(clock.now());
      since.setHours(0, 0, 0, 0);
      since.setDate(since.getDate() - (days - 1));
      return lookups.historySummary(since.getTime());
    },
  };
}
