// At start, before anything writes config.json: what the database lost comes back from config.json (a damaged
// database moved aside, a missing one, a settings row that cannot be read), and a config.json that cannot be read
// is kept aside instead of being written over. Every step is said in the notices (Diagnostics).
import path from 'node:path';
import type { Settings } from '../../../shared/settings';
import type { OpenResult } from '../db/database';
import { keepUnreadableMirror, MIRROR_FILE, readMirror } from './configMirror';

export interface MirrorAtStart {
  dataDir: string;
  now: number;
  opened: Pick<OpenResult, 'recovered' | 'created'>;
  settings: { restore(saved: Settings): void; readable(): boolean };
  /** the sources config.json lists, added again (each read from its start) */
  sources: { restore(list: { path: string }[]): void };
  notices: string[];
}

/** Restores what it can; returns whether config.json may be written in this run. */
export function reconcileMirror(o: MirrorAtStart): boolean {
  const file = path.join(o.dataDir, MIRROR_FILE);
  const read = readMirror(o.dataDir);
  const { recovered, created } = o.opened;
  let writable = true;
  if (read.status === 'unreadable') {
    let where: string;
    try {
      where = `it was kept as ${keepUnreadableMirror(o.dataDir, o.now)}`;
    } catch (error) {
      writable = false; // it stays where it is, and is not written over in this run
      where = `it is left as it is (${(error as Error).message}) and not written in this run`;
    }
    o.notices.push(
      `${file} could not be read (${read.reason}): ${where}.` +
        (created
          ? ' The sources and settings in it could not be restored: fix it and put it back as config.json before the next start, or add them again.'
          : ' A new one is written from the database.'),
    );
  }
  if (recovered) {
    o.notices.push(
      `The database was damaged (${recovered.reason}). It was moved to ${recovered.movedTo} and a new one was built: ` +
        'every source is read again from its start, so the alerts come back; look-up history older than the alert files is in the moved copy.',
    );
    if (read.status === 'missing')
      o.notices.push(
        `${file} is missing: sources and settings added in the app could not be restored; add them again.`,
      );
  } else if (created && read.status === 'ok') {
    o.notices.push(
      `There was no database in ${o.dataDir}, but a config.json: a new database was built with the sources and settings of config.json, and every source is read again from its start.`,
    );
  }
  if (created && read.status === 'ok') {
    if (read.mirror.settings) o.settings.restore(read.mirror.settings);
    o.sources.restore(read.mirror.sources);
    return writable;
  }
  if (!o.settings.readable()) {
    // the database opened, but its settings row is not JSON: config.json's copy, else the defaults
    const saved = read.status === 'ok' ? read.mirror.settings : null;
    if (saved) o.settings.restore(saved);
    o.notices.push(
      saved
        ? 'The stored settings could not be read: they were restored from config.json.'
        : 'The stored settings could not be read, and config.json has none: the defaults are used; set them again.',
    );
  }
  return writable;
}
