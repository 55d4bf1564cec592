import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/core/db/database';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { QueueStore } from '../../../../electron/core/store/queueStore';
import { LookupsStore } from '../../../../electron/core/store/lookupsStore';
import { makeTempDir } from '../../../helpers/tempDir';

const MD5 = '44d88612fea8a8f36de82e1278abb02f';
const SHA1 = '3395856ce81f2b7382dee72602f798b642f14140';
const SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';

let cleanup: () => void = () => {};
let db: Db;
afterEach(() => {
  db?.close();
  cleanup();
});

function setup() {
  const t = makeTempDir();
  cleanup = t.cleanup;
  db = openDatabase(t.dir).db;
  return { files: new FilesStore(db), queue: new QueueStore(db), lookups: new LookupsStore(db) };
}

describe('FilesStore: one file, three hashes', () => {
  it('finds the same file by any of its hashes', () => {
    const { files } = setup();
    const id = files.ensure({ md5: MD5, sha1: SHA1, sha256: SHA256 }, 1);
    expect(files.ensure({ md5: MD5, sha1: null, sha256: null }, 2)).toBe(id);
    expect(files.ensure({ md5: null, sha1: SHA1, sha256: null }, 2)).toBe(id);
    expect(files.byHash(SHA256)?.id).toBe(id);
    expect(files.count()).toBe(1);
  });

  it('merges a row known by md5 with a row known by sha256 once an answer names both, moving queue and history', () => {
    const { files, queue, lookups } = setup();
    const byMd5 = files.ensure({ md5: MD5, sha1: null, sha256: null }, 1);
    const bySha = files.ensure({ md5: null, sha1: null, sha256: SHA256 }, 2);
    expect(byMd5).not.toBe(bySha);
    queue.enqueue(byMd5, 'backfill', 5, 10);
    queue.enqueue(bySha, 'live', 7, 20);
    lookups.insert({
      fileId: bySha,
      at: 30,
      origin: 'wazuh',
      reason: 'wazuh',
      api: null,
      state: 'clean',
      positives: 0,
      total: 70,
      scanDate: null,
      permalink: null,
      error: null,
      httpStatus: null,
      wazuhAlertId: 'x.1',
      raw: null,
    });
    const kept = files.absorb(bySha, { md5: MD5, sha1: SHA1, sha256: SHA256 });
    expect(kept).toBe(byMd5); // the older row stays
    expect(files.count()).toBe(1);
    expect(files.get(kept)).toMatchObject({ md5: MD5, sha1: SHA1, sha256: SHA256 });
    const q = queue.get(kept)!;
    expect(q.rank).toBe(1); // live beats backfill
    expect(q.level).toBe(7);
    expect(queue.count()).toBe(1);
    expect(lookups.ofFile(kept)).toHaveLength(1);
  });

  it('keeps contradicting rows apart (same md5, different sha256)', () => {
    const { files } = setup();
    const a = files.ensure({ md5: MD5, sha1: null, sha256: SHA256 }, 1);
    const other = 'a'.repeat(64);
    const b = files.ensure({ md5: MD5, sha1: null, sha256: other }, 2);
    expect(b).not.toBe(a); // the sha256 names another file; nothing of the first row is overwritten
    expect(files.get(a)).toMatchObject({ md5: MD5, sha256: SHA256 });
    expect(files.get(b)).toMatchObject({ md5: null, sha256: other });
  });

  it('ensureRow (the ingest path) inserts a new file once, and otherwise gives the row ensure() decides', () => {
    const { files } = setup();
    const fresh = files.ensureRow({ md5: MD5, sha1: SHA1, sha256: SHA256 }, 5);
    expect(files.get(fresh.id)).toEqual(fresh); // the row it builds without reading back is the stored one
    expect(files.ensureRow({ md5: MD5, sha1: SHA1, sha256: SHA256 }, 6)).toEqual(fresh);
    expect(files.ensureRow({ md5: MD5, sha1: null, sha256: null }, 7).id).toBe(fresh.id);

    // known by md5 only: the insert is refused by that md5, and the row joins the alert's sha256
    const weak = 'b'.repeat(32);
    const byMd5 = files.ensureRow({ md5: weak, sha1: null, sha256: null }, 8).id;
    const joined = files.ensureRow({ md5: weak, sha1: null, sha256: 'c'.repeat(64) }, 9);
    expect(joined).toMatchObject({ id: byMd5, md5: weak, sha256: 'c'.repeat(64) });

    // the same md5 beside another sha256 is another file: a new row, without the md5 the first one holds
    const other = files.ensureRow({ md5: weak, sha1: null, sha256: 'd'.repeat(64) }, 10);
    expect(other.id).not.toBe(byMd5);
    expect(files.get(other.id)).toMatchObject({ md5: null, sha256: 'd'.repeat(64) });
    expect(files.count()).toBe(3);
  });

  it('the strongest hash decides: a known sha256 with a different md5 is that file', () => {
    const { files } = setup();
    const id = files.ensure({ md5: MD5, sha1: SHA1, sha256: SHA256 }, 1);
    expect(files.ensureRow({ md5: 'f'.repeat(32), sha1: 'e'.repeat(40), sha256: SHA256 }, 2).id).toBe(id);
    expect(files.get(id)).toMatchObject({ md5: MD5, sha1: SHA1 }); // the damaged alert overwrote nothing
    expect(files.count()).toBe(1);
  });

  it('a failed look-up shows error only when there is no answer yet', () => {
    const { files } = setup();
    const id = files.ensure({ md5: MD5, sha1: null, sha256: null }, 1);
    files.markError(id, 'timeout');
    expect(files.get(id)?.state).toBe('error');
    files.applyAnswer(id, {
      state: 'clean',
      positives: 0,
      total: 70,
      scanDate: 1,
      checkedAt: 2,
      origin: 'virustotal',
      lookupId: 1,
      details: null,
    });
    files.markError(id, 'timeout again');
    expect(files.get(id)?.state).toBe('clean');
  });
});

