// What the integration log has written: each alert row is written once its file has an answer (or marked written
// at once when the log is off: enabling it later does not replay history). output/integrationOutput.ts reads the
// alerts of a file still to write, and marks them written.
import type { AlertItem } from '../../../shared/contract';
import type { Db } from '../db/database';
import { SELECT_ITEMS, toAlertItem, type AlertJoinRow } from './alertsStore';

/** What a line of the integration log needs of the file besides its alert. */
export interface LoggedFile {
  md5: string | null;
  sha1: string | null;
  /** when its answer came; null: none yet */
  checkedAt: number | null;
}

export class IntegrationLogStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      unlogged: db.prepare(`${SELECT_ITEMS} WHERE a.file_id = ? AND a.integration_logged = 0 ORDER BY a.id LIMIT 5000`),
      markLogged: db.prepare('UPDATE alert_rows SET integration_logged = 1 WHERE id = ?'),
      file: db.prepare('SELECT md5, sha1, checked_at AS checkedAt FROM files WHERE id = ?'),
    };
  }

  file(fileId: number): LoggedFile | undefined {
    return this.s.file.get(fileId) as LoggedFile | undefined;
  }

  /** The alerts of this file not written yet (at most 5000 at a time), oldest first. */
  unloggedOfFile(fileId: number): AlertItem[] {
    return (this.s.unlogged.all(fileId) as AlertJoinRow[]).map(toAlertItem);
  }

  markLogged(ids: number[]): void {
    this.db.transaction(() => ids.forEach((id) => this.s.markLogged.run(id)))();
  }
}
