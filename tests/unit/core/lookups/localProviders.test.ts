// The providers answered on this machine read only what can change their answer: the allowlist reads a file's paths
// only while a glob is on the list, and its hashes only while a hash is, and an empty list is not asked at all (its
// files go on at once, as after its "no opinion"); the empty file is asked only about files carrying an empty-content
// hash, and reads the size only of a file whose hashes are all the empty content's (kept in that answer's record). Every queued file is asked
// about by both at ingest speed, so these reads were most of the scheduler's time in a catch-up. What they answer
// is the same: an entry added later (a glob, a hash) is heard at once.
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParsedRecord } from '../../../../shared/domain';
import type { FileHashes } from '../../../../shared/hashes';
import { EMPTY_FILE_HASHES } from '../../../../shared/emptyFile';
import type { EngineCore } from '../../../../electron/core/engineCore';
import { Allowlist } from '../../../../electron/core/lookups/allowlist';
import { EmptyFileClient } from '../../../../electron/core/providers/local/emptyFileClient';
import { FilesStore } from '../../../../electron/core/store/filesStore';
import { QueueStore } from '../../../../electron/core/store/queueStore';
import { SourcesStore } from '../../../../electron/core/store/sourcesStore';
import { parseJsonAlert } from '../../../../electron/core/wazuh/alertsJson';
import { openCore } from '../../../helpers/engine';
import { makeTempDir } from '../../../helpers/tempDir';

const NOW = Date.UTC(2025, 5, 1, 12);

let cleanup: () => void = () => {};
let core: EngineCore | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
  cleanup();
  vi.restoreAllMocks();
});

function engine(): EngineCore {
  const t = makeTempDir('fimv-local-providers-');
  cleanup = t.cleanup;
  core = openCore(t.dir, () => NOW);
  core.start();
  return core;
}

let n = 0;
const hex = (v: number, len: number) => v.toString(16).padStart(len, '0');
const hashesOf = (v: number): FileHashes => ({ md5: hex(v, 32), sha1: hex(v, 40), sha256: hex(v, 64) });

/** One FIM alert (a file added at `path`), stored as a source's batch is. */
function alert(c: EngineCore, path: string, h: FileHashes, size: number): void {
  n++;
  const line = JSON.stringify({
    timestamp: '2025-06-01T12:00:00.000+0000',
    rule: { level: 5, description: 'File added to the system.', id: '554', groups: ['ossec', 'syscheck'] },
    agent: { id: '001', name: 'web-01' },
    manager: { name: 'wazuh-manager' },
    id: `1748779200.${n}`,
    syscheck: {
      path,
      event: 'added',
      size_after: String(size),
      md5_after: h.md5,
      sha1_after: h.sha1,
      sha256_after: h.sha256,
    },
    decoder: { name: 'syscheck_new_entry' },
    location: 'syscheck',
  });
  const sources = new SourcesStore(c.db);
  const sourceId = sources.list()[0]?.id ?? sources.add('/var/ossec/logs/alerts/alerts.json', 'file', false, NOW).id;
  const record: ParsedRecord = parseJsonAlert(line);
  c.alerts.store(sourceId, {
    records: { kind: 'parsed', records: [{ record, offset: n }] },
    origin: 'test',
    reason: 'live',
    bytes: 0,
    commit: (delta) => sources.count(sourceId, delta),
  });
}

