// The scale part of `npm run bench`: a data directory of N stored FIM alerts (built once, cached), copied, then the
// headless server started on the copy as a user starts it, measured over HTTP and in Chromium. See
// docs/BENCHMARKS.md, "Scale: 1M and 10M stored alerts".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HEADLESS_BUNDLE, startHeadless } from '../../helpers/headlessProcess';
import { measureBrowser, type BrowserFigures } from './browserFigures';
import { scaleDataDir, type BuildMeta } from './buildDataDir';
import { densify } from './densify';
import { requestKinds, timeRequests } from './requests';
import { measureExports, measureStart, type ExportFigures, type StartFigures } from './serverFigures';
import { statsDuringIngest, type IngestStats } from './statsDuringIngest';
import { round1, timedGet, type Summary } from './timing';

export interface ScaleOptions {
  alerts: number;
  seed: number;
  /** timed rounds over every request kind */
  rounds: number;
  quick: boolean;
  rebuild: boolean;
  /** made from the built 1M directory (densify.ts) instead of built */
  densify: boolean;
  exportRounds: number;
}

/** The public figures (issue 15) and what explains them. */
export interface ScaleFigures {
  alerts: number;
  /** the worst p95 over the UI's requests, and which request it is */
  requestP95Ms: number;
  worstRequest: string;
  /**
   * navigation -> the first row on screen (median; the server's first screen where it draws one); the app's own
   * rows (selection and the keyboard work from then on) and the first page's arrival in the app beside it
   */
  firstRowMs: number;
  appRowsMs: number;
  firstPageMs: number;
  /** the End key shows the oldest alert; the row it shows last (of `alerts`) */
  oldestReachable: boolean;
  endShowsRow: number;
  /** the longest placeholders stayed on screen after a jump into the table */
  placeholderMaxMs: number;
  /**
   * launch of the built headless mode (as `npm start` runs it) -> serving /api/health (median); to the first
   * /api/alerts answer; the same launch on an empty directory; and from the TypeScript sources (`npm run headless`)
   */
  startMs: number;
  startFirstAlertsMs: number;
  startEmptyMs: number;
  startSourcesMs: number;
  exportPeakRssMB: number;
  exportFirstByteMs: number;
  /** exports that did not complete, and why */
  exportFailed: string | null;
  statsDuringIngestP95Ms: number;
  /** database + WAL after a checkpoint */
  diskMB: number;
  files: number;
  historyRows: number;
  buildSeconds: number;
  measureSeconds: number;
  /** per request kind: p50, p95, max over the timed rounds (ms) */
  requests: Record<string, Summary>;
  exports: ExportFigures[];
  placeholders: BrowserFigures['placeholders'];
  start: StartFigures;
  ingest: IngestStats;
  /** bytes per stored FIM event of the largest tables and indexes */
  bytesPerEventByObject: Record<string, number>;
}

export interface ScaleResult {
  /** what storing one FIM event costs: the alert rows, their indexes and dictionaries (issue 15's "800 bytes") */
  bytesPerFimEvent: number;
  /** the whole database (with the files, their answers and the answer history) per stored FIM event */
  dbBytesPerFimEvent: number;
  scale: ScaleFigures;
}

