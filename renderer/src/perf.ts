// Figures for `npm run bench` (tests/bench): performance marks plus window.__fimvPerf.
// - 'alerts-first-page': the first page of alerts has arrived (parsed)
// - 'alerts-first-rows': those rows are on screen (the frame after React committed them); when the server drew the
//   first screen into the page (electron/headless/firstScreen.ts), the browser's own paint time of its first row
//   (Element Timing: the cell marked elementtiming="first-row"), if that came first
// - firstRenderMs: the time between the two ("first rows paint in under 300 ms after the data arrives")
// Rows carry data-alert-id (Wazuh's alert id) and data-id (the row id), so a benchmark can time
// "line appended to alerts.json -> row visible" with a MutationObserver.
export interface PerfFigures {
  firstPageAt: number | null;
  firstRowsAt: number | null;
  firstRenderMs: number | null;
  /** the app's own first rows on screen (the frame after React committed them): from then on they answer clicks */
  appRowsAt: number | null;
  /** rows added to the Live table by events, and when the last batch was painted */
  liveRowsPainted: number;
  lastBatchPaintedAt: number | null;
}

const figures: PerfFigures = {
  firstPageAt: null,
  firstRowsAt: null,
  firstRenderMs: null,
  appRowsAt: null,
  liveRowsPainted: 0,
  lastBatchPaintedAt: null,
};
window.__fimvPerf = figures;

// the paint of the server's first row, as the browser reports it (buffered: it may have painted before this ran)
if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('element')) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
      if (entry.identifier !== 'first-row' || !entry.renderTime) continue;
      if (figures.firstRowsAt === null || entry.renderTime < figures.firstRowsAt)
        figures.firstRowsAt = entry.renderTime;
    }
  }).observe({ type: 'element', buffered: true });
}

export function markFirstPage(): void {
  if (figures.firstPageAt !== null) return;
  figures.firstPageAt = performance.now();
  performance.mark('alerts-first-page');
}

export function markFirstRows(): void {
  if (figures.appRowsAt !== null || figures.firstPageAt === null) return;
  const now = performance.now();
  figures.appRowsAt = now;
  figures.firstRowsAt = Math.min(now, figures.firstRowsAt ?? now);
  figures.firstRenderMs = now - figures.firstPageAt;
  performance.mark('alerts-first-rows');
  performance.measure('alerts-first-render', 'alerts-first-page', 'alerts-first-rows');
}

export function markBatchPainted(rows: number): void {
  figures.liveRowsPainted += rows;
  figures.lastBatchPaintedAt = performance.now();
}
