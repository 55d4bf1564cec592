// Migration 12: the alert rows' hash sets lose their text key and its UNIQUE index (a random-key index written by
// every alert with hashes before a change). The rows keep their ids and hashes, every alert reads as before through
// the view `alerts`, and new sets are stored (once per run) after it.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FimEvent } from '../../../../shared/domain';
import { migrate, type Db } from '../../../../electron/core/db/database';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import { AlertsStore } from '../../../../electron/core/store/alertsStore';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { ONE_OF_EACH_DICTIONARY } from '../../../helpers/alertRowsFixture';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanup: () => void = () => {};
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
  cleanup();
});

const hex = (v: number, len: number) => v.toString(16).padStart(len, '0');
const set = (v: number) => ({ md5: hex(v, 32), sha1: hex(v, 40), sha256: hex(v, 64) });
const key = (v: number) => `${hex(v, 32)}:${hex(v, 40)}:${hex(v, 64)}`;

/** A database as schema 11 left it, with two alerts whose hashes before a change are hash sets. */
function version11(): Db {
  const t = makeTempDir('fimv-migrate-12-');
  cleanup = t.cleanup;
  const d = new Database(`${t.dir}/old.sqlite`);
  d.transaction(() => {
    for (const m of MIGRATIONS.slice(0, 11)) d.exec(m.sql);
    d.pragma('user_version = 11');
  })();
  d.pragma('foreign_keys = ON');
  d.exec(`${ONE_OF_EACH_DICTIONARY}
    INSERT INTO alert_hashes (id, key, md5, sha1, sha256) VALUES
      (3, '${key(1)}', '${set(1).md5}', '${set(1).sha1}', '${set(1).sha256}'),
      (8, '${key(2)}', '${set(2).md5}', '${set(2).sha1}', '${set(2).sha256}');
    INSERT INTO alert_rows (id, manager_id, alert_s, alert_n, ts, tz, agent_ref, shape_id, path_id, event, hash_mask,
        after_hashes_id, before_hashes_id) VALUES
      (1, 1, 1748779200, 1, 1748779200000, 0, 1, 1, 1, 0, 0, 8, 3),
      (2, 1, 1748779200, 2, 1748779201000, 0, 1, 1, 1, 0, 0, NULL, 8);
  `);
  return d;
}

function modified(n: number, before: number, after: number): FimEvent {
  const line = JSON.stringify({
    timestamp: '2025-06-01T12:00:00.000+0000',
    rule: { level: 7, description: 'Integrity checksum changed.', id: '550', groups: ['ossec', 'syscheck'] },
    agent: { id: '001', name: 'web-01' },
    manager: { name: 'wazuh-manager' },
    id: `1748779300.${n}`,
    syscheck: {
      path: '/etc/passwd',
      event: 'modified',
      md5_before: set(before).md5,
      sha1_before: set(before).sha1,
      sha256_before: set(before).sha256,
      md5_after: set(after).md5,
      sha1_after: set(after).sha1,
      sha256_after: set(after).sha256,
    },
    decoder: { name: 'syscheck_integrity_changed' },
    location: 'syscheck',
  });
  const parsed = parseJsonAlert(line);
  if (parsed.kind !== 'fim') throw new Error('not a FIM event');
  return parsed.event;
}

describe('migration 12: hash sets without their text key', () => {
  it('keeps every set and what every alert reads, drops the key and its index, and stores new sets after it', () => {
    db = version11();
    const view = db.prepare(
      'SELECT id, md5, sha1, sha256, md5_before, sha1_before, sha256_before FROM alerts ORDER BY id',
    );
    const before = view.all();
    expect(before).toEqual([
      {
        id: 1,
        md5: set(2).md5,
        sha1: set(2).sha1,
        sha256: set(2).sha256,
        md5_before: set(1).md5,
        sha1_before: set(1).sha1,
        sha256_before: set(1).sha256,
      },
      {
        id: 2,
        md5: null,
        sha1: null,
        sha256: null,
        md5_before: set(2).md5,
        sha1_before: set(2).sha1,
        sha256_before: set(2).sha256,
      },
    ]);

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(view.all()).toEqual(before);
    expect((db.pragma('table_info(alert_hashes)') as { name: string }[]).map((c) => c.name)).toEqual([
      'id',
      'md5',
      'sha1',
      'sha256',
    ]);
    expect(db.pragma('index_list(alert_hashes)')).toEqual([]);
    expect(db.prepare('SELECT id FROM alert_hashes ORDER BY id').pluck().all()).toEqual([3, 8]);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // new alerts: a set seen twice in a run is stored once; every alert reads its own hashes
    const alerts = new AlertsStore(db);
    db.transaction(() => {
      alerts.insert(modified(1, 5, 6), null, null, true, null);
      alerts.insert(modified(2, 5, 7), null, null, true, null);
      alerts.flushCounts();
    })();
    expect(db.prepare('SELECT COUNT(*) FROM alert_hashes').pluck().get()).toBe(2 + 3);
    const added = db.prepare('SELECT md5, md5_before FROM alerts WHERE id > 2 ORDER BY id').all() as {
      md5: string;
      md5_before: string;
    }[];
    expect(added).toEqual([
      { md5: set(6).md5, md5_before: set(5).md5 },
      { md5: set(7).md5, md5_before: set(5).md5 },
    ]);
  });
});
