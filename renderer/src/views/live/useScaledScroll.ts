// The table's ScrollController in React: it follows the scroller's size, scroll and wheel events, and the row count;
// a render reads the rows to draw from it.
import { useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import { ScrollController } from './scrollController';
import type { RowsGeometry } from './scrollMapping';

export function useScaledScroll(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  geometry: RowsGeometry,
  initialTop: number,
): ScrollController {
  const [controller] = useState(() => new ScrollController(geometry, initialTop, count));
  useSyncExternalStore(controller.subscribe, controller.getVersion);

  // the scroller: its size now and whenever it changes, its scroll events, and the wheel (taken while scaled)
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    controller.attach(el);
    const observer = new ResizeObserver(() => controller.resize(controller.count, el.clientHeight));
    observer.observe(el);
    const onScroll = () => controller.onScroll();
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey) return; // the browser's zoom
      if (controller.onWheel(event.deltaY, event.deltaMode, event.deltaX)) event.preventDefault();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      controller.attach(null);
    };
  }, [scrollRef, controller]);

  useLayoutEffect(() => {
    controller.resize(count, controller.viewport);
  }, [controller, count]);

  return controller;
}
