// The desktop app's export to a file, without electron: the stream written chunk by chunk (each page read only once
// the one before is written), the file appearing under its name only when complete, and a failing page leaving no
// file (and any earlier file of that name as it was).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alertsExport } from '../../../electron/core/api/alertsExport';
import { exportAsText, type ExportStream } from '../../../electron/core/api/exportStream';
import { writeExportToFile } from '../../../electron/main/exportToFile';
import { countingAlerts } from '../../helpers/exportPages';
import { makeTempDir } from '../../helpers/tempDir';

const NOW = Date.UTC(2026, 5, 1);
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function tempDir(): string {
  const tmp = makeTempDir('fimv-export-file-');
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

describe('writeExportToFile', () => {
  it('writes the same bytes as the whole body, a page at a time, and answers the rows', async () => {
    const dir = tempDir();
    for (const format of ['csv', 'json'] as const) {
      const pages = countingAlerts(1_234);
      const file = path.join(dir, `alerts.${format}`);
      // the pages read by the time each chunk reaches the file: one more each time, never all at once
      const seen: number[] = [];
      const stream = alertsExport(pages, { format }, NOW, 100);
      const watched: ExportStream = {
        ...stream,
        chunks: {
          *[Symbol.iterator]() {
            for (const chunk of stream.chunks) {
              seen.push(pages.pagesRead);
              yield chunk;
            }
          },
        },
      };
      const { rows, bytes } = await writeExportToFile(watched, file);
      const want = exportAsText(alertsExport(countingAlerts(1_234), { format }, NOW, 100)).content;
      expect(rows).toBe(1_234);
      expect(fs.readFileSync(file, 'utf8')).toBe(want);
      expect(bytes).toBe(Buffer.byteLength(want));
      expect(pages.largestPage).toBe(100);
      expect(seen[format === 'csv' ? 1 : 0]).toBe(1); // the first page's chunk was out after one page read
      expect(fs.existsSync(`${file}.part`)).toBe(false);
    }
  });

  it('on a failing page removes the part and keeps an earlier file of that name', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'alerts.csv');
    fs.writeFileSync(file, 'the earlier export\n');
    const pages = countingAlerts(10_000);
    pages.failAt = 3;
    await expect(writeExportToFile(alertsExport(pages, { format: 'csv' }, NOW, 100), file)).rejects.toThrow(
      /page 3 failed/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('the earlier export\n');
    expect(fs.readdirSync(dir)).toEqual(['alerts.csv']);
    expect(pages.pagesRead).toBe(3); // nothing read after the failure
  });

  it('fails on a folder it cannot write to, reading nothing', async () => {
    const pages = countingAlerts(10);
    const missing = path.join(tempDir(), 'no-such-folder', 'alerts.csv');
    await expect(writeExportToFile(alertsExport(pages, { format: 'csv' }, NOW), missing)).rejects.toThrow(/ENOENT/);
    expect(pages.pagesRead).toBe(0);
  });
});
