// The triage tables: a change writes the state now and a history row; the count of untriaged detections; and a
// file's triage follows it when two rows of the same file are merged (the newer decision wins, every change kept).
import { describe, expect, it } from 'vitest';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { TriageStore, type TriageWrite } from '../../../../electron/core/store/triageStore';
import { useTempDatabase } from '../../../helpers/tempDatabase';

const MD5 = '44d88612fea8a8f36de82e1278abb02f';
const SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const OTHER = 'a'.repeat(64);
const openDb = useTempDatabase('fimv-triage-');

const basis = { state: 'malicious', positives: 3, origin: 'virustotal' };
const write = (fileId: number, state: TriageWrite['state'], at: number, by = 'alice'): TriageWrite => ({
  fileId,
  state,
  note: `${state} note`,
  by,
  at,
  basis,
  reason: null,
});

function setup() {
  const db = openDb();
  return { db, files: new FilesStore(db), triage: new TriageStore(db) };
}

describe('TriageStore', () => {
  it('keeps the state now and every change, newest first', () => {
    const { files, triage } = setup();
    const id = files.ensure({ sha256: SHA256, sha1: null, md5: null }, 1);
    expect(triage.get(id)).toBeUndefined();
    triage.set(write(id, 'acknowledged', 10));
    triage.set(write(id, 'false-positive', 20, 'bob'));
    expect(triage.get(id)).toMatchObject({ state: 'false-positive', by: 'bob', at: 20, basis });
    expect(triage.historyOf(id).map((c) => [c.previous, c.state, c.by])).toEqual([
      ['acknowledged', 'false-positive', 'bob'],
      ['new', 'acknowledged', 'alice'],
    ]);
  });

  it('counts the malicious and suspicious files whose triage is new', () => {
    const { db, files, triage } = setup();
    const a = files.ensure({ sha256: SHA256, sha1: null, md5: null }, 1);
    const b = files.ensure({ sha256: OTHER, sha1: null, md5: null }, 1);
    const c = files.ensure({ sha256: null, sha1: null, md5: MD5 }, 1);
    db.prepare("UPDATE files SET state = 'malicious' WHERE id IN (?, ?)").run(a, b);
    db.prepare("UPDATE files SET state = 'clean' WHERE id = ?").run(c);
    expect(triage.untriagedCount()).toBe(2);
    triage.set(write(a, 'escalated', 5));
    expect(triage.untriagedCount()).toBe(1);
    triage.set(write(a, 'new', 6));
    expect(triage.untriagedCount()).toBe(2);
  });

  it('moves a merged row’s triage to the file kept: every change, and the newer decision', () => {
    const { files, triage } = setup();
    const byMd5 = files.ensure({ sha256: null, sha1: null, md5: MD5 }, 1);
    const bySha = files.ensure({ sha256: SHA256, sha1: null, md5: null }, 2);
    triage.set(write(byMd5, 'acknowledged', 10));
    triage.set(write(bySha, 'resolved', 30, 'bob'));
    const kept = files.absorb(bySha, { sha256: SHA256, sha1: null, md5: MD5 });
    expect(kept).toBe(byMd5);
    expect(files.get(bySha)).toBeUndefined();
    expect(triage.get(kept)).toMatchObject({ state: 'resolved', by: 'bob' });
    expect(triage.historyOf(kept)).toHaveLength(2);
  });

  it('keeps the kept row’s decision when it is the newer one', () => {
    const { files, triage } = setup();
    const byMd5 = files.ensure({ sha256: null, sha1: null, md5: MD5 }, 1);
    const bySha = files.ensure({ sha256: SHA256, sha1: null, md5: null }, 2);
    triage.set(write(byMd5, 'escalated', 50));
    triage.set(write(bySha, 'resolved', 30, 'bob'));
    const kept = files.absorb(bySha, { sha256: SHA256, sha1: null, md5: MD5 });
    expect(triage.get(kept)).toMatchObject({ state: 'escalated', by: 'alice' });
  });
});
