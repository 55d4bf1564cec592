// Made-up history entries and a page source over them (the shape LookupsService.historyPageAfter answers), for the
// export's tests: it counts the pages read and the rows it handed out, so a test can see what an export holds.
import type { HistoryEntry } from '../../shared/contract';
import type { HistoryPages } from '../../electron/core/api/historyExport';
import { csvRow } from '../../electron/core/api/csv';
import { escapeControlsInJson } from '../../shared/visibleText';
import { verdictInWords } from '../../shared/verdictWords';

export function historyEntries(count: number, hostileEvery = 0): HistoryEntry[] {
  const start = Date.UTC(2026, 0, 1);
  const items: HistoryEntry[] = [];
  for (let i = count; i >= 1; i--) {
    const hostile = hostileEvery > 0 && i % hostileEvery === 0;
    items.push({
      id: i,
      // several entries share a millisecond: the page boundary must order by id too
      at: new Date(start + Math.floor(i / 3) * 1000).toISOString(),
      origin: i % 2 ? 'virustotal' : 'wazuh',
      reason: i % 5 ? 'live' : null,
      api: 'v3',
      state: i % 7 ? 'clean' : 'malicious',
      positives: i % 7 ? 0 : 12,
      total: 70,
      scanDate: i % 4 ? new Date(start + i * 1000).toISOString() : null,
      permalink: `https://www.virustotal.com/gui/file/${String(i).padStart(64, '0')}`,
      error: null,
      sha256: String(i).padStart(64, 'a'),
      sha1: null,
      md5: String(i).padStart(32, 'b'),
      name: hostile ? `/tmp/=evil\u202Etxt.exe\u007f,"q"\nnext ${i}` : `/var/www/file-${i}.php`,
    });
  }
  return items;
}

export interface CountingPages extends HistoryPages {
  pagesRead: number;
  /** the most rows one call handed out */
  largestPage: number;
}

/** Pages over `items` (newest first, as the store orders them), from just after the cursor's entry. */
export function countingPages(items: HistoryEntry[]): CountingPages {
  const indexOf = new Map(items.map((e, i) => [e.id, i]));
  const source: CountingPages = {
    pagesRead: 0,
    largestPage: 0,
    historyPageAfter: (_filter, after, limit) => {
      source.pagesRead += 1;
      const start = after ? (indexOf.get(after.id) ?? items.length) + 1 : 0;
      const page = items.slice(start, start + limit);
      source.largestPage = Math.max(source.largestPage, page.length);
      return page;
    },
  };
  return source;
}

/** The bodies as the export built them before it streamed (history.ts, the whole list at once): the bytes to keep. */
export function wholeBodies(items: HistoryEntry[]): { csv: string; json: string } {
  const header = 'at,origin,state,positives,total,scan_date,sha256,sha1,md5,name,permalink,reason,error,why,verdict';
  const lines = [header];
  for (const e of items) {
    const values = [e.at, e.origin, e.state, e.positives, e.total, e.scanDate, e.sha256, e.sha1, e.md5, e.name];
    lines.push(csvRow([...values, e.permalink, e.reason, e.error, e.why ?? null, verdictInWords(e)]));
  }
  return { csv: lines.join('\r\n') + '\r\n', json: escapeControlsInJson(JSON.stringify(items, null, 2)) };
}
