// Look-up results in the store: the hashes sent, their verdicts from the one cache whatever the order of answers
// and events, and the list kept across a reload of the page (sessionStorage).
import { describe, expect, it } from 'vitest';
import { ApiCallError, type HashDetail } from '../../../../shared/contract';
import { LOOKUPS_STORAGE_KEY } from '../../../../renderer/src/store/lookupResults';
import {
  alert,
  hashDetail,
  hashesOf,
  memoryStorage,
  openStore,
  settle,
  verdict,
  verdictEvent,
  type MemoryStorage,
} from '../storeHarness';

const malicious = verdict('malicious', '2024-05-01T10:00:00Z', 7);
const cleanEarlier = verdict('clean', '2024-04-01T10:00:00Z', 0);

const detail = (file: number, change: Partial<HashDetail> = {}): HashDetail =>
  hashDetail(file, {
    names: [`file-${file}.bin`],
    verdict: cleanEarlier,
    alerts: [alert(10, file, { path: `/srv/file-${file}.bin` })],
    alertsTotal: 3,
    ...change,
  });

function open(storage: MemoryStorage) {
  const opened = openStore(storage);
  opened.server.take('listAlerts');
  const { store } = opened;
  const shown = () => store.lookups.resultsFor(store.getSnapshot().lookups, store.getSnapshot().verdicts);
  /** look one hash up and let the engine accept it */
  const lookUp = async (hash: string, kind: 'md5' | 'sha1' | 'sha256', fileName?: string) => {
    const asked = store.lookups.lookUp(hash, fileName);
    const input = await opened.server.answer('lookupHashes', {
      accepted: [{ hash, kind }],
      rejected: [],
      rejectedTotal: 0,
    });
    await asked;
    return input;
  };
  return { ...opened, shown, lookUp };
}

describe('look-up results', () => {
  it('lists the accepted hashes at once, then where each was seen and its verdict', async () => {
    const { server, shown, lookUp } = open(memoryStorage());
    const { sha256 } = hashesOf(1);
    expect(await lookUp(sha256, 'sha256')).toEqual({ text: sha256 });
    expect(shown().map((r) => [r.hash, r.verdict])).toEqual([[sha256, null]]);
    expect(await server.answer('getHash', detail(1))).toEqual({ hash: sha256 });
    const [result] = shown();
    expect(result.verdict).toEqual(cleanEarlier);
    expect(result.name).toBe('file-1.bin');
    expect(result.seen).toEqual({ path: '/srv/file-1.bin', agent: 'web-01', alerts: 3 });
  });

  it('a verdict event is shown whether it comes before the look-up answers, between them or after', async () => {
    const { md5 } = hashesOf(2);
    for (const when of ['before', 'between', 'after'] as const) {
      const { server, shown, lookUp } = open(memoryStorage());
      if (when === 'before') server.emit(verdictEvent(2, malicious));
      await lookUp(md5, 'md5');
      if (when === 'between') server.emit(verdictEvent(2, malicious));
      await server.answer('getHash', detail(2)); // read before the answer: older than the event
      if (when === 'after') server.emit(verdictEvent(2, malicious));
      expect(shown()[0].verdict, when).toEqual(malicious);
      expect([...shown()[0].known].sort(), when).toEqual(Object.values(hashesOf(2)).sort());
    }
  });

  it('a hash not seen yet waits for its answer without an error; another failure is said', async () => {
    const { server, store, shown } = open(memoryStorage());
    const a = hashesOf(3).sha256;
    const b = hashesOf(4).sha256;
    const asked = store.lookups.lookUp(`${a}\n${b}`);
    await server.answer('lookupHashes', {
      accepted: [
        { hash: a, kind: 'sha256' },
        { hash: b, kind: 'sha256' },
      ],
      rejected: [],
      rejectedTotal: 0,
    });
    await asked;
    await server.fail('getHash', new ApiCallError({ code: 'not-found', message: 'not seen' }, 'getHash'));
    await server.fail('getHash', new ApiCallError({ code: 'internal', message: 'database is locked' }, 'getHash'));
    expect(shown().map((r) => [r.hash, r.error])).toEqual([
      [a, null],
      [b, 'database is locked'],
    ]);
  });

  it('survive a reload: shown at once with their verdicts, then read again', async () => {
    const storage = memoryStorage();
    const first = open(storage);
    const { sha256 } = hashesOf(5);
    await first.lookUp(sha256, 'sha256', 'payload.elf');
    await first.server.answer('getHash', detail(5));
    first.server.emit(verdictEvent(5, malicious));
    expect(JSON.parse(storage.data.get(LOOKUPS_STORAGE_KEY)!)[0].verdict).toEqual(malicious);

    // the page is reloaded: a new store on the same sessionStorage
    const second = open(storage);
    const [restored] = second.shown();
    expect(restored).toMatchObject({ hash: sha256, name: 'payload.elf', verdict: malicious });
    expect(restored.seen).toEqual({ path: '/srv/file-5.bin', agent: 'web-01', alerts: 3 });
    second.store.lookups.refreshRestored();
    second.store.lookups.refreshRestored(); // once only
    expect(second.server.waiting('getHash')).toBe(1);
    await second.server.answer('getHash', detail(5, { alertsTotal: 4 }));
    expect(second.shown()[0].seen?.alerts).toBe(4);
    expect(second.shown()[0].verdict).toEqual(malicious); // the older answer read again does not undo it
    await settle();
  });

  it('a damaged or refused storage starts an empty list, and a full one loses nothing on the page', async () => {
    const damaged = memoryStorage();
    damaged.data.set(LOOKUPS_STORAGE_KEY, '{"not": "a list"');
    expect(open(damaged).shown()).toEqual([]);
    const full = memoryStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const { shown, lookUp } = open(full);
    await lookUp(hashesOf(6).md5, 'md5');
    expect(shown()).toHaveLength(1);
  });

  it('clear empties the list and its stored copy', async () => {
    const storage = memoryStorage();
    const { store, shown, lookUp } = open(storage);
    await lookUp(hashesOf(7).md5, 'md5');
    store.lookups.clear();
    expect(shown()).toEqual([]);
    expect(storage.data.get(LOOKUPS_STORAGE_KEY)).toBe('[]');
  });
});
