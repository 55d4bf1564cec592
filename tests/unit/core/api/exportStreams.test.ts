// The Live alerts and Files exports stream: one page of the database per chunk, the first chunk out before the
// second page is read, never more rows held than a page, a snapshot of the alerts (the first page's maxId, or the
// one given), and the JSON answer's join of the chunks (the byte equality with the old builders over a real
// database: tests/integration/exportsStream.test.ts).
import { describe, expect, it } from 'vitest';
import { alertsExport } from '../../../../electron/core/api/alertsExport';
import { exportAsText } from '../../../../electron/core/api/exportStream';
import { filesExport } from '../../../../electron/core/api/filesExport';
import { countingAlerts, countingFiles } from '../../../helpers/exportPages';

const NOW = Date.UTC(2026, 5, 1);

describe('the Live alerts export', () => {
  for (const format of ['csv', 'json'] as const) {
    it(`reads one page per chunk, the first out before the rest is read (${format})`, () => {
      const pages = countingAlerts(1_050);
      const stream = alertsExport(pages, { format }, NOW, 100);
      const chunks = stream.chunks[Symbol.iterator]();
      if (format === 'csv') expect(chunks.next().value).toMatch(/^alertId,timestamp,/); // the header, no page read
      const first = chunks.next();
      expect(first.done).toBe(false);
      expect(pages.pagesRead).toBe(1);
      expect(stream.rows()).toBe(100);
      let n = 0;
      while (!chunks.next().done) n++;
      expect(pages.pagesRead).toBe(11); // 10 full pages and the short one that ends it
      expect(pages.largestPage).toBe(100);
      expect(stream.rows()).toBe(1_050);
      expect(n).toBeGreaterThanOrEqual(10);
    });
  }

  it('pages one snapshot: the maxId of the first page, or the one given', () => {
    const seen: (number | undefined)[] = [];
    const deps = countingAlerts(250);
    const list = deps.alerts.list;
    deps.alerts.list = (q) => (seen.push(q.maxId), { ...list(q), maxId: 777 });
    exportAsText(alertsExport(deps, { format: 'csv', state: 'malicious' }, NOW, 100));
    expect(seen).toEqual([undefined, 777, 777]);
    seen.length = 0;
    exportAsText(alertsExport(deps, { format: 'csv', maxId: 5 }, NOW, 100));
    expect(seen[0]).toBe(5);
  });

  it('an empty list is the header alone, or []', () => {
    expect(exportAsText(alertsExport(countingAlerts(0), { format: 'csv' }, NOW)).content).toBe(
      'alertId,timestamp,manager,agentId,agentName,agentIp,ruleId,ruleLevel,event,path,sha256,sha1,md5,state,positives,total,provider,triage\r\n',
    );
    expect(exportAsText(alertsExport(countingAlerts(0), { format: 'json' }, NOW))).toMatchObject({
      content: '[]',
      rows: 0,
      filename: 'fim-verdict-alerts-2026-06-01.json',
      mimeType: 'application/json',
    });
  });
});

describe('the Files export', () => {
  for (const format of ['csv', 'json'] as const) {
    it(`reads one page of files per chunk, the first out before the rest is read (${format})`, () => {
      const files = countingFiles(1_050);
      const stream = filesExport(files, { sort: 'risk' }, format, NOW, 100);
      const chunks = stream.chunks[Symbol.iterator]();
      if (format === 'csv') chunks.next();
      chunks.next();
      expect(files.pagesRead).toBe(1);
      expect(stream.rows()).toBe(200); // two places per file
      while (!chunks.next().done);
      expect(files.pagesRead).toBe(11);
      expect(files.largestPage).toBe(100);
      expect(stream.rows()).toBe(2_100);
      const parsed =
        format === 'json'
          ? JSON.parse(exportAsText(filesExport(countingFiles(3), { sort: 'risk' }, format, NOW, 2)).content)
          : null;
      if (parsed) expect(parsed).toHaveLength(6);
    });
  }
});
