// The Files view's export, with its filters (or a selection): one row per file and place (agent, path) with the
// newest alert there, its verdict, provider and triage. CSV (visible control characters, no formulas) or JSON
// (exact values, control characters as \u escapes), as the History export.
import { escapeControlsInJson } from '../../../shared/visibleText';
import type { FileListFilter, FileListStore } from '../store/fileListStore';
import { csvRow } from './csv';

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
  const stamp = new Date(now).toISOString().slice(0, 10);
  const rows = [];
  for (const file of list.iterate(filter)) rows.push(...list.exportRows(file));
  if (format === 'json') {
    return {
      filename: `fim-verdict-files-${stamp}.json`,
      mimeType: 'application/json',
      content: escapeControlsInJson(JSON.stringify(rows, null, 2)),
      rows: rows.length,
    };
  }
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(csvRow(COLUMNS.map((c) => r[c])));
  return {
    filename: `fim-verdict-files-${stamp}.csv`,
    mimeType: 'text/csv',
    content: lines.join('\r\n') + '\r\n',
    rows: rows.length,
  };
}
