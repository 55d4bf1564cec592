// The Live table's scroll spaces: past the browser's height cap every row is still reachable (End shows the last
// row, the oldest alert), the one-to-one zones at both ends scroll exactly, and the drawn rows always sit where
// their virtual position puts them on screen.
import { describe, expect, it } from 'vitest';
import {
  contentHeight,
  drawnRows,
  EDGE_PX,
  MAX_REAL_PX,
  offsetForRow,
  scrollMapping,
  wheelPixels,
} from '../../../../../renderer/src/views/live/scrollMapping';
import { ScrollController, type Scroller } from '../../../../../renderer/src/views/live/scrollController';

const G = { rowHeight: 36, headHeight: 36, overscan: 12 };
const VIEWPORT = 700;
/** Chromium's cap on an element's height */
const CHROMIUM_CAP = 33_554_432;

describe('scrollMapping', () => {
  it('is one to one while the rows fit', () => {
    const m = scrollMapping(contentHeight(100_000, G), VIEWPORT);
    expect(m.scaled).toBe(false);
    expect(m.realHeight).toBe(contentHeight(100_000, G));
    expect(m.toReal(123_456)).toBe(123_456);
    expect(m.toVirtual(123_456)).toBe(123_456);
  });

  for (const rows of [932_000, 1_000_000, 10_000_000, 50_000_000]) {
    it(`keeps ${rows.toLocaleString('en')} rows under the cap and reaches both ends`, () => {
      const virtual = contentHeight(rows, G);
      const m = scrollMapping(virtual, VIEWPORT);
      expect(m.scaled).toBe(true);
      expect(m.realHeight).toBe(MAX_REAL_PX);
      expect(m.realHeight).toBeLessThan(CHROMIUM_CAP);
      const realMax = m.realHeight - VIEWPORT;
      const virtualMax = virtual - VIEWPORT;
      // the scroller's bottom is the last row's bottom: End shows the oldest alert
      expect(m.toVirtual(realMax)).toBe(virtualMax);
      expect(m.toReal(virtualMax)).toBe(realMax);
      const lastDrawn = drawnRows(virtualMax, VIEWPORT, rows, m, G);
      expect(lastDrawn.last).toBe(rows - 1);
      // the ends scroll one to one; the middle in proportion, monotonically, and round-trips
      expect(m.toVirtual(EDGE_PX - 1)).toBe(EDGE_PX - 1);
      expect(m.toVirtual(realMax - 10)).toBe(virtualMax - 10);
      let previous = -1;
      for (let real = 0; real <= realMax; real += realMax / 997) {
        const v = m.toVirtual(real);
        expect(v).toBeGreaterThan(previous);
        expect(m.toReal(v)).toBeCloseTo(real, 3);
        previous = v;
      }
    });
  }

  it('draws rows where the virtual position puts them, with spacers that fill the real height', () => {
    const rows = 2_000_000;
    const m = scrollMapping(contentHeight(rows, G), VIEWPORT);
    for (const virtualTop of [
      0,
      17,
      EDGE_PX - 5,
      EDGE_PX + 3,
      1e7,
      3.3e7,
      m.virtualHeight - VIEWPORT - EDGE_PX,
      m.virtualHeight - VIEWPORT,
    ]) {
      const d = drawnRows(virtualTop, VIEWPORT, rows, m, G);
      const realTop = m.toReal(virtualTop);
      // the first row in view is drawn at its own distance from the viewport's top
      const firstVisible = Math.floor(virtualTop / G.rowHeight);
      const drawnAt = d.paddingTop + (firstVisible - d.first) * G.rowHeight + G.headHeight;
      expect(drawnAt - realTop).toBeCloseTo(G.headHeight + firstVisible * G.rowHeight - virtualTop, 6);
      expect(d.paddingTop).toBeGreaterThanOrEqual(0);
      expect(d.paddingBottom).toBeGreaterThanOrEqual(0);
      expect(G.headHeight + d.paddingTop + (d.last - d.first + 1) * G.rowHeight + d.paddingBottom).toBeCloseTo(
        m.realHeight,
        6,
      );
      expect(d.last - d.first).toBeLessThan(VIEWPORT / G.rowHeight + 2 * G.overscan + 2);
    }
  });

  it('places a row at the start, the end, the middle, or where it shows already', () => {
    const rows = 5_000_000;
    expect(offsetForRow(0, 'start', 5000, VIEWPORT, rows, G)).toBe(0);
    expect(offsetForRow(rows - 1, 'end', 0, VIEWPORT, rows, G)).toBe(contentHeight(rows, G) - VIEWPORT);
    expect(offsetForRow(1000, 'start', 0, VIEWPORT, rows, G)).toBe(36_000);
    const centred = offsetForRow(1000, 'center', 0, VIEWPORT, rows, G);
    expect(36 + 1000 * 36 + 18 - centred).toBeCloseTo(36 + (VIEWPORT - 36) / 2, 6);
    expect(offsetForRow(1005, 'auto', 36_000, VIEWPORT, rows, G)).toBe(36_000); // in view: stays
    expect(offsetForRow(999, 'auto', 36_000, VIEWPORT, rows, G)).toBe(999 * 36);
    expect(offsetForRow(1100, 'auto', 36_000, VIEWPORT, rows, G)).toBe(36 + 1101 * 36 - VIEWPORT);
  });

  it('reads wheel deltas in pixels, lines and pages', () => {
    expect(wheelPixels(100, 0, 36, 700)).toBe(100);
    expect(wheelPixels(3, 1, 36, 700)).toBe(108);
    expect(wheelPixels(-1, 2, 36, 700)).toBe(-700);
  });
});

