// The keyboard of a virtualized table whose rows select (Live, Files): one row has it (roving tabindex); arrows,
// Page Up/Down and Home/End move it, with Shift they extend the selection from its anchor (components/
// selection.ts), and the row it moves to gets the focus once it is rendered. The table keeps its own keys (Space,
// Escape, Enter, ...) and says where the keyboard is, how it scrolls to a row and what a row's key is.
import { useLayoutEffect, type KeyboardEvent, type RefObject } from 'react';
import { extend, type KeyList, type Selection } from '../components/selection';

export interface RowKeyboardOptions {
  scrollRef: RefObject<HTMLElement | null>;
  count: number;
  /** the first row drawn: where the keyboard starts when no row has it */
  firstIndex: number;
  /** the row that has the keyboard (-1: none) */
  active: number;
  setActive(index: number): void;
  /** bring a row into view (as little as needed) */
  scrollToRow(index: number): void;
  rowHeight: number;
  headHeight: number;
  selection: Selection;
  /** the rows' selection keys */
  keys: KeyList;
  onSelection(sel: Selection): void;
  /** what a row must also match to take the focus (a row whose page is on its way does not): a CSS selector */
  readyRow?: string;
  /**
   * the active row is to get the focus once rendered: set by a move, and by the table itself (a jump); the table
   * owns it so that its own layout effects that set it run before the one here that focuses
   */
  wantFocusRef: RefObject<boolean>;
}

export interface RowKeyboard {
  /** the row the keys act on: the active one, else the first drawn */
  current(): number;
  /** move the keyboard to a row (clamped), extending the selection to it when asked */
  moveTo(index: number, extending?: boolean): void;
  /** an arrow, Page Up/Down, Home or End: the keyboard moved (true), else nothing was done */
  navigate(event: KeyboardEvent): boolean;
}

export function useRowKeyboard(o: RowKeyboardOptions): RowKeyboard {
  const { scrollRef, count, active, wantFocusRef } = o;

  // put the keyboard on the active row once it is rendered
  useLayoutEffect(() => {
    if (!wantFocusRef.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]${o.readyRow ?? ''}`);
    if (row) {
      row.focus({ preventScroll: true });
      wantFocusRef.current = false;
    }
  });

  const moveTo = (index: number, extending = false) => {
    if (count === 0) return;
    const target = Math.max(0, Math.min(count - 1, index));
    wantFocusRef.current = true;
    o.setActive(target);
    o.scrollToRow(target);
    if (extending) {
      const sel = o.selection;
      o.onSelection(extend(sel.anchor === null ? { ...sel, anchor: Math.max(0, active) } : sel, o.keys, target));
    }
  };

  const pageRows = () =>
    Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - o.headHeight) / o.rowHeight) - 1);

  const current = () => (active < 0 ? o.firstIndex : active);

  const navigate = (event: KeyboardEvent): boolean => {
    const from = current();
    switch (event.key) {
      case 'ArrowDown':
        moveTo(from + 1, event.shiftKey);
        return true;
      case 'ArrowUp':
        moveTo(from - 1, event.shiftKey);
        return true;
      case 'PageDown':
        moveTo(from + pageRows(), event.shiftKey);
        return true;
      case 'PageUp':
        moveTo(from - pageRows(), event.shiftKey);
        return true;
      case 'Home':
        moveTo(0, event.shiftKey);
        return true;
      case 'End':
        moveTo(count - 1, event.shiftKey);
        return true;
      default:
        return false;
    }
  };

  return { current, moveTo, navigate };
}
