// The allowlist table: hashes and path globs the analyst marked known good, with who, when and why.
import type { AllowlistEntry, AllowlistKind } from '../../../shared/allowlist';
import type { Db } from '../db/database';

interface AllowlistRow {
  id: number;
  kind: AllowlistKind;
  value: string;
  why: string;
  who: string;
  added_at: number;
}

export interface AllowlistRecord extends Omit<AllowlistEntry, 'addedAt'> {
  addedAt: number;
}

const toRecord = (r: AllowlistRow): AllowlistRecord => ({
  id: r.id,
  kind: r.kind,
  value: r.value,
  why: r.why,
  who: r.who,
  addedAt: r.added_at,
});

export class AllowlistStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT OR IGNORE INTO allowlist (kind, value, why, who, added_at) VALUES (@kind, @value, @why, @who, @at)',
      ),
      get: db.prepare('SELECT * FROM allowlist WHERE id = ?'),
      byHash: db.prepare("SELECT * FROM allowlist WHERE kind = 'hash' AND value = ?"),
      paths: db.prepare("SELECT * FROM allowlist WHERE kind = 'path' ORDER BY id"),
      remove: db.prepare('DELETE FROM allowlist WHERE id = ?'),
      countKind: db.prepare('SELECT COUNT(*) FROM allowlist WHERE kind = ?').pluck(),
      list: db.prepare(`SELECT * FROM allowlist WHERE (@q IS NULL OR instr(lower(value), lower(@q)) > 0
          OR instr(lower(why), lower(@q)) > 0) ORDER BY id DESC LIMIT @limit OFFSET @offset`),
      total: db
        .prepare(
          'SELECT COUNT(*) FROM allowlist WHERE (@q IS NULL OR instr(lower(value), lower(@q)) > 0 OR instr(lower(why), lower(@q)) > 0)',
        )
        .pluck(),
    };
  }

  /** Added (its record), or null when the same value is on the list already. */
  add(kind: AllowlistKind, value: string, why: string, who: string, at: number): AllowlistRecord | null {
    const info = this.s.insert.run({ kind, value, why, who, at });
    return info.changes > 0 ? this.get(Number(info.lastInsertRowid))! : null;
  }

  get(id: number): AllowlistRecord | undefined {
    const r = this.s.get.get(id) as AllowlistRow | undefined;
    return r && toRecord(r);
  }

  byHash(hash: string): AllowlistRecord | undefined {
    const r = this.s.byHash.get(hash) as AllowlistRow | undefined;
    return r && toRecord(r);
  }

  paths(): AllowlistRecord[] {
    return (this.s.paths.all() as AllowlistRow[]).map(toRecord);
  }

  remove(id: number): boolean {
    return this.s.remove.run(id).changes > 0;
  }

  count(kind: AllowlistKind): number {
    return this.s.countKind.get(kind) as number;
  }

  list(q: string | null, limit: number, offset: number): { total: number; items: AllowlistRecord[] } {
    return {
      total: this.s.total.get({ q }) as number,
      items: (this.s.list.all({ q, limit, offset }) as AllowlistRow[]).map(toRecord),
    };
  }
}