describe('ScrollController', () => {
  function scroller(): Scroller & { writes: number[] } {
    const writes: number[] = [];
    let top = 0;
    return {
      writes,
      clientHeight: VIEWPORT,
      get scrollTop() {
        return top;
      },
      set scrollTop(value: number) {
        top = Math.round(value); // the browser keeps whole pixels
        writes.push(value);
      },
    };
  }

  it('End, Home and Page keys reach every row of ten million, the real position under the cap', () => {
    const rows = 10_000_000;
    const c = new ScrollController(G, 0, rows);
    const el = scroller();
    c.attach(el);
    c.scrollToRow(rows - 1, 'auto');
    expect(c.rows().last).toBe(rows - 1);
    expect(el.scrollTop).toBe(MAX_REAL_PX - VIEWPORT);
    // the browser reads back its rounded position: the virtual one stays exact
    c.onScroll();
    expect(c.rows().last).toBe(rows - 1);
    c.scrollToRow(rows - 1 - 18, 'auto'); // a page up from the last row: in view already
    expect(c.rows().last).toBe(rows - 1);
    c.scrollToRow(rows - 500, 'start');
    expect(c.rows().first).toBe(rows - 500 - G.overscan);
    c.scrollToRow(0, 'auto');
    expect(c.virtualTop).toBe(0);
    expect(el.scrollTop).toBe(0);
  });

  it('a drag of the scrollbar moves in proportion; the wheel by its own pixels while scaled', () => {
    const rows = 3_000_000;
    const c = new ScrollController(G, 0, rows);
    const el = scroller();
    c.attach(el);
    el.scrollTop = (MAX_REAL_PX - VIEWPORT) / 2; // the thumb dragged to the middle
    c.onScroll();
    const middle = c.rows().first + G.overscan;
    expect(middle / rows).toBeCloseTo(0.5, 2);
    const before = c.virtualTop;
    expect(c.onWheel(108, 0)).toBe(true);
    expect(c.virtualTop).toBe(before + 108); // three rows, not three rows × the scale
    c.onScroll(); // the write read back
    expect(c.virtualTop).toBe(before + 108);
    expect(c.onWheel(0, 0, 40)).toBe(false); // sideways: the browser's
  });

  it('leaves the wheel to the browser while the rows fit, and keeps the position within fewer rows', () => {
    const c = new ScrollController(G, 90_000, 5000);
    const el = scroller();
    c.attach(el);
    expect(c.onWheel(100, 0)).toBe(false);
    expect(el.scrollTop).toBe(90_000);
    c.resize(100, VIEWPORT); // a filter left 100 rows
    expect(c.virtualTop).toBe(contentHeight(100, G) - VIEWPORT);
  });
});
