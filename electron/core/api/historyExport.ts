// The history export as a stream of text chunks, one page of the database at a time (exportStream.ts): the HTTP
// download writes each chunk as it comes (waiting for the reader between pages), the JSON answer joins them.
import type { HistoryEntry } from '../../../shared/contract';
import { verdictInWords } from '../../../shared/verdictWords';
import type { LookupsService } from '../lookups/lookupsService';
import type { HistoryCursor, HistoryFilter } from '../store/lookupsStore';
import { EXPORT_PAGE_ROWS, exportStream, type ExportStream } from './exportStream';

export { EXPORT_PAGE_ROWS } from './exportStream';

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
  // who decided and why, in one line (a column added at the end: readers of the older columns are not moved)
  'why',
  // the state in the app's words ("not on VirusTotal" for unknown), and the count in words: added at the end
  'verdict',
];

export type HistoryPages = Pick<LookupsService, 'historyPageAfter'>;

function csvCells(e: HistoryEntry): unknown[] {
  return [
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
    e.why ?? null,
    verdictInWords(e),
  ];
}

function* pages(lookups: HistoryPages, filter: HistoryFilter, pageRows: number): Generator<HistoryEntry[]> {
  let after: HistoryCursor | null = null;
  for (;;) {
    const page = lookups.historyPageAfter(filter, after, pageRows);
    if (page.length > 0) yield page;
    if (page.length < pageRows) return;
    const last = page[page.length - 1];
    after = { at: Date.parse(last.at), id: last.id };
  }
}

export function historyExport(
  lookups: HistoryPages,
  filter: HistoryFilter,
  format: 'csv' | 'json',
  nowMs: number,
  pageRows = EXPORT_PAGE_ROWS,
): ExportStream {
  return exportStream({
    name: 'history',
    format,
    nowMs,
    pages: pages(lookups, filter, pageRows),
    header: CSV_HEADER,
    cells: csvCells,
  });
}
