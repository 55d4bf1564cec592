// The small tables the alert rows point at (migration 9): managers, agents, paths, shapes (rule and file attributes)
// and hash sets, each value stored once (a hash set once per run: its table has no key to find it by, migration 12).
// Ids are found through a bounded in-memory map on the ingest path; the map is dropped when a transaction that may
// have added ids rolls back (forget()), so it never names a row that is not.
import type { Statement } from 'better-sqlite3';
import type { AgentRef } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import type { Db } from '../db/database';
import { hashSetKey } from './alertCodec';

/** Past this many entries a map starts again (paths and hash sets can be many; the others are few). */
const MAX_CACHED = 200_000;
/**
 * Past this many characters of keys too (~64 MB): a key is a whole path or agent name, of any length an agent
 * sends, so a count alone let 200,000 long paths hold gigabytes. A key longer than MAX_CACHED_KEY is not kept
 * (found in the table each time: such paths are rare, and each costs one lookup by its index).
 */
const MAX_CACHED_CHARS = 32 * 1024 * 1024;
const MAX_CACHED_KEY = 4096;

class Dictionary<T extends unknown[]> {
  private readonly ids = new Map<string, number>();
  private cachedChars = 0;
  private readonly find: Statement | null;
  private readonly add: Statement;
  private readonly withKey: boolean;

  /** keyColumn null: the table has no key column (hash sets, migration 12): a value is stored once per run only */
  constructor(db: Db, table: string, keyColumn: string | null, columns: string[] = []) {
    this.withKey = keyColumn !== null;
    this.find = keyColumn === null ? null : db.prepare(`SELECT id FROM ${table} WHERE ${keyColumn} = ?`).pluck();
    const all = keyColumn === null ? columns : [keyColumn, ...columns];
    this.add = db.prepare(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`);
  }

  idOf(key: string, ...values: T): number {
    const cached = this.ids.get(key);
    if (cached !== undefined) return cached;
    let id = this.find?.get(key) as number | undefined;
    if (id === undefined)
      id = Number((this.withKey ? this.add.run(key, ...values) : this.add.run(...values)).lastInsertRowid);
    // a table without a key column finds a value only here: its keys (hash sets) are short, and always kept
    if (this.withKey && key.length > MAX_CACHED_KEY) return id;
    if (this.ids.size >= MAX_CACHED || this.cachedChars + key.length > MAX_CACHED_CHARS) this.forget();
    this.ids.set(key, id);
    this.cachedChars += key.length;
    return id;
  }

  forget(): void {
    this.ids.clear();
    this.cachedChars = 0;
  }

  /** what the map holds (tests) */
  cached(): { entries: number; chars: number } {
    return { entries: this.ids.size, chars: this.cachedChars };
  }
}

export class AlertDictionaries {
  private readonly managers: Dictionary<[]>;
  private readonly agents: Dictionary<[string | null, string | null, string | null]>;
  private readonly paths: Dictionary<[]>;
  private readonly shapes: Dictionary<[]>;
  private readonly hashSets: Dictionary<[string | null, string | null, string | null]>;

  constructor(db: Db) {
    this.managers = new Dictionary(db, 'alert_managers', 'name');
    this.agents = new Dictionary(db, 'alert_agents', 'key', ['agent_id', 'agent_name', 'agent_ip']);
    this.paths = new Dictionary(db, 'alert_paths', 'path');
    this.shapes = new Dictionary(db, 'alert_shapes', 'key');
    this.hashSets = new Dictionary(db, 'alert_hashes', null, ['md5', 'sha1', 'sha256']);
  }

  manager(name: string): number {
    return this.managers.idOf(name);
  }

  agent(a: AgentRef): number {
    return this.agents.idOf(JSON.stringify([a.id, a.name, a.ip]), a.id, a.name, a.ip);
  }

  path(path: string): number {
    return this.paths.idOf(path);
  }

  shape(key: string): number {
    return this.shapes.idOf(key);
  }

  hashSet(h: FileHashes): number {
    return this.hashSets.idOf(hashSetKey(h), h.md5, h.sha1, h.sha256);
  }

  /** A transaction that may have added entries rolled back: their ids are no longer true. */
  forget(): void {
    for (const d of this.all()) d.forget();
  }

  /** What the maps hold in all (tests: bounded whatever the alerts are). */
  cached(): { entries: number; chars: number } {
    const each = this.all().map((d) => d.cached());
    return { entries: each.reduce((n, c) => n + c.entries, 0), chars: each.reduce((n, c) => n + c.chars, 0) };
  }

  private all() {
    return [this.managers, this.agents, this.paths, this.shapes, this.hashSets];
  }
}
