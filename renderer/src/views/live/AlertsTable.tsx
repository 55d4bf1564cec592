// The virtualized table of FIM alerts: a real <table> (rows between two spacer rows) so screen readers get
// table semantics; one row has the keyboard (roving tabindex): arrows, Page Up/Down, Home/End move it, Enter
// opens the file. Following pauses while the analyst has scrolled away from the top or is on a row.
import { useVirtualizer } from '@tanstack/react-virtual';
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
import { markFirstRows } from '../../perf';
import { RATIO_MEANING } from '../../components/VerdictBadge';
import { AlertRow, COLUMNS, LoadingRow } from './AlertRow';
import type { AlertsFeed } from '../../store/alertsFeed';

const ROW_HEIGHT = 36;
const HEAD_HEIGHT = 36;
const AT_TOP_PX = 8;

interface AlertsTableProps {
  feed: AlertsFeed;
}

export function AlertsTable({ feed }: AlertsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const wantFocus = useRef(false);
  const [returning] = useState(() => feed.takeReturnToRow());
  const [focusInside, setFocusInside] = useState(false);
  const [atTop, setAtTop] = useState(() => feed.scrollOffset <= AT_TOP_PX);
  const count = feed.count;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders us; nothing memoized depends on it
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    initialOffset: feed.scrollOffset,
    // no getItemKey: a new one each render would make the virtualizer re-measure all 100k rows per frame;
    // React keys are the row ids (below), so prepended rows keep their DOM nodes
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const firstIndex = first?.index ?? 0;
  const lastIndex = last?.index ?? -1;

  // follow only at the top and while no row has the keyboard
  useEffect(() => {
    feed.setFollowing(atTop && !focusInside);
  }, [feed, atTop, focusInside]);
  useEffect(() => () => feed.setFollowing(false), [feed]);

  // load the pages of the rows in view (after the scrolling settles for a moment)
  useEffect(() => {
    const timer = setTimeout(() => feed.ensureRange(firstIndex, lastIndex), lastIndex < 0 ? 0 : 40);
    return () => clearTimeout(timer);
  }, [feed, firstIndex, lastIndex, count]);

  // the first rows on screen: a mark for the benchmark
  const hasRows = lastIndex >= 0 && feed.rowAt(firstIndex) !== undefined;
  useEffect(() => {
    if (hasRows) requestAnimationFrame(() => markFirstRows());
  }, [hasRows]);

  // back from a file opened here: the keyboard returns to its row
  useLayoutEffect(() => {
    if (returning && feed.activeIndex >= 0) wantFocus.current = true;
  }, [returning, feed]);

  // put the keyboard on the active row once it is rendered
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${feed.activeIndex}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      wantFocus.current = false;
    }
  });

  const moveTo = (index: number) => {
    if (count === 0) return;
    const target = Math.max(0, Math.min(count - 1, index));
    wantFocus.current = true;
    feed.setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const pageRows = () =>
    Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEAD_HEIGHT) / ROW_HEIGHT) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const current = feed.activeIndex < 0 ? firstIndex : feed.activeIndex;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current - 1);
        break;
      case 'PageDown':
        moveTo(current + pageRows());
        break;
      case 'PageUp':
        moveTo(current - pageRows());
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
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

  const onScroll = () => {
    const top = scrollRef.current?.scrollTop ?? 0;
    feed.rememberScroll(top);
    setAtTop(top <= AT_TOP_PX);
  };

  const paddingTop = first ? first.start - HEAD_HEIGHT : 0;
  const paddingBottom = last ? virtualizer.getTotalSize() - (last.end - HEAD_HEIGHT) : 0;
  const focusIndex = feed.activeIndex >= firstIndex && feed.activeIndex <= lastIndex ? feed.activeIndex : firstIndex;

  return (
    <div
      className="alerts-scroller"
      ref={scrollRef}
      onScroll={onScroll}
      onFocus={() => setFocusInside(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusInside(false);
      }}
    >
      <table className="alerts" aria-label="FIM alerts" aria-rowcount={count + 1}>
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
          {items.map((item) => {
            const row = feed.rowAt(item.index);
            if (!row) return <LoadingRow key={`i${item.index}`} index={item.index} />;
            return (
              <AlertRow
                key={row.id}
                row={row}
                verdict={feed.verdictOf(row)}
                index={item.index}
                active={item.index === feed.activeIndex}
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
