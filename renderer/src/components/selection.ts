// A selection of rows by key, as file managers do it: a click or Space toggles one row, Shift extends from the
// anchor to the row (replacing what the last extension added), Ctrl/Cmd+A takes every row loaded, Escape clears.
// Pure: the tables (Files, Live) and their tests drive it. The keys are the rows' in order: a list, or a lookup by
// index for a table whose rows are loaded a page at a time (a row not loaded has none and is passed over).
export type KeyList = readonly (string | undefined)[] | ((index: number) => string | undefined);
const keyAt = (keys: KeyList, index: number) => (typeof keys === 'function' ? keys(index) : keys[index]);

export interface Selection {
  readonly keys: ReadonlySet<string>;
  /** the row a Shift-extension starts from */
  readonly anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { keys: new Set(), anchor: null };

export function toggle(sel: Selection, keys: KeyList, index: number): Selection {
  const key = keyAt(keys, index);
  if (key === undefined) return sel;
  const next = new Set(sel.keys);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return { keys: next, anchor: index };
}

/** Select every row from the anchor to `index` (added to what is selected; the anchor stays). */
export function extend(sel: Selection, keys: KeyList, index: number): Selection {
  const anchor = sel.anchor ?? index;
  const next = new Set(sel.keys);
  const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
  for (let i = from; i <= to; i++) {
    const key = keyAt(keys, i);
    if (key !== undefined) next.add(key);
  }
  return { keys: next, anchor };
}

export function selectAll(keys: readonly string[]): Selection {
  return { keys: new Set(keys), anchor: null };
}

/** Keep only keys still in the list (a refreshed page may have lost some). */
export function prune(sel: Selection, keys: readonly string[]): Selection {
  const present = new Set(keys);
  let changed = false;
  const next = new Set<string>();
  for (const k of sel.keys) {
    if (present.has(k)) next.add(k);
    else changed = true;
  }
  return changed ? { keys: next, anchor: null } : sel;
}
