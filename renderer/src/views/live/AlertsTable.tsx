// The virtualized table of FIM alerts: a real <table> (rows between two spacer rows) so screen readers get
// table semantics; one row has the keyboard (roving tabindex): arrows, Page Up/Down, Home/End move it, Enter
// opens the file. Following pauses while the analyst has scrolled away from the top or is on a row. Every row is
// reachable however many there are (useScaledScroll.ts: past a browser's height cap, the scroll space is scaled),
// and a jump (JumpTo.tsx) brings a row to the middle with the keyboard on it. Rows select their files (the bulk bar
// acts on files): Ctrl/Cmd+click or Space toggles, Shift+click and Shift+arrows extend, Escape clears
// (components/selection.ts, hooks/useRowKeyboard.ts); following pauses while something is selected, so the rows
// stay where they were selected.
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { bestHash } from '../../../../shared/hashes';
import { hrefFor, navigate } from '../../hooks/useRoute';
import { useRowKeyboard } from '../../hooks/useRowKeyboard';
import { markFirstRows } from '../../perf';
import { RATIO_MEANING } from '../../../../shared/verdictWords';
import { AlertRow, COLUMNS, LoadingRow } from './AlertRow';
import { PAGE_SIZE, type AlertsFeed } from '../../store/alertsFeed';
import type { RowsGeometry } from './scrollMapping';
import { useScaledScroll } from './useScaledScroll';
import { EMPTY_SELECTION, extend, toggle, type Selection } from '../../components/selection';

const ROW_HEIGHT = 36;
const HEAD_HEIGHT = 36;
const AT_TOP_PX = 8;
const GEOMETRY: RowsGeometry = { rowHeight: ROW_HEIGHT, headHeight: HEAD_HEIGHT, overscan: 12 };
/** at most one round of page requests per this many ms while scrolling (the last position always gets its own) */
const LOAD_EVERY_MS = 50;

interface AlertsTableProps {
  feed: AlertsFeed;
  /** the selected files, by hash */
  selection: Selection;
  onSelection(sel: Selection): void;
}