describe('QueueStore', () => {
  it('orders rescan, live (higher level first), backfill, refresh, and skips in-flight entries', () => {
    const { files, queue } = setup();
    const ids = ['1', '2', '3', '4', '5'].map((c) => files.ensure({ md5: c.repeat(32), sha1: null, sha256: null }, 0));
    queue.enqueue(ids[0], 'refresh', 12, 1);
    queue.enqueue(ids[1], 'backfill', 12, 2);
    queue.enqueue(ids[2], 'live', 5, 3);
    queue.enqueue(ids[3], 'live', 10, 4);
    queue.enqueue(ids[4], 'rescan', 0, 5);
    const order: number[] = [];
    const inFlight: number[] = [];
    for (;;) {
      const next = queue.next(100, inFlight);
      if (!next) break;
      order.push(next.fileId);
      inFlight.push(next.fileId);
    }
    expect(order).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
  });

  it('a rescan makes a delayed entry due now', () => {
    const { files, queue } = setup();
    const id = files.ensure({ md5: MD5, sha1: null, sha256: null }, 0);
    queue.enqueue(id, 'rescan', 0, 1);
    queue.retryLater(id, 10_000_000, 'reanalysing');
    expect(queue.next(100, [])).toBeUndefined();
    queue.enqueue(id, 'rescan', 0, 2);
    expect(queue.next(100, [])?.fileId).toBe(id);
  });

  it('a file is queued once; a higher rank promotes it', () => {
    const { files, queue } = setup();
    const id = files.ensure({ md5: MD5, sha1: null, sha256: null }, 0);
    expect(queue.enqueue(id, 'backfill', 3, 1)).toBe('added');
    expect(queue.enqueue(id, 'backfill', 3, 2)).toBe('attached');
    expect(queue.enqueue(id, 'live', 3, 3)).toBe('promoted');
    expect(queue.count()).toBe(1);
    expect(queue.get(id)?.reason).toBe('live');
  });
});
