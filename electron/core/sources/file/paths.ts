// What a file source follows: a file, or alerts.json inside a manager's logs/alerts folder; and where Wazuh keeps
// the dated files of what it follows.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceRecord } from '../../store/sourcesStore';

/** The file a source follows: the path itself, or alerts.json inside a logs/alerts folder. */
export function followedPath(row: Pick<SourceRecord, 'path' | 'kind'>): string {
  return row.kind === 'folder' ? path.join(row.path, 'alerts.json') : row.path;
}

/**
 * Where Wazuh keeps the dated files of what the source follows: the folder of a folder source, and the folder of
 * a file source named alerts.json or alerts.log (logs/alerts/alerts.json: the same layout). Other files: none.
 */
export function rotationFolderOf(row: Pick<SourceRecord, 'path' | 'kind'>): string | null {
  if (row.kind === 'folder') return row.path;
  const name = path.basename(row.path);
  return name === 'alerts.json' || name === 'alerts.log' ? path.dirname(row.path) : null;
}

/** A folder is a manager's logs/alerts (followed through its alerts.json); anything else is a file. */
export function sourceKindOf(p: string): 'file' | 'folder' {
  try {
    return fs.statSync(p).isDirectory() ? 'folder' : 'file';
  } catch {
    return p.endsWith('/') || p.endsWith(path.sep) ? 'folder' : 'file';
  }
}
