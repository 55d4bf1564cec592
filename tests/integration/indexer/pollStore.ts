// A store with the one property the indexer source relies on, in SQLite as the engine's: one row per (manager,
// alert id), INSERT OR IGNORE, and the source's cursor and counters written in the same transaction as the page's
// alerts. Used by the exactly-once tests, in this process and in a child that is killed with SIGKILL.
import Database from 'better-sqlite3';
import { type IndexerCursor, parseIndexerCursor, serializeIndexerCursor } from '../../../electron/core/indexer/cursor';
import type { PollPage } from '../../../electron/core/indexer/poller';

export interface Counters {
  /** documents counted as read: each once (a replayed one only when the store inserted it) */
  read: number;
  fimInserted: number;
  /** FIM documents delivered again and ignored by the store (the overlap re-read) */
  fimIgnored: number;
  registry: number;
  other: number;
  errors: number;
  pages: number;
}

export class PollStore {
  readonly db: Database.Database;

  constructor(file = ':memory:') {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS alerts (manager TEXT NOT NULL, alert_id TEXT NOT NULL, path TEXT NOT NULL,
        sha256 TEXT, UNIQUE (manager, alert_id));
      CREATE TABLE IF NOT EXISTS source (id INTEGER PRIMARY KEY CHECK (id = 1), cursor TEXT NOT NULL, counters TEXT NOT NULL);
    `);
  }

  cursor(): IndexerCursor | null {
    const row = this.db.prepare('SELECT cursor FROM source WHERE id = 1').get() as { cursor: string } | undefined;
    return parseIndexerCursor(row?.cursor);
  }

  counters(): Counters {
    const row = this.db.prepare('SELECT counters FROM source WHERE id = 1').get() as { counters: string } | undefined;
    return row
      ? (JSON.parse(row.counters) as Counters)
      : { read: 0, fimInserted: 0, fimIgnored: 0, registry: 0, other: 0, errors: 0, pages: 0 };
  }

  /** A new source's cursor, stored once. */
  start(cursor: IndexerCursor): void {
    this.db
      .prepare('INSERT OR IGNORE INTO source (id, cursor, counters) VALUES (1, ?, ?)')
      .run(serializeIndexerCursor(cursor), JSON.stringify(this.counters()));
  }

  /** One page: its alerts, its cursor and its counters, all or nothing. */
  commit(page: PollPage): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO alerts (manager, alert_id, path, sha256) VALUES (?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      const c = this.counters();
      for (const d of page.documents) {
        const r = d.record;
        if (r.kind === 'fim') {
          const inserted =
            insert.run(r.event.manager, r.event.alertId, r.event.path, r.event.after.sha256).changes === 1;
          if (inserted) c.fimInserted++;
          else c.fimIgnored++;
          if (inserted || !d.replay) c.read++;
          continue;
        }
        if (d.replay) continue; // counted when first delivered
        c.read++;
        if (r.kind === 'registry') c.registry++;
        else if (r.kind === 'error') c.errors++;
        else c.other++;
      }
      c.pages++;
      this.db
        .prepare('UPDATE source SET cursor = ?, counters = ? WHERE id = 1')
        .run(serializeIndexerCursor(page.nextCursor), JSON.stringify(c));
    })();
  }

  alertIds(): string[] {
    return (this.db.prepare('SELECT alert_id FROM alerts ORDER BY alert_id').pluck().all() as string[]).slice();
  }

  close(): void {
    this.db.close();
  }
}
