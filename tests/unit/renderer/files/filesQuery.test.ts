// The Files view's address: filters and sort round-trip through the query; bad values are dropped; the selection
// model (toggle, Shift-extend, all, prune).
import { describe, expect, it } from 'vitest';
import {
  filesQueryOf,
  nextSort,
  NO_FILES_FILTER,
  parseFilesQuery,
  UNTRIAGED_QUERY,
} from '../../../../renderer/src/views/files/filesQuery';
import { EMPTY_SELECTION, extend, prune, selectAll, toggle } from '../../../../renderer/src/components/selection';

describe('the Files view address', () => {
  it('round-trips filters and sort, leaving defaults out', () => {
    const f = { triage: 'false-positive', state: 'detected', agent: 'web 01', q: 'evil&x=1', sort: '-alerts' } as const;
    const q = filesQueryOf(f);
    expect(q).toBe('triage=false-positive&state=detected&agent=web+01&q=evil%26x%3D1&sort=-alerts');
    expect(parseFilesQuery(q)).toEqual(f);
    expect(filesQueryOf(NO_FILES_FILTER)).toBe('');
    expect(parseFilesQuery(UNTRIAGED_QUERY)).toMatchObject({ triage: 'new', state: 'detected', sort: 'risk' });
  });

  it('drops values it does not know', () => {
    expect(parseFilesQuery('triage=maybe&state=evil&sort=size&agent=a')).toEqual({ ...NO_FILES_FILTER, agent: 'a' });
  });

  it('sorts a column ascending, then descending, then by risk', () => {
    expect(nextSort('risk', 'alerts')).toBe('alerts');
    expect(nextSort('alerts', 'alerts')).toBe('-alerts');
    expect(nextSort('-alerts', 'alerts')).toBe('risk');
    expect(nextSort('-alerts', 'agents')).toBe('agents');
  });
});

describe('the selection', () => {
  const keys = ['a', 'b', 'c', 'd', 'e'];
  it('toggles, extends from the anchor, selects all and forgets rows that left the list', () => {
    let s = toggle(EMPTY_SELECTION, keys, 1);
    expect([...s.keys]).toEqual(['b']);
    s = extend(s, keys, 3);
    expect([...s.keys].sort()).toEqual(['b', 'c', 'd']);
    s = toggle(s, keys, 2);
    expect([...s.keys].sort()).toEqual(['b', 'd']);
    s = extend(s, keys, 0); // from the anchor (2) up to 0
    expect([...s.keys].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(selectAll(keys).keys.size).toBe(5);
    const pruned = prune(s, ['a', 'c']);
    expect([...pruned.keys].sort()).toEqual(['a', 'c']);
    expect(prune(pruned, keys)).toBe(pruned);
  });
});
