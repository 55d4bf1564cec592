// The virtualized table of files (TanStack Virtual, a real <table> between two spacer rows, as the Live table).
// Selection with the mouse and the keyboard: the box or Ctrl/Cmd+click toggles a row, Shift+click and Shift+arrows
// extend from the anchor, Space toggles the row with the keyboard, Ctrl/Cmd+A takes every row loaded, Escape
// clears. Arrows, Page Up/Down, Home/End move the keyboard; Enter or a click on the row opens the file.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { FileRow, FileSort } from '../../../../shared/triage';
import { hrefFor, navigate } from '../../hooks/useRoute';
import { useRowKeyboard } from '../../hooks/useRowKeyboard';
import { FILE_COLUMNS, FileRowView } from './FileRowView';
import { nextSort } from './filesQuery';
import { extend, selectAll, toggle, type Selection } from '../../components/selection';

const ROW_HEIGHT = 44;
const HEAD_HEIGHT = 36;

interface Props {
  rows: readonly FileRow[];
  total: number;
  keys: readonly string[];
  sort: FileSort;
  onSort(sort: FileSort): void;
  selection: Selection;
  onSelection(sel: Selection): void;
  ensure(index: number): void;
}

export function FilesTable({ rows, total, keys, sort, onSort, selection, onSelection, ensure }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const wantFocus = useRef(false);
  const [active, setActive] = useState(-1);
  const count = rows.length;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders us; nothing memoized depends on it
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const firstIndex = first?.index ?? 0;
  const lastIndex = last?.index ?? -1;

  // near the end of what is loaded: the next page
  useEffect(() => {
    if (lastIndex >= 0) ensure(lastIndex);
  }, [ensure, lastIndex]);

  const keyboard = useRowKeyboard({
    scrollRef,
    count,
    firstIndex,
    active,
    setActive,
    scrollToRow: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    rowHeight: ROW_HEIGHT,
    headHeight: HEAD_HEIGHT,
    selection,
    keys,
    onSelection,
    wantFocusRef: wantFocus,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (!keyboard.navigate(event)) {
      const current = keyboard.current();
      const mod = event.ctrlKey || event.metaKey;
      switch (event.key) {
        case ' ':
          onSelection(toggle(selection, keys, current));
          break;
        case 'a':
        case 'A':
          if (!mod) return;
          onSelection(selectAll(keys));
          break;
        case 'Escape':
          if (selection.keys.size === 0) return;
          onSelection({ keys: new Set(), anchor: null });
          break;
        case 'Enter': {
          if ((event.target as HTMLElement).closest('a')) return; // the link does its own thing
          const key = keys[current];
          if (key) navigate(hrefFor.file(key));
          break;
        }
        default:
          return;
      }
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const onClick = (event: MouseEvent<HTMLTableSectionElement>) => {
    const target = event.target as HTMLElement;
    const tr = target.closest<HTMLElement>('tr[data-index]');
    if (!tr) return;
    const index = Number(tr.dataset.index);
    setActive(index);
    if (event.shiftKey) {
      event.preventDefault();
      onSelection(extend(selection, keys, index));
      return;
    }
    if (target.closest('[data-select]') || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      onSelection(toggle(selection, keys, index));
      return;
    }
    if (target.closest('a, button')) return;
    if (window.getSelection()?.toString()) return; // the analyst is selecting text
    const key = keys[index];
    if (key) navigate(hrefFor.file(key));
  };

  const paddingTop = first ? first.start - HEAD_HEIGHT : 0;
  const paddingBottom = last ? virtualizer.getTotalSize() - (last.end - HEAD_HEIGHT) : 0;
  const focusIndex = active >= firstIndex && active <= lastIndex ? active : firstIndex;
  const allSelected = count > 0 && selection.keys.size >= count && keys.every((k) => selection.keys.has(k));

  return (
    <div className="alerts-scroller files-scroller" ref={scrollRef}>
      <table className="alerts files" aria-label="Files" aria-rowcount={total + 1} aria-multiselectable="true">
        <colgroup>
          {FILE_COLUMNS.map((c) => (
            <col key={c.key} className={`col-${c.key}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {FILE_COLUMNS.map((c) => {
              if (c.sort === null) {
                return (
                  <th key={c.key} scope="col" className="col-select">
                    <input
                      type="checkbox"
                      aria-label="Select every file loaded"
                      checked={allSelected}
                      onChange={() => onSelection(allSelected ? { keys: new Set(), anchor: null } : selectAll(keys))}
                    />
                  </th>
                );
              }
              const dir = sort === c.sort ? 'ascending' : sort === `-${c.sort}` ? 'descending' : undefined;
              return (
                <th key={c.key} scope="col" className={`col-${c.key}`} aria-sort={dir ?? 'none'}>
                  <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, c.sort))}>
                    {c.label}
                    <span aria-hidden="true">{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody
          onKeyDown={onKeyDown}
          onClick={onClick}
          onFocus={(e) => {
            const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-index]');
            if (tr) setActive(Number(tr.dataset.index));
          }}
        >
          {paddingTop > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: paddingTop }} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <FileRowView
                key={keys[item.index]}
                row={row}
                index={item.index}
                selected={selection.keys.has(keys[item.index])}
                active={item.index === active}
                focusable={item.index === focusIndex}
              />
            );
          })}
          {paddingBottom > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: paddingBottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
