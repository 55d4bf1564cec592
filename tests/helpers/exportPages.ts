// Page sources for the Live alerts and Files exports without a database (the shapes AlertsService.list and the
// Files list answer), made-up rows by arithmetic: they count the pages read and the most rows one page handed
// out, and can fail at a given page, so a test can see what an export reads, holds, and does on a failure.
import type { AlertsExportDeps } from '../../electron/core/api/alertsExport';
import type { FileExportList } from '../../electron/core/api/filesExport';
import type { FileListRow } from '../../electron/core/store/fileListStore';
import { UNTRIAGED } from '../../shared/triage';
import { manyAlertRows } from './manyAlertRows';

export interface PageCounter {
  pagesRead: number;
  largestPage: number;
  /** the page (1-based) whose read throws; 0: none */
  failAt: number;
}

function counted(counter: PageCounter, rows: number): void {
  counter.pagesRead += 1;
  counter.largestPage = Math.max(counter.largestPage, rows);
  if (counter.pagesRead === counter.failAt) throw new Error(`page ${counter.pagesRead} failed`);
}

/** `count` alerts, newest first, paged by offset as the Live table is; no file has a triage. */
export function countingAlerts(count: number): AlertsExportDeps & PageCounter {
  const rows = manyAlertRows(count, Date.UTC(2026, 5, 1));
  const source: AlertsExportDeps & PageCounter = {
    pagesRead: 0,
    largestPage: 0,
    failAt: 0,
    alerts: {
      list: ({ limit, offset }) => {
        const items = [];
        for (let i = offset; i < Math.min(count, offset + limit); i++) items.push(rows.at(i));
        counted(source, items.length);
        return { total: count, items, maxId: count };
      },
    },
    lookups: { fileByHash: () => undefined },
    triage: { triageOf: () => UNTRIAGED },
  };
  return source;
}

/** `count` files, each at two places, read `page` files per query as the Files list is. */
export function countingFiles(count: number): FileExportList & PageCounter {
  const file = (i: number): FileListRow => ({
    id: i + 1,
    sha256: (i + 1).toString(16).padStart(64, '0'),
    sha1: null,
    md5: null,
    state: i % 5 ? 'clean' : 'malicious',
    positives: i % 5 ? 0 : 7,
    total: 70,
    scan_date: null,
    checked_at: null,
    origin: 'virustotal',
    reason: null,
    names: null,
    triage_state: 'new',
    triage_note: null,
    triage_by: null,
    triage_at: null,
    agents: 2,
    alerts: 2,
    first_ts: null,
    last_ts: null,
    first_answer_at: null,
  });
  const source: FileExportList & PageCounter = {
    pagesRead: 0,
    largestPage: 0,
    failAt: 0,
    *iterate(_filter, page = 500) {
      for (let offset = 0; ; offset += page) {
        const rows: FileListRow[] = [];
        for (let i = offset; i < Math.min(count, offset + page); i++) rows.push(file(i));
        counted(source, rows.length);
        yield* rows;
        if (rows.length < page) return;
      }
    },
    exportRows: (row) =>
      ['web-01', 'db-01'].map((agent, k) => ({
        sha256: row.sha256,
        sha1: null,
        md5: null,
        state: row.state,
        positives: row.positives,
        total: row.total,
        provider: row.origin,
        triage: row.triage_state,
        triageNote: null,
        triageBy: null,
        triageAt: null,
        agentId: String(k + 1).padStart(3, '0'),
        agentName: agent,
        path: `/srv/data/file-${row.id}-${k}.bin`,
        alertId: `1780000000.${row.id * 2 + k}`,
        alertAt: '2026-06-01T00:00:00.000Z',
        alerts: 1,
      })),
  };
  return source;
}
