// The renderer's one cache of verdicts: by every hash of a file, the newest answer whatever the order.
import { describe, expect, it } from 'vitest';
import { VerdictCache, newerVerdict } from '../../../../renderer/src/store/verdictCache';
import { PENDING, alert, hashesOf, verdict } from '../storeHarness';

const clean9 = verdict('clean', '2024-05-01T09:00:00Z', 0);
const malicious10 = verdict('malicious', '2024-05-01T10:00:00Z', 7);

describe('newerVerdict', () => {
  it('an answer beats pending, then the later checkedAt wins, in either order', () => {
    expect(newerVerdict(null, clean9)).toBe(clean9);
    const pairs = [
      [clean9, malicious10, malicious10],
      [clean9, PENDING, clean9],
    ] as const;
    for (const [a, b, newer] of pairs) expect([newerVerdict(a, b), newerVerdict(b, a)]).toEqual([newer, newer]);
  });
});

describe('VerdictCache', () => {
  it('finds a verdict by any hash the answer named, and knows them together', () => {
    const cache = new VerdictCache();
    const { md5, sha1, sha256 } = hashesOf(1);
    expect(cache.put([sha256, sha1, md5], clean9)).toBe(true);
    expect(cache.of([md5])).toBe(clean9);
    expect(cache.of([null, sha1])).toBe(clean9);
    expect(cache.hashesOf(md5).sort()).toEqual([md5, sha1, sha256].sort());
    expect(cache.of([hashesOf(2).md5])).toBeNull();
  });

  it('grows its version only when what it shows changes', () => {
    const cache = new VerdictCache();
    const { sha256 } = hashesOf(1);
    cache.put([sha256], malicious10);
    const version = cache.version;
    expect(cache.put([sha256], clean9)).toBe(false); // older: nothing shown changes
    expect(cache.version).toBe(version);
    expect(cache.put([sha256], verdict('malicious', '2024-05-01T11:00:00Z', 9))).toBe(true);
    expect(cache.version).toBe(version + 1);
  });

  it("a row shows the cache's verdict when newer, its own when the cache knows nothing newer", () => {
    const cache = new VerdictCache();
    const row = alert(1, 1, { verdict: clean9 });
    expect(cache.verdictOf(row)).toBe(row.verdict); // the same object: a memoized row does not redraw
    cache.put([hashesOf(1).md5], malicious10); // known by its md5 only: still the same file
    expect(cache.verdictOf(row)).toBe(malicious10);
    const later = alert(2, 1, { verdict: verdict('clean', '2024-05-01T12:00:00Z', 0) });
    expect(cache.verdictOf(later)).toBe(later.verdict);
  });

  it("a row's file is the one its strongest hash names, not another answer about a weaker one", () => {
    const cache = new VerdictCache();
    const { sha256 } = hashesOf(1);
    cache.put([sha256], clean9);
    cache.put([hashesOf(2).md5], malicious10); // another file that happens to share the row's md5
    const row = alert(1, 1, { md5: hashesOf(2).md5 });
    expect(cache.verdictOf(row)).toBe(clean9);
  });
});
