// The last parse errors (unreadable lines, oversize records), kept to 100 for the diagnostics view.
import type { Db } from '../db/database';

export const PARSE_ERRORS_KEPT = 100;

export interface ParseErrorRow {
  sourceId: number | null;
  sourcePath: string;
  offset: number;
  reason: string;
  excerpt: string;
  at: number;
}

export class ParseErrorsStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO parse_errors (source_id, source_path, offset, reason, excerpt, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      trim: db.prepare(
        `DELETE FROM parse_errors WHERE id <= (SELECT id FROM parse_errors ORDER BY id DESC LIMIT 1 OFFSET ${PARSE_ERRORS_KEPT})`,
      ),
      // rows kept by a build that stored an excerpt of any line (see ingest/excerpts.ts): only what starts like an
      // alert, or holds its keys, keeps its excerpt
      withholdOld: db.prepare(
        `UPDATE parse_errors SET excerpt = '(withheld: kept by an older version, which stored excerpts of any line; only alerts are shown)'
         WHERE excerpt <> '' AND excerpt NOT LIKE '(withheld:%' AND excerpt NOT LIKE '{"timestamp":"%'
           AND excerpt NOT LIKE '** Alert %' AND NOT (excerpt LIKE '%"rule":{%' AND excerpt LIKE '%"agent":{%')`,
      ),
      recent: db.prepare(
        `SELECT source_id AS sourceId, source_path AS sourcePath, offset, reason, excerpt, at FROM parse_errors ORDER BY id DESC LIMIT ${PARSE_ERRORS_KEPT}`,
      ),
    };
  }

  add(e: ParseErrorRow): void {
    this.s.insert.run(e.sourceId, e.sourcePath, e.offset, e.reason, e.excerpt, e.at);
  }

  /** Forget all but the newest PARSE_ERRORS_KEPT (once per batch, not per error). */
  trim(): void {
    this.s.trim.run();
  }

  /** Once per database: the excerpts an older build kept of lines that were no alerts are withheld. */
  withholdOldExcerpts(): number {
    return this.s.withholdOld.run().changes;
  }

  recent(): ParseErrorRow[] {
    return this.s.recent.all() as ParseErrorRow[];
  }
}
