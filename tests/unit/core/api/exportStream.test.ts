// The exports' writer (History, Live alerts, Files): any pages of rows, empty ones among them, give the bytes of the
// whole body built at once: the CSV header and rows joined by CRLF with a final CRLF, cells through csv.ts; JSON as
// JSON.stringify(rows, null, 2) with control characters escaped.
import { describe, expect, it } from 'vitest';
import { csvRow } from '../../../../electron/core/api/csv';
import { exportAsText, exportStream } from '../../../../electron/core/api/exportStream';
import { escapeControlsInJson } from '../../../../shared/visibleText';

const NOW = Date.UTC(2026, 4, 6, 12);
const HEADER = ['name', 'n', 'note'] as const;
type Row = { name: string; n: number | null; note: string | null };

const rowsOf = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({
    name: i % 3 === 0 ? `=evil\u202e${i}.exe` : `file "${i}",\nnext`,
    n: i % 4 === 0 ? null : i,
    note: i % 5 === 0 ? 'del\u007f c1\u0085' : null,
  }));

const whole = (rows: Row[]) => ({
  csv: [HEADER.join(','), ...rows.map((r) => csvRow(HEADER.map((c) => r[c])))].join('\r\n') + '\r\n',
  json: escapeControlsInJson(JSON.stringify(rows, null, 2)),
});

describe('the exports writer', () => {
  for (const count of [0, 1, 7, 20]) {
    it(`gives the whole body's bytes for ${count} rows in uneven pages, empty ones among them`, () => {
      const rows = rowsOf(count);
      const pages = [[], rows.slice(0, 3), [], rows.slice(3, 4), rows.slice(4), []];
      for (const format of ['csv', 'json'] as const) {
        const file = exportAsText(
          exportStream({
            name: 'things',
            format,
            nowMs: NOW,
            pages,
            header: HEADER,
            cells: (r) => HEADER.map((c) => r[c]),
          }),
        );
        expect(file.content).toBe(whole(rows)[format]);
        expect(file.rows).toBe(count);
        expect(file.filename).toBe(`fim-verdict-things-2026-05-06.${format}`);
        expect(file.mimeType).toBe(format === 'csv' ? 'text/csv' : 'application/json');
      }
    });
  }

  it('reads a page only when its chunk is asked for', () => {
    let read = 0;
    function* pages() {
      for (let i = 0; i < 3; i++) {
        read++;
        yield rowsOf(2);
      }
    }
    const stream = exportStream({
      name: 'x',
      format: 'json',
      nowMs: NOW,
      pages: pages(),
      header: HEADER,
      cells: () => [],
    });
    expect(read).toBe(0);
    const chunks = stream.chunks[Symbol.iterator]();
    chunks.next();
    expect(read).toBe(1);
  });
});
