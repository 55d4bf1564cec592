// What the store tests of the Live order share: one row in each of the alert rows' dictionaries (manager, agent,
// path, rule shape), so that raw alert_rows can be inserted pointing at them, a database holding them in a temp
// folder, the filter with no condition, and a recorder of the OFFSET each page query binds (how many index entries
// it walks before its rows).
import { afterEach, vi } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { Statements } from '../../electron/core/db/statements';
import { alertFilterOf } from '../../electron/core/store/alertFilter';
import { makeTempDir } from './tempDir';

/** The Live order with no filter, as the API's pages build it. */
export const EVERY_ROW = alertFilterOf({});

/** One manager (1), agent (1), path (1) and rule shape (1), as the alert rows' dictionaries hold them. */
export const ONE_OF_EACH_DICTIONARY = `
  INSERT INTO alert_managers (id, name) VALUES (1, 'wazuh-manager');
  INSERT INTO alert_agents (id, key, agent_id, agent_name) VALUES (1, '["001","web-01",null]', '001', 'web-01');
  INSERT INTO alert_paths (id, path) VALUES (1, '/etc/passwd');
  INSERT INTO alert_shapes (id, key) VALUES (1, '["550",7,"Integrity checksum changed.","ossec,syscheck","syscheck",null,null,null,null,null,null,null,null,null,null]');`;

export function seedAlertDictionaries(db: Db): void {
  db.exec(ONE_OF_EACH_DICTIONARY);
}

/**
 * For a test file: `open()` gives a new database in a temp folder with the dictionaries seeded; after each test the
 * mocks are restored, and the database closed and its folder removed.
 */
export function seededAlertDatabases(prefix: string): { open(): Db } {
  let opened: { db: Db; cleanup: () => void } | null = null;
  afterEach(() => {
    vi.restoreAllMocks();
    opened?.db.close();
    opened?.cleanup();
    opened = null;
  });
  return {
    open() {
      const t = makeTempDir(prefix);
      const db = openDatabase(t.dir).db;
      seedAlertDictionaries(db);
      opened = { db, cleanup: t.cleanup };
      return db;
    },
  };
}

/**
 * From now until vi.restoreAllMocks(): the OFFSET each statement prepared through Statements binds when it is run
 * with all() (0 when it binds none), in order.
 */
export function recordPageSkips(): number[] {
  const skips: number[] = [];
  const of = Statements.prototype.of;
  vi.spyOn(Statements.prototype, 'of').mockImplementation(function (this: Statements, sql: string) {
    const stmt = of.call(this, sql);
    return new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'all')
          return (params: { offset?: number }) => {
            skips.push(params.offset ?? 0);
            return target.all(params);
          };
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  });
  return skips;
}
