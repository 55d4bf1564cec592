// The Files view's export, with its filters (or a selection): one row per file and place (agent, path) with the
// newest alert there, its verdict, provider and triage. CSV (visible control characters, no formulas) or JSON
// (exact values, control characters as \u escapes), as the History export. A stream of one page of files per chunk
// (exportStream.ts); the JSON answer joins it.
import type { FileExportRow } from '../../../shared/triage';
import type { FileListFilter, FileListRow, FileListStore } from '../store/fileListStore';
import { EXPORT_PAGE_ROWS, exportAsText, exportStream, type ExportStream } from './exportStream';

const COLUMNS = [
  'sha256',
  'sha1',
  'md5',
  'state',
  'positives',
  'total',
  'provider',
  'triage',
  'triageNote',
  'triageBy',
  'triageAt',
  'agentId',
  'agentName',
  'path',
  'alertId',
  'alertAt',
  'alerts',
] as const;

export type FileExportList = Pick<FileListStore, 'iterate' | 'exportRows'>;

export function filesExport(
  list: FileExportList,
  filter: FileListFilter,
  format: 'csv' | 'json',
  now: number,
  pageFiles = EXPORT_PAGE_ROWS,
): ExportStream {
  function* pages(): Generator<FileExportRow[]> {
    // the list reads `pageFiles` files per query: a chunk is one such page, each file at each of its places
    let files: FileListRow[] = [];
    for (const file of list.iterate(filter, pageFiles)) {
      files.push(file);
      if (files.length === pageFiles) {
        yield files.flatMap((f) => list.exportRows(f));
        files = [];
      }
    }
    if (files.length > 0) yield files.flatMap((f) => list.exportRows(f));
  }
  return exportStream({
    name: 'files',
    format,
    nowMs: now,
    header: COLUMNS,
    cells: (r) => COLUMNS.map((c) => r[c]),
    pages: pages(),
  });
}

/** The whole export at once: the contract's JSON answer. */
export function exportFiles(
  list: FileExportList,
  filter: FileListFilter,
  format: 'csv' | 'json',
  now: number,
): { filename: string; mimeType: string; content: string; rows: number } {
  return exportAsText(filesExport(list, filter, format, now));
}
