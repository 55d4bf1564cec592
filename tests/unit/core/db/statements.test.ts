// Statements prepared once per SQL text: the same statement comes back for the same text, another for another.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../../electron/core/db/database';
import { Statements } from '../../../../electron/core/db/statements';

describe('the prepared statements', () => {
  it('are prepared once per SQL text', () => {
    const db = new Database(':memory:') as Db;
    let prepared = 0;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      prepared++;
      return prepare(sql);
    }) as Db['prepare'];
    const statements = new Statements(db);
    const one = statements.of('SELECT 1');
    expect(statements.of('SELECT 1')).toBe(one);
    expect(statements.of('SELECT 2')).not.toBe(one);
    expect(prepared).toBe(2);
    expect(one.pluck().get()).toBe(1);
    db.close();
  });
});
