// Migration 14: each engine's result of a file's newest answer leaves the files row for its own table (file_engines),
// so that reading a file no longer carries ~7 kB of JSON. The file page gives the same engines after it; an answer
// that lists engines replaces them, one that lists none keeps them; a merge keeps the newer answer's engines, and a
// file that goes takes its engines with it.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../../../electron/core/db/database';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import { FilesStore, type FileAnswer, type FileDetails } from '../../../../electron/core/store/filesStore';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanup: () => void = () => {};
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
  cleanup();
});

const hex = (v: number, len: number) => v.toString(16).padStart(len, '0');
const ENGINES_A: FileDetails['engines'] = [
  { engine: 'Kaspersky', category: 'malicious', result: 'EICAR-Test-File', version: '22.0.1.28', update: '20240401' },
  { engine: 'ClamAV', category: 'malicious', result: 'Win.Test.EICAR_HDB-1', version: '1.3.0.0', update: '20240401' },
];
const ENGINES_B: FileDetails['engines'] = [
  { engine: 'Avast', category: 'undetected', result: null, version: null, update: null },
];

/** A database as schema 13 left it: a file with an answer's engines, and one never answered. */
function version13(): Db {
  const t = makeTempDir('fimv-migrate-14-');
  cleanup = t.cleanup;
  const d = new Database(`${t.dir}/old.sqlite`);
  d.transaction(() => {
    for (const m of MIGRATIONS.slice(0, 13)) d.exec(m.sql);
    d.pragma('user_version = 13');
  })();
  d.pragma('foreign_keys = ON');
  d.prepare(
    `INSERT INTO files (id, sha256, state, positives, total, checked_at, origin, names, type, engines, engines_state)
      VALUES (4, ?, 'malicious', 2, 70, 1000, 'virustotal', '["eicar.com"]', 'text', ?, 'malicious')`,
  ).run(hex(4, 64), JSON.stringify(ENGINES_A));
  d.prepare("INSERT INTO files (id, sha256, state) VALUES (9, ?, 'pending')").run(hex(9, 64));
  return d;
}

function answer(checkedAt: number, engines: FileDetails['engines'] | null): FileAnswer {
  return {
    state: 'clean',
    positives: 0,
    total: 70,
    scanDate: checkedAt,
    checkedAt,
    origin: 'virustotal',
    why: '0/70 engines',
    enginesState: 'clean',
    opinion: null,
    lookupId: 1,
    details: engines && {
      names: [],
      type: null,
      size: null,
      threatLabel: null,
      reputation: null,
      tags: [],
      firstSeen: null,
      engines,
    },
  };
}

const enginesRows = (d: Db) => d.prepare('SELECT file_id, engines FROM file_engines ORDER BY file_id').all();

describe('migration 14: file engines apart', () => {
  it('moves every stored engines list to file_engines and drops the column; the file page reads the same', () => {
    db = version13();
    const objects = db.prepare(
      "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'files' AND type != 'table' ORDER BY name",
    );
    const objectsBefore = objects.all();
    const fileOrder = db.prepare('SELECT * FROM file_order ORDER BY file_id');
    const fileOrderBefore = fileOrder.all();
    expect(fileOrderBefore).toHaveLength(2);
    const rowsBefore = (db.prepare('SELECT * FROM files ORDER BY id').all() as Record<string, unknown>[]).map(
      ({ engines: _engines, ...rest }) => rest,
    );
    migrate(db);
    // rebuilt as it was: every row without its engines, the same indexes and triggers, file_order untouched
    expect(db.prepare('SELECT * FROM files ORDER BY id').all()).toEqual(rowsBefore);
    expect(objects.all()).toEqual(objectsBefore);
    expect(fileOrder.all()).toEqual(fileOrderBefore);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const columns = (db.pragma('table_info(files)') as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('engines');
    expect(columns).toContain('engines_state');
    expect(enginesRows(db)).toEqual([{ file_id: 4, engines: JSON.stringify(ENGINES_A) }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const files = new FilesStore(db);
    expect(files.details(4)).toMatchObject({ names: ['eicar.com'], type: 'text', engines: ENGINES_A });
    expect(files.details(9)).toMatchObject({ engines: [] });
    // the verdict is untouched, and reading a file does not carry the engines
    expect(files.get(4)).toMatchObject({ state: 'malicious', positives: 2, total: 70, enginesState: 'malicious' });
    expect(Object.keys(db.prepare('SELECT * FROM files WHERE id = 4').get() as object)).not.toContain('engines');
    // and the triggers on files still work: an answer's state moves the file's order row and the Live counters
    db.prepare("UPDATE files SET state = 'clean' WHERE id = 9").run();
    expect(db.prepare('SELECT state FROM file_order WHERE file_id = 9').pluck().get()).toBe('clean');
  });

  it('an answer listing engines replaces them, one listing none keeps them', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    db = openDatabase(t.dir).db;
    const files = new FilesStore(db);
    const id = files.ensure({ md5: null, sha1: null, sha256: hex(1, 64) }, 1);
    expect(files.details(id)?.engines).toEqual([]);
    files.applyAnswer(id, answer(10, ENGINES_A));
    expect(files.details(id)?.engines).toEqual(ENGINES_A);
    files.applyAnswer(id, answer(20, ENGINES_B));
    expect(files.details(id)?.engines).toEqual(ENGINES_B);
    files.applyAnswer(id, answer(30, null)); // not found this time: what was known stays
    files.applyAnswer(id, answer(40, []));
    expect(files.details(id)?.engines).toEqual(ENGINES_B);
    expect(enginesRows(db)).toHaveLength(1);
  });

  it('a merge keeps the newer answer engines, and the merged-away file takes its own with it', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    db = openDatabase(t.dir).db;
    const files = new FilesStore(db);
    const md5 = hex(7, 32);
    const sha256 = hex(7, 64);
    // known by md5 first (older row, older answer), then by sha256 with a newer answer: the newer engines win
    const byMd5 = files.ensure({ md5, sha1: null, sha256: null }, 1);
    const bySha = files.ensure({ md5: null, sha1: null, sha256 }, 2);
    files.applyAnswer(byMd5, answer(10, ENGINES_A));
    files.applyAnswer(bySha, answer(20, ENGINES_B));
    expect(files.absorb(bySha, { md5, sha1: null, sha256 })).toBe(byMd5);
    expect(files.details(byMd5)?.engines).toEqual(ENGINES_B);
    expect(enginesRows(db)).toEqual([{ file_id: byMd5, engines: JSON.stringify(ENGINES_B) }]);

    // the other way round: the kept row's answer is the newer one, so its engines stay
    const md5b = hex(8, 32);
    const sha256b = hex(8, 64);
    const older = files.ensure({ md5: md5b, sha1: null, sha256: null }, 3);
    const newer = files.ensure({ md5: null, sha1: null, sha256: sha256b }, 4);
    files.applyAnswer(older, answer(50, ENGINES_A));
    files.applyAnswer(newer, answer(40, ENGINES_B));
    expect(files.absorb(newer, { md5: md5b, sha1: null, sha256: sha256b })).toBe(older);
    expect(files.details(older)?.engines).toEqual(ENGINES_A);
    expect(
      db.prepare('SELECT COUNT(*) FROM file_engines WHERE file_id NOT IN (SELECT id FROM files)').pluck().get(),
    ).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
