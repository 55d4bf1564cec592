// The history export streams: one page of the database per chunk, never more rows held than a page, and the same
// bytes as the whole body built at once (CSV and JSON, with hostile names, at and around page boundaries).
import { describe, expect, it } from 'vitest';
import { exportAsText } from '../../../../electron/core/api/exportStream';
import { historyExport } from '../../../../electron/core/api/historyExport';
import { countingPages, historyEntries, wholeBodies } from '../../../helpers/historyRows';

const NOW = Date.UTC(2026, 4, 6, 12);

describe('the history export', () => {
  for (const count of [0, 1, 49, 50, 51, 100, 173]) {
    it(`gives the same bytes as the whole body, ${count} rows in pages of 50`, () => {
      const items = historyEntries(count, 4);
      const want = wholeBodies(items);
      for (const format of ['csv', 'json'] as const) {
        const file = exportAsText(historyExport(countingPages(items), {}, format, NOW, 50));
        expect(file.content).toBe(want[format]);
        expect(file.rows).toBe(count);
        expect(file.filename).toBe(`fim-verdict-history-2026-05-06.${format}`);
        expect(file.mimeType).toBe(format === 'csv' ? 'text/csv' : 'application/json');
      }
    });
  }

  it('reads one page per chunk and never holds more than a page of rows', () => {
    const items = historyEntries(10_000);
    for (const format of ['csv', 'json'] as const) {
      const pages = countingPages(items);
      const stream = historyExport(pages, {}, format, NOW, 100);
      const chunks = stream.chunks[Symbol.iterator]();
      chunks.next();
      // the first chunk is out: at most the first page was read, not the 10,000 rows
      expect(pages.pagesRead).toBeLessThanOrEqual(1);
      let n = 1;
      while (!chunks.next().done) n++;
      expect(pages.largestPage).toBe(100);
      expect(pages.pagesRead).toBe(101); // 100 full pages, then the empty one that ends it
      expect(stream.rows()).toBe(10_000);
      expect(n).toBeGreaterThanOrEqual(100);
    }
  });

  it('passes the filter to every page', () => {
    const seen: unknown[] = [];
    const stream = historyExport(
      {
        historyPageAfter: (filter, _after, limit) => {
          seen.push(filter);
          return seen.length === 1 ? historyEntries(limit) : [];
        },
      },
      { state: 'malicious', q: 'evil' },
      'csv',
      NOW,
      10,
    );
    exportAsText(stream);
    expect(seen).toEqual([
      { state: 'malicious', q: 'evil' },
      { state: 'malicious', q: 'evil' },
    ]);
  });
});
