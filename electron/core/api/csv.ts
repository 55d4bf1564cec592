// CSV for exports: RFC 4180 quoting, and cells that a spreadsheet would run as a formula are neutralised
// (a file name like "=HYPERLINK(...)" must stay text).
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(',');
}
