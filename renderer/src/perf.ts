// Figures for `npm run bench` (tests/bench): performance marks plus window.__fimvPerf.
// - 'alerts-first-page': the first page of alerts has arrived (parsed)
// - 'alerts-first-rows': those rows are on screen (the frame after React committed them)
// - firstRenderMs: the time between the two ("first rows paint in under 300 ms after the data arrives")
// Rows carry data-alert-id (Wazuh's alert id) and data-id (the row id), so a benchmark can time
// "line appended to alerts.json -> row visible" with a MutationObserver.
export interface PerfFigures {
  firstPageAt: number | null;
  firstRowsAt: number | null;
  firstRenderMs: number | null;
  /** rows added to the Live table by events, and when the last batch was painted */
  liveRowsPainted: number;
  lastBatchPaintedAt: number | null;
}

const figures: PerfFigures = {
  firstPageAt: null,
  firstRowsAt: null,
  firstRenderMs: null,
  liveRowsPainted: 0,
  lastBatchPaintedAt: null,
};
window.__fimvPerf = figures;

export function markFirstPage(): void {
  if (figures.firstPageAt !== null) return;
  figures.firstPageAt = performance.now();
  performance.mark('alerts-first-page');
}

export function markFirstRows(): void {
  if (figures.firstRowsAt !== null || figures.firstPageAt === null) return;
  figures.firstRowsAt = performance.now();
  figures.firstRenderMs = figures.firstRowsAt - figures.firstPageAt;
  performance.mark('alerts-first-rows');
  performance.measure('alerts-first-render', 'alerts-first-page', 'alerts-first-rows');
}

export function markBatchPainted(rows: number): void {
  figures.liveRowsPainted += rows;
  figures.lastBatchPaintedAt = performance.now();
}
