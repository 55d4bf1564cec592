// What the scale bench (issue 15) measures of the Live table's reach, the streaming exports and the start-up check,
// as functions on a running headless server or a data directory. The scale harness (tests/bench/scale/) calls them;
// they time nothing the harness times already: the export path the History view uses, and the start's check.
import type { DatabaseCheck } from '../../shared/contract';
import { startHeadless, waitUntil, type HeadlessProcess } from '../helpers/headlessProcess';

/**
 * The history export as the History view fetches it in a browser (GET with download=1): the body streams from the
 * database a page at a time. Without download=1 the answer is JSON carrying the whole body (the desktop app's IPC,
 * and older clients): measure this path for `exportFirstByteMs` and `exportPeakRssMB`.
 */
export function historyDownloadPath(format: 'csv' | 'json'): string {
  return `/api/history/export?format=${format}&download=1`;
}

export interface StartCheckFigures {
  /** launch -> /api/health answers */
  healthMs: number;
  /** how the whole-file check ran: at start (an unclean stop before) or in the background */
  check: DatabaseCheck;
  /** launch -> the background check is over (0 when it ran at start) */
  checkDoneMs: number;
}

/** One launch of the headless server on `dataDir` (stopped cleanly before), and its database check. */
export async function measureStartCheck(dataDir: string): Promise<StartCheckFigures> {
  const started = performance.now();
  const server: HeadlessProcess = await startHeadless(['--data-dir', dataDir]);
  try {
    await server.api('/api/health');
    const healthMs = performance.now() - started;
    const read = async () => (await server.api<{ databaseCheck: DatabaseCheck }>('/api/diagnostics')).databaseCheck;
    const check = await waitUntil(read, (c) => c.state !== 'running', 600_000, 'the database check');
    return { healthMs, check, checkDoneMs: check.when === 'at-start' ? 0 : performance.now() - started };
  } finally {
    await server.stop();
  }
}
