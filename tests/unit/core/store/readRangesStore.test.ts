// What each source read of each file: ranges join only when they touch, so a backfill stopped halfway leaves a hole
// the next one fills; a file is known by its first bytes whatever their length was when a range was added.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../../../electron/core/db/database';
import { MIGRATIONS } from '../../../../electron/core/db/migrations';
import { fingerprint } from '../../../../electron/core/sources/file/fileIdentity';
import { joinRanges, ReadRangesStore, unreadParts } from '../../../../electron/core/store/readRangesStore';
import { SourcesStore } from '../../../../electron/core/store/sourcesStore';
import { makeTempDir } from '../../../helpers/tempDir';
import Database from 'better-sqlite3';

let cleanup: () => void = () => {};
let db: Db;
afterEach(() => {
  db?.close();
  cleanup();
});

const content = Buffer.from(Array.from({ length: 40 }, (_, i) => `{"line":${i}}\n`).join(''));
const key = (len: number) => ({ fpLen: len, fpHash: fingerprint(content.subarray(0, len)) });

function setup() {
  const t = makeTempDir();
  cleanup = t.cleanup;
  db = openDatabase(t.dir).db;
  const sources = new SourcesStore(db);
  const id = sources.add('/x/logs/alerts', 'folder', false, 1).id;
  return { ranges: new ReadRangesStore(db), id };
}

describe('ReadRangesStore', () => {
  it('joins ranges that touch or overlap, keeps a hole between the others', () => {
    const { ranges, id } = setup();
    const mark = (start: number, end: number) => ranges.mark(id, { ...key(200), start, end, path: null });
    mark(500, 600);
    mark(600, 700); // the next batch of the tailer: touches
    mark(0, 100); // a backfill of what came before, stopped at 100
    expect(ranges.rangesOf(id, content)).toEqual([
      { start: 0, end: 100 },
      { start: 500, end: 700 },
    ]);
    expect(unreadParts(ranges.rangesOf(id, content))).toEqual([{ from: 100, to: 500 }, { from: 700 }]);
    expect(unreadParts(ranges.rangesOf(id, content), 650)).toEqual([{ from: 100, to: 500 }]); // followed: before its cursor
    mark(100, 500); // the next backfill fills the hole
    expect(ranges.rangesOf(id, content)).toEqual([{ start: 0, end: 700 }]);
    expect(unreadParts(ranges.rangesOf(id, content), 700)).toEqual([]);
  });

  it('knows a file by any key length seen, and trusts no key under 64 bytes', () => {
    const { ranges, id } = setup();
    ranges.mark(id, { ...key(100), start: 0, end: 100, path: null }); // while the file was short
    ranges.mark(id, { ...key(400), start: 100, end: 350, path: null }); // once it had grown
    ranges.mark(id, { ...key(10), start: 350, end: 400, path: null }); // too short to name a file: not kept
    expect(ranges.rangesOf(id, content)).toEqual([{ start: 0, end: 350 }]);
    expect(ranges.rangesOf(id, Buffer.from('{"another":"file"}\n'.repeat(30)))).toEqual([]);
    expect(ranges.rangesOf(id, content.subarray(0, 150))).toEqual([{ start: 0, end: 100 }]); // the 400-byte key cannot be told
  });

  it('the migration takes what sources had read from their cursors (not from a --from-end start)', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    db = new Database(`${t.dir}/old.sqlite`);
    for (const m of MIGRATIONS.slice(0, 2)) db.exec(m.sql);
    db.pragma('user_version = 2');
    const k = key(400);
    const insert =
      db.prepare(`INSERT INTO sources (path, kind, from_end, added_at, cur_fp_len, cur_fp_hash, cur_offset, cur_dev, cur_ino)
      VALUES (?, 'folder', ?, 1, ?, ?, ?, 1, 1)`);
    insert.run('/a', 0, k.fpLen, k.fpHash, 900);
    insert.run('/b', 1, k.fpLen, k.fpHash, 900);
    migrate(db);
    const ranges = new ReadRangesStore(db);
    expect(ranges.rangesOf(1, content)).toEqual([{ start: 0, end: 900 }]);
    expect(ranges.rangesOf(2, content)).toEqual([]);
  });

  it('joinRanges sorts and joins', () => {
    expect(
      joinRanges([
        { start: 5, end: 9 },
        { start: 0, end: 2 },
        { start: 2, end: 4 },
        { start: 8, end: 12 },
      ]),
    ).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 12 },
    ]);
  });
});
