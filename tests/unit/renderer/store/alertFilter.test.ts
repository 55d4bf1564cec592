// The client's test for alerts arriving by event must keep what the server's pages keep: a search by a part of the
// path, or by the start of the file's SHA-256 or MD5 (any case), as alertFilter.ts on the server reads it.
import { describe, expect, it } from 'vitest';
import { NO_FILTER, matchesFilter } from '../../../../renderer/src/store/alertFilter';
import { alert, verdict } from '../storeHarness';

const item = alert(7, 7, {
  path: '/var/www/html/Upload.php',
  sha256: 'ab'.repeat(32),
  sha1: 'cd'.repeat(20),
  md5: 'ef'.repeat(16),
});
const clean = verdict('clean', '2024-05-01T10:00:00Z', 0);
const matches = (q: string) => matchesFilter({ ...NO_FILTER, q }, item, clean);

describe('matchesFilter q', () => {
  it('keeps an alert whose path holds the search, in any case', () => {
    expect(matches('upload')).toBe(true);
    expect(matches('HTML/UP')).toBe(true);
  });

  it('keeps an alert whose SHA-256 or MD5 starts with the search, in any case', () => {
    expect(matches('abab')).toBe(true);
    expect(matches('ABABAB')).toBe(true);
    expect(matches('efef')).toBe(true);
  });

  it('drops an alert the server would not list: a hash middle, a SHA-1, another path', () => {
    expect(matches('baba')).toBe(false);
    expect(matches('cdcd')).toBe(false);
    expect(matches('/etc/')).toBe(false);
  });
});
