// CSV for exports: RFC 4180 quoting, and cells that a spreadsheet would run as a formula are neutralised
// (a file name like "=HYPERLINK(...)" must stay text). Control characters (a right-to-left override, a newline in a
// path) are written as visible `\u202E` text: CSV has no escape of its own, and a spreadsheet would show them raw.
import { escapeControls } from '../../../shared/visibleText';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = escapeControls(String(value));
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(',');
}
