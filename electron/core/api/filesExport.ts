// The Files view's export, with its filters (or a selection): one row per file and place (agent, path) with the
// newest alert there, its verdict, provider and triage. CSV or JSON through the exports' writer (exportStream.ts),
// as the History export.
import type { FileListFilter, FileListStore } from '../store/fileListStore';
import { exportAsText, exportStream } from './exportStream';

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

export function exportFiles(
  list: Pick<FileListStore, 'iterate' | 'exportRows'>,
  filter: FileListFilter,
  format: 'csv' | 'json',
  now: number,
): { filename: string; mimeType: string; content: string; rows: number } {
  function* pages() {
    for (const file of list.iterate(filter)) yield list.exportRows(file);
  }
  return exportAsText(
    exportStream({
      name: 'files',
      format,
      nowMs: now,
      pages: pages(),
      header: COLUMNS,
      cells: (r) => COLUMNS.map((c) => r[c]),
    }),
  );
}
