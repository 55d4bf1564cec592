// A table taller than a browser lets an element be (Chromium caps it at 33,554,432 px: ~932,000 rows of 36 px;
// Firefox near 17.9 million px) would lose its oldest rows: the End key would stop short. So the table keeps two
// scroll spaces. The virtual one is the rows' own (row i at i × 36 px), as tall as needed; the real one, the
// scroller's, is at most MAX_REAL_PX. A scroll position maps between them piecewise linearly: one to one for the
// first and the last EDGE_PX (the top rows and the oldest rows scroll exactly as in a short table), and scaled in
// between (dragging the scrollbar's thumb crosses the middle rows in proportion). While the mapping is scaled, the
// wheel and the keys move the virtual position by their own pixels (AlertsTable.tsx), never by the scale.

/** below every browser's cap, with room to spare */
export const MAX_REAL_PX = 15_000_000;
/** the one-to-one zones at both ends: taller than a screen plus the rows drawn beyond it */
export const EDGE_PX = 4_000;

export interface ScrollMapping {
  /** the content's height in the virtual space (header + every row) */
  readonly virtualHeight: number;
  /** the scroller's content height (what the DOM is given) */
  readonly realHeight: number;
  /** true when the two differ: the wheel must then be handled in the virtual space */
  readonly scaled: boolean;
  /** scroller position -> virtual position */
  toVirtual(realTop: number): number;
  /** virtual position -> scroller position */
  toReal(virtualTop: number): number;
}

/**
 * The mapping for a content of `virtualHeight` px seen through a viewport of `viewport` px, the real height capped at
 * `maxReal` (a parameter for tests; the table uses MAX_REAL_PX).
 */
export function scrollMapping(
  virtualHeight: number,
  viewport: number,
  maxReal: number = MAX_REAL_PX,
  edge: number = EDGE_PX,
): ScrollMapping {
  const realHeight = Math.min(virtualHeight, maxReal);
  const virtualRange = Math.max(0, virtualHeight - viewport); // the largest scrollTop in each space
  const realRange = Math.max(0, realHeight - viewport);
  const scaled = virtualRange > realRange && realRange > 2 * edge;
  if (!scaled) {
    const clamp = (top: number) => Math.max(0, Math.min(virtualRange, top));
    return { virtualHeight, realHeight: virtualHeight, scaled: false, toVirtual: clamp, toReal: clamp };
  }
  // the middle: real [edge, realRange - edge] <-> virtual [edge, virtualRange - edge]
  const scale = (virtualRange - 2 * edge) / (realRange - 2 * edge);
  return {
    virtualHeight,
    realHeight,
    scaled: true,
    toVirtual(realTop) {
      const r = Math.max(0, Math.min(realRange, realTop));
      if (r <= edge) return r;
      if (r >= realRange - edge) return virtualRange - (realRange - r);
      return edge + (r - edge) * scale;
    },
    toReal(virtualTop) {
      const v = Math.max(0, Math.min(virtualRange, virtualTop));
      if (v <= edge) return v;
      if (v >= virtualRange - edge) return realRange - (virtualRange - v);
      return edge + (v - edge) / scale;
    },
  };
}

/** A wheel event's vertical distance in pixels (lines and pages as the browser would scroll them). */
export function wheelPixels(deltaY: number, deltaMode: number, lineHeight: number, pageHeight: number): number {
  if (deltaMode === 1) return deltaY * lineHeight;
  if (deltaMode === 2) return deltaY * pageHeight;
  return deltaY;
}

/** The table's geometry: fixed-height rows under a sticky header of its own height. */
export interface RowsGeometry {
  rowHeight: number;
  headHeight: number;
  /** rows drawn beyond each edge of the viewport */
  overscan: number;
}

export interface DrawnRows {
  /** the first and last row drawn (last < first: none) */
  first: number;
  last: number;
  /** the spacer rows' heights around them, in the scroller's (real) pixels */
  paddingTop: number;
  paddingBottom: number;
}

export function contentHeight(count: number, g: RowsGeometry): number {
  return g.headHeight + count * g.rowHeight;
}

/** Which rows to draw at the virtual position `virtualTop`, and where (real spacer heights). */
export function drawnRows(
  virtualTop: number,
  viewport: number,
  count: number,
  m: ScrollMapping,
  g: RowsGeometry,
): DrawnRows {
  if (count === 0 || viewport <= 0) return { first: 0, last: -1, paddingTop: 0, paddingBottom: 0 };
  const first = Math.max(0, Math.floor(virtualTop / g.rowHeight) - g.overscan);
  const last = Math.min(count - 1, Math.ceil((virtualTop + viewport - g.headHeight) / g.rowHeight) + g.overscan);
  // row i sits at headHeight + i × rowHeight in the virtual space; the viewport's top is at toReal(virtualTop)
  const paddingTop = Math.max(0, m.toReal(virtualTop) + first * g.rowHeight - virtualTop);
  const paddingBottom = Math.max(0, m.realHeight - g.headHeight - paddingTop - (last - first + 1) * g.rowHeight);
  return { first, last, paddingTop, paddingBottom };
}

export type Align = 'auto' | 'start' | 'center' | 'end';

/**
 * The virtual position that shows row `index` (`auto`: where it already shows, else the nearest edge), clamped to
 * the content. The End key's last row lands at the bottom: the largest position there is.
 */
export function offsetForRow(
  index: number,
  align: Align,
  virtualTop: number,
  viewport: number,
  count: number,
  g: RowsGeometry,
): number {
  const max = Math.max(0, contentHeight(count, g) - viewport);
  const top = g.headHeight + index * g.rowHeight; // the row's top in the content
  const bottom = top + g.rowHeight;
  let target: number;
  if (align === 'auto') {
    if (top < virtualTop + g.headHeight) target = top - g.headHeight;
    else if (bottom > virtualTop + viewport) target = bottom - viewport;
    else target = virtualTop;
  } else if (align === 'start') target = top - g.headHeight;
  else if (align === 'end') target = bottom - viewport;
  else target = top + g.rowHeight / 2 - (g.headHeight + (viewport - g.headHeight) / 2);
  return Math.max(0, Math.min(max, target));
}
