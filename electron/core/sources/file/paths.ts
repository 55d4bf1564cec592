// What a file source follows: a file, or the live file inside a manager's logs/alerts (or 5.x event output) folder;
// and where Wazuh keeps
// the dated files of what it follows.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceRecord } from '../../store/sourcesStore';
import { EVENTS5_FOLDER, EVENTS5_LIVE } from './datedFiles';

/**
 * The file a source follows: the path itself, or alerts.json inside a logs/alerts folder, or the stable hard link
 * standard-wazuh-events-v5.json inside the Wazuh 5 engine's output folder (told by its name).
 */
export function followedPath(row: Pick<SourceRecord, 'path' | 'kind'>): string {
  if (row.kind !== 'folder') return row.path;
  return path.join(row.path, path.basename(row.path) === EVENTS5_FOLDER ? EVENTS5_LIVE : 'alerts.json');
}

/**
 * Where Wazuh keeps the dated files of what the source follows: the folder of a folder source, and the folder of
 * a file source named alerts.json, alerts.log or standard-wazuh-events-v5.json (the same layout). Other files: none.
 */
export function rotationFolderOf(row: Pick<SourceRecord, 'path' | 'kind'>): string | null {
  if (row.kind === 'folder') return row.path;
  const name = path.basename(row.path);
  return name === 'alerts.json' || name === 'alerts.log' || name === EVENTS5_LIVE ? path.dirname(row.path) : null;
}

/** A folder is a manager's logs/alerts (followed through its alerts.json); anything else is a file. */
export function sourceKindOf(p: string): 'file' | 'folder' {
  try {
    return fs.statSync(p).isDirectory() ? 'folder' : 'file';
  } catch {
    return p.endsWith('/') || p.endsWith(path.sep) ? 'folder' : 'file';
  }
}
