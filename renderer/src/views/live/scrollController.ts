// The Live table's scroll state, outside React: the virtual position (the truth), the viewport, the row count and
// their mapping onto the scroller (scrollMapping.ts). A scroll event that reads back what it wrote leaves the
// virtual position alone (the real position is rounded, and one real pixel may be many rows); any other (the
// scrollbar's thumb) sets it from the real position. While the mapping is scaled the wheel moves the virtual
// position by its own pixels, so a notch moves a few rows whatever the table's length. useScaledScroll.ts gives it
// to React.
import {
  contentHeight,
  drawnRows,
  offsetForRow,
  scrollMapping,
  wheelPixels,
  type Align,
  type DrawnRows,
  type RowsGeometry,
  type ScrollMapping,
} from './scrollMapping';

/** What the controller needs of the scroller (the element, or a fake in tests). */
export interface Scroller {
  scrollTop: number;
  readonly clientHeight: number;
}

export class ScrollController {
  virtualTop: number;
  viewport = 0;
  count = 0;
  mapping: ScrollMapping;
  version = 0;
  private wroteReal: number | null = null;
  private readonly listeners = new Set<() => void>();
  private scroller: Scroller | null = null;

  constructor(
    readonly geometry: RowsGeometry,
    initialTop: number,
    initialCount: number,
    private readonly maxReal?: number,
  ) {
    this.virtualTop = initialTop;
    this.count = initialCount;
    this.mapping = scrollMapping(contentHeight(initialCount, geometry), 0, maxReal);
  }

  /** The scroller to keep in step (null: none now). */
  attach(scroller: Scroller | null): void {
    this.scroller = scroller;
    if (scroller) this.resize(this.count, scroller.clientHeight);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /** The rows to draw now. */
  rows(): DrawnRows {
    return drawnRows(this.virtualTop, this.viewport, this.count, this.mapping, this.geometry);
  }

  private maxTop(): number {
    return Math.max(0, this.mapping.virtualHeight - this.viewport);
  }

  /** The row count or the viewport changed: a new mapping, the position kept within the rows, the scroller told. */
  resize(count: number, viewport: number): void {
    if (count === this.count && viewport === this.viewport) return;
    this.count = count;
    this.viewport = viewport;
    this.mapping = scrollMapping(contentHeight(count, this.geometry), viewport, this.maxReal);
    if (viewport > 0) this.virtualTop = Math.max(0, Math.min(this.virtualTop, this.maxTop()));
    this.writeReal();
    this.changed();
  }

  /** Put the scroller where the virtual position maps (a write the next scroll event will read back). */
  private writeReal(): void {
    const el = this.scroller;
    if (!el || this.viewport === 0) return;
    const real = this.mapping.toReal(this.virtualTop);
    if (Math.abs(el.scrollTop - real) >= 1) {
      this.wroteReal = real;
      el.scrollTop = real;
    }
  }

  scrollTo(virtualTop: number): void {
    this.virtualTop = Math.max(0, Math.min(virtualTop, this.maxTop()));
    this.writeReal();
    this.changed();
  }

  scrollToRow(index: number, align: Align = 'auto'): void {
    const viewport = this.scroller?.clientHeight || this.viewport;
    this.scrollTo(offsetForRow(index, align, this.virtualTop, viewport, this.count, this.geometry));
  }

  /** The scroller's scroll event. */
  onScroll(): void {
    const el = this.scroller;
    if (!el) return;
    const wrote = this.wroteReal;
    this.wroteReal = null;
    if (wrote !== null && Math.abs(el.scrollTop - wrote) < 1.5) return; // our own write, read back
    const top = this.mapping.toVirtual(el.scrollTop);
    if (top === this.virtualTop) return;
    this.virtualTop = top;
    this.changed();
  }

  /** A wheel event: true when it was taken (the mapping is scaled), and its default must be prevented. */
  onWheel(deltaY: number, deltaMode: number, deltaX = 0): boolean {
    if (!this.mapping.scaled || Math.abs(deltaX) > Math.abs(deltaY)) return false;
    const page = this.scroller?.clientHeight || this.viewport;
    this.scrollTo(this.virtualTop + wheelPixels(deltaY, deltaMode, this.geometry.rowHeight, page));
    return true;
  }
}
