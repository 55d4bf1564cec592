// Statements prepared once per SQL text, for a store whose queries are built from their filters (a few shapes,
// asked again and again): preparing is the costly part of a small query.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export class Statements {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** The statement of this SQL text, prepared the first time it is asked. */
  of(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}
