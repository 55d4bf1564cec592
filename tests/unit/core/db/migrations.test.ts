// Migration 4 rebuilds the sources table (sources of any type) with foreign keys on, as the app opens its database:
// nothing that points at a source is lost or moved (alerts keep their source, read ranges stay), and the keys are
// on again after it.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../../../electron/core/db/database';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import { emptyDelta, SourcesStore } from '../../../../electron/core/store/sourcesStore';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanup: () => void = () => {};
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
  cleanup();
});

/** A database as version 3 of the schema left it, foreign keys on (database.ts's pragmas). */
function version3(): Db {
  const t = makeTempDir('fimv-migrate-');
  cleanup = t.cleanup;
  const d = new Database(`${t.dir}/old.sqlite`);
  d.pragma('foreign_keys = ON');
  d.transaction(() => {
    for (const m of MIGRATIONS.slice(0, 3)) d.exec(m.sql);
    d.pragma('user_version = 3');
  })();
  d.prepare(
    `INSERT INTO sources (id, path, kind, from_end, format, added_at, cur_path, cur_dev, cur_ino, cur_fp_len, cur_fp_hash,
       cur_offset, bytes_read, alerts_read, fim_events, last_alert_at)
     VALUES (7, '/var/ossec/logs/alerts', 'folder', 1, 'json', 5, '/var/ossec/logs/alerts/alerts.json', 64768, 42, 1024,
       'ab', 900, 900, 12, 3, 123)`,
  ).run();
  d.prepare(
    `INSERT INTO alerts (manager, alert_id, ts, timestamp, source_id, rule_id, rule_level, rule_description, rule_groups,
       location, path, event) VALUES ('m', '1.1', 1, 't', 7, '554', 5, 'added', 'syscheck', 'syscheck', '/tmp/x', 'added')`,
  ).run();
  d.prepare(
    "INSERT INTO read_ranges (source_id, fp_len, fp_hash, start_offset, end_offset, path) VALUES (7, 1024, 'ab', 0, 900, NULL)",
  ).run();
  return d;
}

describe('migration 4: sources of any type', () => {
  it('keeps every source, its cursor and counters, and whatever points at it', () => {
    db = version3();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const record = new SourcesStore(db).get(7)!;
    expect(record).toMatchObject({
      type: 'file',
      path: '/var/ossec/logs/alerts',
      kind: 'folder',
      fromEnd: true,
      format: 'json',
      config: null,
      cursor: {
        kind: 'file',
        path: '/var/ossec/logs/alerts/alerts.json',
        identity: { dev: 64768, ino: 42, fpLen: 1024, fpHash: 'ab' },
        offset: 900,
      },
      counters: { bytesRead: 900, alertsRead: 12, fimEvents: 3 },
      lastAlertAt: 123,
    });
    expect(db.prepare('SELECT source_id FROM alerts').pluck().get()).toBe(7);
    expect(db.prepare('SELECT COUNT(*) FROM read_ranges WHERE source_id = 7').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('admits a source of another type: no file kind, settings of its own, an opaque cursor', () => {
    db = version3();
    migrate(db);
    const store = new SourcesStore(db);
    const id = store.add(
      {
        type: 'indexer',
        path: 'https://indexer:9200',
        kind: null,
        fromEnd: false,
        config: { urls: ['https://indexer:9200'] },
      },
      9,
    ).id;
    store.advance(id, { kind: 'json', json: '{"after":[1,"a"]}' }, { ...emptyDelta(), alertsRead: 2 });
    expect(store.get(id)).toMatchObject({
      type: 'indexer',
      config: { urls: ['https://indexer:9200'] },
      cursor: { kind: 'json', json: '{"after":[1,"a"]}' },
      counters: { alertsRead: 2 },
    });
    // the sources still point where they pointed: a removal sets its alerts' source to NULL as before
    store.remove(7);
    expect(db.prepare('SELECT source_id FROM alerts').pluck().get()).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM read_ranges').pluck().get()).toBe(0);
  });
});
