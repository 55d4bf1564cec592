// The history export as a stream of text chunks, one page of the database at a time: the HTTP download writes
// each chunk as it comes (waiting for the reader between pages), the JSON answer joins them. Both give the same
// bytes as building the whole body at once would: CSV rows joined by CRLF with a final CRLF, JSON as
// `JSON.stringify(items, null, 2)` with every control character escaped.
import type { HistoryEntry } from '../../../shared/contract';
import { verdictInWords } from '../../../shared/verdictWords';
import { escapeControlsInJson } from '../../../shared/visibleText';
import type { LookupsService } from '../lookups/lookupsService';
import type { HistoryCursor, HistoryFilter } from '../store/lookupsStore';
import { csvRow } from './csv';

/** rows read from the database per chunk: what the export holds at most at any time */
export const EXPORT_PAGE_ROWS = 500;

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

export interface ExportStream {
  filename: string;
  mimeType: string;
  format: 'csv' | 'json';
  /** the body, chunk by chunk; each `next()` reads one page (no statement stays open between chunks) */
  chunks: Iterable<string>;
  /** rows written so far (all of them once `chunks` is done) */
  rows(): number;
}

function csvLine(e: HistoryEntry): string {
  return csvRow([
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
  ]);
}

/** One array element as `JSON.stringify(array, null, 2)` writes it: its own lines indented by two more spaces. */
function jsonElement(e: HistoryEntry): string {
  return '  ' + JSON.stringify(e, null, 2).replace(/\n/g, '\n  '); // strings hold no raw newline: \n is escaped
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
  const stamp = new Date(nowMs).toISOString().slice(0, 10);
  let rows = 0;
  function* csv(): Generator<string> {
    yield CSV_HEADER.join(',') + '\r\n';
    for (const page of pages(lookups, filter, pageRows)) {
      rows += page.length;
      yield page.map(csvLine).join('\r\n') + '\r\n';
    }
  }
  function* json(): Generator<string> {
    let first = true;
    for (const page of pages(lookups, filter, pageRows)) {
      const body = page.map(jsonElement).join(',\n');
      // the exact values, with every control character as a JSON \u escape (nothing raw reorders a viewer's text)
      yield escapeControlsInJson((first ? '[\n' : ',\n') + body);
      first = false;
      rows += page.length;
    }
    yield first ? '[]' : '\n]';
  }
  return {
    filename: `fim-verdict-history-${stamp}.${format}`,
    mimeType: format === 'json' ? 'application/json' : 'text/csv',
    format,
    chunks: format === 'json' ? json() : csv(),
    rows: () => rows,
  };
}

/** The whole body at once (the contract's JSON answer, and the desktop app's IPC). */
export function exportAsText(stream: ExportStream): {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
} {
  const parts: string[] = [];
  for (const chunk of stream.chunks) parts.push(chunk);
  return { filename: stream.filename, mimeType: stream.mimeType, content: parts.join(''), rows: stream.rows() };
}
