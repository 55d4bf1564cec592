// The Files view's default order by risk: detections, then files nobody vouched for yet, then clean ones, and a
// file a provider or the allowlist knows good after those; the reverse sort turns it around.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/core/db/database';
import { FileListStore } from '../../../../electron/core/store/fileListStore';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { makeTempDir } from '../../../helpers/tempDir';

let cleanup: () => void = () => {};
let db: Db;
afterEach(() => {
  db?.close();
  cleanup();
});

const sha = (n: number) => n.toString(16).padStart(64, '0');

describe('FileListStore: the risk order', () => {
  it('puts known-good files after detections, unknowns and clean files', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    db = openDatabase(t.dir).db;
    const files = new FilesStore(db);
    // inserted in an order the sort must undo
    const states = ['known-good', 'clean', 'unknown', 'pending', 'suspicious', 'known-good', 'malicious', 'error'];
    states.forEach((state, i) => {
      const id = files.ensure({ md5: null, sha1: null, sha256: sha(i + 1) }, 1);
      const origin = state === 'known-good' ? (i === 0 ? 'circl' : 'allowlist') : 'virustotal';
      db.prepare('UPDATE files SET state = ?, origin = ? WHERE id = ?').run(state, origin, id);
    });
    const list = new FileListStore(db);
    const order = list.list({ sort: 'risk' }, 100, 0).rows.map((r) => r.state);
    expect(order).toEqual([
      'malicious',
      'suspicious',
      'error',
      'pending',
      'unknown',
      'clean',
      'known-good',
      'known-good',
    ]);
    const reversed = list.list({ sort: '-risk' }, 100, 0).rows.map((r) => r.state);
    expect(reversed.slice(0, 2)).toEqual(['known-good', 'known-good']);
    expect(reversed.at(-1)).toBe('malicious');
    // sorted by verdict alone, the same ranks
    expect(list.list({ sort: 'verdict' }, 100, 0).rows.map((r) => r.state)).toEqual(order);
  });
});