export async function scaleBench(o: ScaleOptions, log: (m: string) => void): Promise<ScaleResult> {
  const built = o.densify
    ? await densify({ factor: o.alerts / 1_000_000, alerts: 1_000_000, seed: o.seed, rebuild: o.rebuild }, log)
    : await scaleDataDir({ alerts: o.alerts, seed: o.seed, rebuild: o.rebuild }, log);
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-bench-scale-run-'));
  try {
    // a run writes to its data directory (settings, a live source, new alerts): a copy, the cached one stays as built
    const dataDir = path.join(work, 'data');
    log(`scale: copying the data directory (${(built.meta.diskBytes / 1e6).toFixed(0)} MB)`);
    fs.cpSync(built.dataDir, dataDir, { recursive: true });
    const start = await measureStart(dataDir, path.join(work, 'empty'), o.quick ? 2 : 3, log);
    const liveFile = path.join(work, 'live', 'alerts.json');
    fs.mkdirSync(path.dirname(liveFile));
    fs.writeFileSync(liveFile, '');
    // the built headless mode, as `npm start` runs it (the desktop app runs the same bundled engine): tsx's compiler
    // would add its own memory to the exports' peak and its start to the start figures
    const server = await startHeadless(['--data-dir', dataDir, '--alerts', liveFile], {}, HEADLESS_BUNDLE);
    try {
      const kinds = await requestKinds(server, built.meta.manifest);
      const requests = await timeRequests(server, kinds, o.rounds, log);
      const historyRows = (await timedGet<{ total: number }>(server, '/api/history?limit=1&offset=0')).body.total;
      // seven fresh loads (the median of seven): on two cores one load in three can land behind other work
      const browser = await measureBrowser(server, o.quick ? 2 : 7, log);
      // it adds alerts to the copy (no history rows: there is no key)
      const ingest = await statsDuringIngest(server, liveFile, o.quick ? 10_000 : 100_000, o.seed, log);
      requests['stats (during ingest)'] = ingest.stats;
      // last: a large export may take the server down (out of memory)
      // every alert stored by now (the built ones and those the ingest added): the Live export without a filter
      const alertRows = (await timedGet<{ total: number }>(server, '/api/alerts?limit=1&offset=0')).body.total;
      const exports = await measureExports(server, { history: historyRows, alerts: alertRows }, o.exportRounds, log);
      return figuresOf(built.meta, { start, requests, exports, browser, ingest, historyRows, started });
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function figuresOf(
  meta: BuildMeta,
  m: {
    start: StartFigures;
    requests: Record<string, Summary>;
    exports: ExportFigures[];
    browser: BrowserFigures;
    ingest: IngestStats;
    historyRows: number;
    started: number;
  },
): ScaleResult {
  const [worstRequest, worst] = Object.entries(m.requests).sort(([, a], [, b]) => b.p95 - a.p95)[0];
  const perEvent = (bytes: number) => round1(bytes / meta.alerts);
  // the alert storage of any schema: alerts + its indexes (before), alert_rows and its dictionaries (after), and
  // the per-file aggregates kept beside them (migration 10)
  const alertBytes = meta.objects
    .filter((o) => /^(sqlite_autoindex_)?(alert|file_places|file_alerts)/.test(o.name))
    .reduce((sum, o) => sum + o.bytes, 0);
  return {
    bytesPerFimEvent: Math.round(alertBytes / meta.alerts),
    dbBytesPerFimEvent: Math.round(meta.diskBytes / meta.alerts),
    scale: {
      alerts: meta.alerts,
      requestP95Ms: worst.p95,
      worstRequest,
      firstRowMs: m.browser.firstRow.p50,
      appRowsMs: m.browser.appRows.p50,
      firstPageMs: m.browser.firstPage.p50,
      oldestReachable: m.browser.oldestReachable,
      endShowsRow: m.browser.endShowsIndex + 1,
      placeholderMaxMs: m.browser.placeholderMaxMs,
      startMs: m.start.health.p50,
      startFirstAlertsMs: m.start.firstAlerts.p50,
      startEmptyMs: m.start.emptyHealth.p50,
      startSourcesMs: m.start.sourcesHealth.p50,
      // the worst of the exports (History and Live alerts, CSV and JSON), each listed in `exports`
      exportPeakRssMB: Math.max(...m.exports.map((e) => e.peakRssMB)),
      // an export that failed before its first byte counts the time until it failed
      exportFirstByteMs: Math.max(...m.exports.map((e) => (e.firstByteMs >= 0 ? e.firstByteMs : e.totalMs))),
      exportFailed:
        m.exports
          .filter((e) => e.failed)
          .map((e) => `${e.what} ${e.format}: ${e.failed}`)
          .join('; ') || null,
      statsDuringIngestP95Ms: m.ingest.stats.p95,
      diskMB: round1(meta.diskBytes / 1e6),
      files: meta.manifest.files,
      historyRows: m.historyRows,
      buildSeconds: meta.buildSeconds,
      measureSeconds: Math.round((Date.now() - m.started) / 1000),
      requests: m.requests,
      exports: m.exports,
      placeholders: m.browser.placeholders,
      start: m.start,
      ingest: m.ingest,
      bytesPerEventByObject: Object.fromEntries(
        meta.objects.filter((x) => x.bytes >= meta.diskBytes / 100).map((x) => [x.name, perEvent(x.bytes)]),
      ),
    },
  };
}
