// The dictionaries' in-memory maps (paths, agents, shapes, hash sets) stay bounded whatever the alerts hold: an
// agent can send paths of any length, and a map bounded by its count alone held ~200 KB a path (3,000 such
// alerts: +550 MB; the process died out of memory with a 384 MB heap).
import { describe, expect, it } from 'vitest';
import { AlertDictionaries } from '../../../../electron/core/store/alertDictionaries';
import { useTempDatabase } from '../../../helpers/tempDatabase';

const openDb = useTempDatabase('fimv-dict-');

describe('AlertDictionaries', () => {
  it('keeps no long key in memory, and finds it again in its table (one id per value)', () => {
    const dict = new AlertDictionaries(openDb());
    const long = (i: number) => `/tmp/${String(i).padStart(6, '0')}${'x'.repeat(200_000)}`;
    const ids = Array.from({ length: 200 }, (_, i) => dict.path(long(i)));
    expect(new Set(ids).size).toBe(200);
    expect(dict.cached().chars).toBeLessThan(10_000); // none of the 40 MB of paths
    expect(dict.path(long(7))).toBe(ids[7]);
    expect(dict.agent({ id: '001', name: 'n'.repeat(100_000), ip: null })).toBe(
      dict.agent({ id: '001', name: 'n'.repeat(100_000), ip: null }),
    );
  });

  it('starts its maps again past their characters, not only past their count', () => {
    const dict = new AlertDictionaries(openDb());
    // 4 KB paths (the longest kept): 10,000 of them are 40 MB of keys, past the 32 M characters kept
    for (let i = 0; i < 10_000; i++) dict.path(`/p/${String(i).padStart(5, '0')}/${'y'.repeat(4080)}`);
    expect(dict.cached().chars).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(dict.cached().entries).toBeLessThan(10_000);
    // and what is kept still answers the same ids
    expect(dict.path(`/p/09999/${'y'.repeat(4080)}`)).toBe(dict.path(`/p/09999/${'y'.repeat(4080)}`));
  });
});