/** The local providers have answered every queued file (no VirusTotal key: the rest waits for VirusTotal). */
async function settled(c: EngineCore): Promise<void> {
  const waiting = c.db.prepare("SELECT COUNT(*) FROM queue WHERE provider IN ('local', 'allowlist')").pluck();
  for (let i = 0; i < 500 && (waiting.get() as number) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(waiting.get()).toBe(0);
}

const fileOf = (c: EngineCore, h: FileHashes) => c.lookups.fileByHash(h.sha256!)!;

describe('the providers answered on this machine', () => {
  it("read a file's paths only while a glob is listed, its size only when its hashes are the empty content's", async () => {
    const pathsOf = vi.spyOn(FilesStore.prototype, 'pathsOf');
    const latestSizeOf = vi.spyOn(FilesStore.prototype, 'latestSizeOf');
    const asked = vi.spyOn(Allowlist.prototype, 'lookup');
    const askedEmpty = vi.spyOn(EmptyFileClient.prototype, 'lookup');
    const passDue = vi.spyOn(QueueStore.prototype, 'passDue');
    const c = engine();
    const plain = hashesOf(1);
    alert(c, '/srv/vendor/lib/liba.so', plain, 10);
    alert(c, '/tmp/lock', { ...EMPTY_FILE_HASHES }, 0);
    await settled(c);
    expect(pathsOf).not.toHaveBeenCalled();
    expect(asked).not.toHaveBeenCalled(); // an empty list: its files went on without being asked
    // in one move, past the empty list too
    const moves = passDue.mock.calls.map(([from, to], i) => [from, to, passDue.mock.results[i].value as number]);
    expect(moves.filter(([, , moved]) => moved !== 0)).toEqual([['local', 'virustotal', 1]]);
    // the empty file is asked about the one file whose hashes are the empty content's
    expect(askedEmpty.mock.calls.map(([queries]) => queries.map((q) => q.sha256))).toEqual([
      [EMPTY_FILE_HASHES.sha256],
    ]);
    expect(c.db.prepare('SELECT provider, attempts, next_attempt_at, last_error FROM queue').all()).toEqual([
      { provider: 'virustotal', attempts: 0, next_attempt_at: 0, last_error: null },
    ]);
    expect(latestSizeOf.mock.calls).toEqual([[fileOf(c, EMPTY_FILE_HASHES).id]]);
    expect(fileOf(c, plain).state).toBe('pending');
    const raws = c.db.prepare("SELECT raw FROM lookups WHERE origin = 'local'").pluck().all() as Buffer[];
    expect(raws.map((r) => gunzipSync(r).toString('utf8'))).toEqual([JSON.stringify({ rule: 'empty-file', size: 0 })]);
    expect(fileOf(c, EMPTY_FILE_HASHES).state).toBe('known-good');

    // a glob on the list: the next file's paths are read, and the glob answers it
    c.lookups.allowlist.add(['/srv/vendor/**'], 'vendor files', 'tester');
    const vendor = hashesOf(2);
    alert(c, '/srv/vendor/lib/libb.so', vendor, 10);
    await settled(c);
    expect(pathsOf).toHaveBeenCalledWith(fileOf(c, vendor).id);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(fileOf(c, vendor)).toMatchObject({ state: 'known-good', origin: 'allowlist' });

    // the glob removed: paths are not read again
    const glob = c.lookups.allowlist.list(undefined, 10, 0).items.find((e) => e.kind === 'path')!;
    c.lookups.allowlist.remove(glob.id);
    pathsOf.mockClear();
    alert(c, '/srv/vendor/lib/libc.so', hashesOf(3), 10);
    await settled(c);
    expect(pathsOf).not.toHaveBeenCalled();
    expect(fileOf(c, hashesOf(3)).state).toBe('pending');
  });

  it('a hash added to a list that had none answers the next file with that hash', async () => {
    const c = engine();
    alert(c, '/opt/app/one', hashesOf(10), 10);
    await settled(c); // asked with no hash on the list
    expect(fileOf(c, hashesOf(10)).state).toBe('pending');
    c.lookups.allowlist.add([hashesOf(11).md5!], 'our build', 'tester');
    alert(c, '/opt/app/two', hashesOf(11), 10);
    await settled(c);
    expect(fileOf(c, hashesOf(11))).toMatchObject({ state: 'known-good', origin: 'allowlist' });
  });

  it('a file with one hash of the empty content and others is asked about, found not empty, and goes on', async () => {
    const askedEmpty = vi.spyOn(EmptyFileClient.prototype, 'lookup');
    const c = engine();
    const mixed = { ...hashesOf(20), md5: EMPTY_FILE_HASHES.md5 };
    alert(c, '/tmp/changed', mixed, 0);
    await settled(c);
    expect(askedEmpty.mock.calls.map(([queries]) => queries.map((q) => q.sha256))).toEqual([[mixed.sha256]]);
    expect(fileOf(c, mixed).state).toBe('pending');
    expect(c.db.prepare('SELECT provider FROM queue').pluck().all()).toEqual(['virustotal']);
  });
});
