// An export as a stream of text chunks, one page of the database at a time: the HTTP download and the desktop
// app's file write each chunk as it comes (waiting for the reader or the disk between pages), the JSON answer
// joins them. Every export gives the same bytes as building the whole body at once would: CSV rows joined by CRLF
// with a final CRLF after the header, JSON as `JSON.stringify(items, null, 2)` with every control character
// escaped.
import type { ApiParsedInput } from '../../../shared/contract';
import type { ExportMethod } from '../../../shared/exports';
import { escapeControlsInJson } from '../../../shared/visibleText';

/** rows read from the database per chunk: what an export holds at most at any time */
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

/** The engine's exports as streams, by the contract method whose answer they stream. */
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

/** One array element as `JSON.stringify(array, null, 2)` writes it: its own lines indented by two more spaces. */
function jsonElement(value: unknown): string {
  return '  ' + JSON.stringify(value, null, 2).replace(/\n/g, '\n  '); // strings hold no raw newline: \n is escaped
}

/**
 * An export over pages of rows: `pages` reads one page per step (a page is never empty but the last may be short),
 * `csvLine` writes a row as a CSV line, `jsonValue` as the JSON element (the row itself by default).
 */
export function pagedExport<T>(spec: {
  /** the file's name: fim-verdict-NAME-YYYY-MM-DD.FORMAT */
  name: string;
  format: 'csv' | 'json';
  nowMs: number;
  header: readonly string[];
  csvLine(row: T): string;
  jsonValue?(row: T): unknown;
  pages(): Iterable<T[]>;
}): ExportStream {
  const stamp = new Date(spec.nowMs).toISOString().slice(0, 10);
  const jsonValue = spec.jsonValue ?? ((row: T) => row);
  let rows = 0;
  function* csv(): Generator<string> {
    yield spec.header.join(',') + '\r\n';
    for (const page of spec.pages()) {
      if (page.length === 0) continue;
      rows += page.length;
      yield page.map(spec.csvLine).join('\r\n') + '\r\n';
    }
  }
  function* json(): Generator<string> {
    let first = true;
    for (const page of spec.pages()) {
      if (page.length === 0) continue;
      const body = page.map((row) => jsonElement(jsonValue(row))).join(',\n');
      rows += page.length;
      // the exact values, with every control character as a JSON \u escape (nothing raw reorders a viewer's text)
      yield escapeControlsInJson((first ? '[\n' : ',\n') + body);
      first = false;
    }
    yield first ? '[]' : '\n]';
  }
  return {
    filename: `fim-verdict-${spec.name}-${stamp}.${spec.format}`,
    mimeType: spec.format === 'json' ? 'application/json' : 'text/csv',
    format: spec.format,
    chunks: spec.format === 'json' ? json() : csv(),
    rows: () => rows,
  };
}

/** The whole body at once (the contract's JSON answer). */
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
