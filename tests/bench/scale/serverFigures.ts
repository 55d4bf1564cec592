// Figures of the headless server process itself on the N-alert data directory: how long it takes to start (launch
// to serving /api/health, and to the first /api/alerts answer), and what the exports cost it (peak RSS, time to
// the first byte), as the UI asks them: the History export and the Live alerts export (every alert), each as CSV
// and JSON, downloaded (download=1).
import { HEADLESS_BUNDLE, startHeadless, type HeadlessProcess } from '../../helpers/headlessProcess';
import { historyDownloadPath } from '../scaleUi';
import { memoryOf, peakRssDuring, round1, summarize, timedDownload, timedGet, type Summary } from './timing';

export interface StartFigures {
  /** launch of the built headless mode (HEADLESS_BUNDLE, as `npm start` runs it) -> /api/health answers */
  health: Summary;
  /** the same launch from the TypeScript sources (`npm run headless`: tsx compiles them as it starts) */
  sourcesHealth: Summary;
  /** launch -> the first page of /api/alerts has arrived */
  firstAlerts: Summary;
  /** the same launch on an empty data directory: what starting costs whatever the database */
  emptyHealth: Summary;
  /** the server's RSS once started, MB */
  rssMB: number;
}

async function launch(
  dataDir: string,
  program = HEADLESS_BUNDLE,
): Promise<{ health: number; firstAlerts: number; rssMB: number }> {
  const started = performance.now();
  const server = await startHeadless(['--data-dir', dataDir], {}, program);
  try {
    await timedGet(server, '/api/health');
    const health = performance.now() - started;
    await timedGet(server, '/api/alerts?limit=100&offset=0');
    const firstAlerts = performance.now() - started;
    return { health, firstAlerts, rssMB: memoryOf(server.child.pid!).rssMB };
  } finally {
    await server.stop();
  }
}

export async function measureStart(
  dataDir: string,
  emptyDir: string,
  runs: number,
  log: (m: string) => void,
): Promise<StartFigures> {
  const full: Awaited<ReturnType<typeof launch>>[] = [];
  const empty: number[] = [];
  const sources: number[] = [];
  for (let i = 0; i < runs; i++) {
    log(`start: launch ${i + 1} of ${runs} on the N-alert data directory, on an empty one, and from the sources`);
    full.push(await launch(dataDir));
    empty.push((await launch(emptyDir)).health);
    sources.push((await launch(dataDir, 'electron/headless/cli.ts')).health);
  }
  return {
    health: summarize(full.map((r) => r.health)),
    sourcesHealth: summarize(sources),
    firstAlerts: summarize(full.map((r) => r.firstAlerts)),
    emptyHealth: summarize(empty),
    rssMB: round1(Math.max(...full.map((r) => r.rssMB))),
  };
}

export const exited = (server: HeadlessProcess): boolean =>
  server.child.exitCode !== null || server.child.signalCode !== null;

export interface ExportFigures {
  /** which export: the History view's, or the Live table's (every alert) */
  what: 'history' | 'alerts';
  format: 'csv' | 'json';
  rows: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  /** the server's RSS before, and its peak during the export */
  rssBeforeMB: number;
  peakRssMB: number;
  /** the export did not complete: the error answer, or the server stopped (out of memory) */
  failed: string | null;
}

/** The route of an export as the UI downloads it (the server streams it a page of the database at a time). */
export function exportRoute(what: ExportFigures['what'], format: 'csv' | 'json'): string {
  return what === 'history' ? historyDownloadPath(format) : `/api/alerts/export?format=${format}&download=1`;
}

/**
 * Each export in each format `runs` times, as the UI downloads it: the worst peak, median times. `rows`: how many
 * rows each export holds (the history's answers; every alert).
 */
export async function measureExports(
  server: HeadlessProcess,
  rows: Record<ExportFigures['what'], number>,
  runs: number,
  log: (m: string) => void,
): Promise<ExportFigures[]> {
  const pid = server.child.pid!;
  const out: ExportFigures[] = [];
  for (const what of ['history', 'alerts'] as const) {
    for (const format of ['csv', 'json'] as const) {
      const runsOf: ExportFigures[] = [];
      for (let i = 0; i < runs; i++) {
        log(`export: ${what} ${format}, ${rows[what].toLocaleString('en')} rows (${i + 1} of ${runs})`);
        const rssBeforeMB = memoryOf(pid).rssMB;
        const { result, peakMB } = await peakRssDuring(pid, () => timedDownload(server, exportRoute(what, format)));
        runsOf.push({ what, format, rows: rows[what], ...result, rssBeforeMB, peakRssMB: peakMB });
        if (result.failed) {
          log(`export: ${what} ${format} failed: ${result.failed}${exited(server) ? ' (the server stopped)' : ''}`);
          break;
        }
      }
      const median = (pick: (r: ExportFigures) => number) => summarize(runsOf.map(pick)).p50;
      out.push({
        what,
        format,
        rows: rows[what],
        bytes: runsOf[0].bytes,
        firstByteMs: median((r) => r.firstByteMs),
        totalMs: median((r) => r.totalMs),
        rssBeforeMB: round1(Math.min(...runsOf.map((r) => r.rssBeforeMB))),
        peakRssMB: round1(Math.max(...runsOf.map((r) => r.peakRssMB))),
        failed: runsOf.find((r) => r.failed)?.failed ?? null,
      });
      if (exited(server)) return out;
    }
  }
  return out;
}
