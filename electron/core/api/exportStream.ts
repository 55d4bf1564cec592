// The exports' writer (History, Live alerts, Files): CSV or JSON as a stream of text chunks, one page of rows at a
// time, so an HTTP download can write each chunk as it comes and the JSON answer joins them. Both give the same
// bytes as building the whole body at once would: CSV rows joined by CRLF with a final CRLF (visible control
// characters, no formulas: csv.ts), JSON as `JSON.stringify(rows, null, 2)` with every control character escaped.
import type { ApiParsedInput } from '../../../shared/contract';
import type { ExportMethod } from '../../../shared/exports';
import { escapeControlsInJson } from '../../../shared/visibleText';
import { ApiError } from '../base/apiError';
import { csvRow } from './csv';

/** rows read from the database per chunk (History, Files): what an export holds at most at any time */
export const EXPORT_PAGE_ROWS = 500;

export interface ExportStream {
  filename: string;
  mimeType: string;
  format: 'csv' | 'json';
  /** the body, chunk by chunk; each `next()` reads one page (no statement stays open between chunks) */
  chunks: Iterable<string>;
  /** rows written so far (all of them once `chunks` is done) */
  rows(): number;
}

/**
 * The engine's exports as streams, by the contract method whose answer they stream: the HTTP download
 * (headless/exportDownload.ts) and the desktop app's save to a file (main/ipc.ts) write them chunk by chunk.
 */
export interface ExportStreams {
  alerts(input: ApiParsedInput<'exportAlerts'>): ExportStream;
  files(input: ApiParsedInput<'exportFiles'>): ExportStream;
  history(input: ApiParsedInput<'exportHistory'>): ExportStream;
}

/** The stream of one export method, for its parsed input. */
export function openExport<M extends ExportMethod>(
  exports: ExportStreams,
  method: M,
  input: ApiParsedInput<M>,
): ExportStream {
  if (method === 'exportAlerts') return exports.alerts(input as ApiParsedInput<'exportAlerts'>);
  if (method === 'exportFiles') return exports.files(input as ApiParsedInput<'exportFiles'>);
  return exports.history(input as ApiParsedInput<'exportHistory'>);
}

export interface ExportSpec<T> {
  /** the file's name: fim-verdict-<name>-<day>.<format> */
  name: string;
  format: 'csv' | 'json';
  nowMs: number;
  /** the rows, page by page, read as the chunks are (a generator: nothing is read before the first chunk) */
  pages: Iterable<readonly T[]>;
  /** the CSV header line's cells */
  header: readonly string[];
  /** a row's CSV cells, in the header's order */
  cells(row: T): unknown[];
}

/** One array element as `JSON.stringify(array, null, 2)` writes it: its own lines indented by two more spaces. */
function jsonElement(row: unknown): string {
  return '  ' + JSON.stringify(row, null, 2).replace(/\n/g, '\n  '); // strings hold no raw newline: \n is escaped
}

export function exportStream<T>(spec: ExportSpec<T>): ExportStream {
  const { format, pages } = spec;
  const stamp = new Date(spec.nowMs).toISOString().slice(0, 10);
  let rows = 0;
  function* csv(): Generator<string> {
    yield spec.header.join(',') + '\r\n';
    for (const page of pages) {
      if (page.length === 0) continue;
      rows += page.length;
      yield page.map((row) => csvRow(spec.cells(row))).join('\r\n') + '\r\n';
    }
  }
  function* json(): Generator<string> {
    let first = true;
    for (const page of pages) {
      if (page.length === 0) continue;
      const body = page.map(jsonElement).join(',\n');
      rows += page.length;
      // the exact values, with every control character as a JSON \u escape (nothing raw reorders a viewer's text)
      yield escapeControlsInJson((first ? '[\n' : ',\n') + body);
      first = false;
    }
    yield first ? '[]' : '\n]';
  }
  return {
    filename: `fim-verdict-${spec.name}-${stamp}.${format}`,
    mimeType: format === 'json' ? 'application/json' : 'text/csv',
    format,
    chunks: format === 'json' ? json() : csv(),
    rows: () => rows,
  };
}

/**
 * The most the contract's JSON answer holds (characters of `content`): it is built in memory, on the engine's
 * thread. Past it the answer is an error that says to ask with download=1 (streamed a page at a time, the way the
 * app itself exports); without a bound a year of alerts asked this way would take gigabytes and the server with it.
 */
export const EXPORT_ANSWER_MAX_CHARS = 32 * 1024 * 1024;

/** The whole body at once (the contract's JSON answer), at most `maxChars` of it. */
export function exportAsText(
  stream: ExportStream,
  maxChars = EXPORT_ANSWER_MAX_CHARS,
): {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
} {
  const parts: string[] = [];
  let size = 0;
  for (const chunk of stream.chunks) {
    size += chunk.length;
    if (size > maxChars) {
      // leaving the loop closes the pages' reading
      throw new ApiError(
        'bad-request',
        `this export is larger than ${Math.round(maxChars / 1024 / 1024)} MB: ask for it with download=1 (streamed a page at a time)`,
      );
    }
    parts.push(chunk);
  }
  return { filename: stream.filename, mimeType: stream.mimeType, content: parts.join(''), rows: stream.rows() };
}