export function AlertsTable({ feed, selection, onSelection }: AlertsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const wantFocus = useRef(false);
  const [returning] = useState(() => feed.takeReturnToRow());
  const [focusInside, setFocusInside] = useState(false);
  const count = feed.count;

  const scroll = useScaledScroll(scrollRef, count, GEOMETRY, feed.scrollOffset);
  const drawn = scroll.rows();
  const firstIndex = drawn.first;
  const lastIndex = drawn.last;
  const indexes: number[] = [];
  for (let i = firstIndex; i <= lastIndex; i++) indexes.push(i);

  // follow only at the top, while no row has the keyboard and nothing is selected
  const atTop = scroll.virtualTop <= AT_TOP_PX;
  const selecting = selection.keys.size > 0;
  useEffect(() => {
    feed.setFollowing(atTop && !focusInside && !selecting);
  }, [feed, atTop, focusInside, selecting]);
  /** a row's file, the key of the selection (a row not loaded yet, or without a hash, has none) */
  const fileAt = (index: number): string | undefined => {
    const row = feed.rowAt(index);
    return (row && bestHash(row)) ?? undefined;
  };
  useEffect(() => () => feed.setFollowing(false), [feed]);

  // load the pages of the rows in view, then their neighbours (the next scroll finds them there): at once, and at
  // most every LOAD_EVERY_MS while the rows move, so a long drag never waits for the scrolling to stop
  const lastLoad = useRef(0);
  useEffect(() => {
    const load = () => {
      lastLoad.current = performance.now();
      feed.ensureRange(firstIndex, lastIndex);
      if (lastIndex >= 0) feed.ensureRange(Math.max(0, firstIndex - PAGE_SIZE), lastIndex + PAGE_SIZE);
    };
    const wait = lastIndex < 0 ? 0 : Math.max(0, lastLoad.current + LOAD_EVERY_MS - performance.now());
    if (wait === 0) {
      load();
      return;
    }
    const timer = setTimeout(load, wait);
    return () => clearTimeout(timer);
  }, [feed, firstIndex, lastIndex, count]);

  // a jump (to a date, an alert id): the row in the middle, the keyboard on it
  const jump = feed.jump;
  const [jumpAtMount] = useState(() => feed.jump); // a jump made before a route change is not made again
  useLayoutEffect(() => {
    if (!jump || jump === jumpAtMount) return;
    wantFocus.current = true;
    scroll.scrollToRow(jump.index, 'center');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per jump, not per scroll
  }, [jump]);

  // the first rows on screen: a mark for the benchmark
  const hasRows = lastIndex >= 0 && feed.rowAt(firstIndex) !== undefined;
  useEffect(() => {
    if (hasRows) requestAnimationFrame(() => markFirstRows());
  }, [hasRows]);

  // back from a file opened here: the keyboard returns to its row
  useLayoutEffect(() => {
    if (returning && feed.activeIndex >= 0) wantFocus.current = true;
  }, [returning, feed]);

  const keyboard = useRowKeyboard({
    scrollRef,
    count,
    firstIndex,
    active: feed.activeIndex,
    setActive: (index) => feed.setActive(index),
    scrollToRow: (index) => scroll.scrollToRow(index, 'auto'),
    rowHeight: ROW_HEIGHT,
    headHeight: HEAD_HEIGHT,
    selection,
    keys: fileAt,
    onSelection,
    // a row whose page is on its way (no data-id yet) is waited for
    readyRow: '[data-id]',
    wantFocusRef: wantFocus,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (!keyboard.navigate(event)) {
      const current = keyboard.current();
      switch (event.key) {
        case ' ':
          if ((event.target as HTMLElement).closest('a, button')) return;
          onSelection(toggle(selection, fileAt, current));
          break;
        case 'Escape':
          if (!selecting) return;
          onSelection(EMPTY_SELECTION);
          event.stopPropagation();
          break;
        case 'Enter': {
          const link = (event.target as HTMLElement).closest('a');
          if (link) {
            // a link in the row does its own thing
            if (link.getAttribute('href')?.startsWith('#/file/')) feed.openedFromTable();
            return;
          }
          const row = feed.rowAt(current);
          const hash = row ? bestHash(row) : null;
          if (!hash) return;
          feed.setActive(current);
          feed.openedFromTable();
          navigate(hrefFor.file(hash));
          break;
        }
        default:
          return;
      }
    }
    event.preventDefault();
  };

  const onClick = (event: MouseEvent<HTMLTableSectionElement>) => {
    const target = event.target as HTMLElement;
    const tr = target.closest<HTMLElement>('tr[data-index]');
    if (!tr) return;
    const index = Number(tr.dataset.index);
    feed.setActive(index);
    if (target.closest('a[href^="#/file/"]')) feed.openedFromTable();
    if (target.closest('a, button')) return;
    if (event.shiftKey || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      onSelection(event.shiftKey ? extend(selection, fileAt, index) : toggle(selection, fileAt, index));
      return;
    }
    if (window.getSelection()?.toString()) return; // the analyst is selecting text
    const hash = tr.dataset.hash;
    if (!hash) return;
    feed.openedFromTable();
    navigate(hrefFor.file(hash));
  };

  // a row that gets the keyboard (Tab, a click) becomes the active one
  const onRowFocus = (event: FocusEvent<HTMLTableSectionElement>) => {
    const tr = (event.target as HTMLElement).closest<HTMLElement>('tr[data-index]');
    if (tr) feed.setActive(Number(tr.dataset.index));
  };

  // where the table is (virtual px), kept across route changes
  const virtualTop = scroll.virtualTop;
  useEffect(() => {
    feed.rememberScroll(virtualTop);
  }, [feed, virtualTop]);

  const { paddingTop, paddingBottom } = drawn;
  const focusIndex = feed.activeIndex >= firstIndex && feed.activeIndex <= lastIndex ? feed.activeIndex : firstIndex;

  return (
    <div
      className="alerts-scroller"
      ref={scrollRef}
      onFocus={() => setFocusInside(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusInside(false);
      }}
    >
      <table className="alerts" aria-label="FIM alerts" aria-rowcount={count + 1} aria-multiselectable="true">
        <colgroup>
          {COLUMNS.map((name) => (
            <col key={name} className={`col-${name.toLowerCase()}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((name) => (
              <th
                key={name}
                scope="col"
                className={`col-${name.toLowerCase()}`}
                title={name === 'Verdict' ? RATIO_MEANING : undefined}
              >
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown} onClick={onClick} onFocus={onRowFocus}>
          {paddingTop > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: paddingTop }} /> : null}
          {indexes.map((index) => {
            const row = feed.rowAt(index);
            if (!row) return <LoadingRow key={`i${index}`} index={index} />;
            return (
              <AlertRow
                key={row.id}
                row={row}
                verdict={feed.verdictOf(row)}
                index={index}
                active={index === feed.activeIndex}
                focusable={index === focusIndex}
                selected={selection.keys.has(fileAt(index) ?? '')}
              />
            );
          })}
          {paddingBottom > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: paddingBottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
