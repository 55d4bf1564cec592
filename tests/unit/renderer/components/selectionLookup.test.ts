// The selection over a table loaded a page at a time (the Live table): keys come from a lookup by index, and a row
// not loaded (or without a file) is passed over; rows of one file select that file once.
import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, extend, toggle } from '../../../../renderer/src/components/selection';

// rows 0..5: files a, b, (not loaded), a, c, (no hash)
const rows = ['a', 'b', undefined, 'a', 'c', undefined];
const fileAt = (i: number) => rows[i];

describe('selection by a key lookup', () => {
  it('toggles a row’s file, and ignores a row without one', () => {
    const one = toggle(EMPTY_SELECTION, fileAt, 3);
    expect([...one.keys]).toEqual(['a']);
    expect(toggle(one, fileAt, 0).keys.size).toBe(0); // another row of the same file takes it out
    expect(toggle(one, fileAt, 2)).toBe(one);
  });

  it('extends over a range, passing over rows with no file', () => {
    const sel = extend(toggle(EMPTY_SELECTION, fileAt, 0), fileAt, 5);
    expect([...sel.keys].sort()).toEqual(['a', 'b', 'c']);
    expect(sel.anchor).toBe(0);
  });
});
