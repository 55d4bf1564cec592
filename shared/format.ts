// Number, size and time formatting in the analyst's locale; times are local, with UTC for the title attribute. Shared: the
// renderer formats with it, and the headless server's first screen (electron/headless/firstScreen.ts) writes the same words.
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const fullDateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export const formatCount = (n: number | null | undefined): string => (n == null ? '–' : integer.format(n));

/** "1 file", "1,204 files": a count with its noun, in the singular for one */
export const countOf = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** "Not on VirusTotal": a state's words (shared/verdictWords.ts) as a menu item */
export const capitalise = (text: string): string => (text ? text[0].toUpperCase() + text.slice(1) : text);

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '–';
  if (n < 1024) return `${integer.format(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${oneDecimal.format(value)} ${units[unit]}`;
}

export function toMs(time: string | number | null | undefined): number | null {
  if (time == null || time === '') return null;
  const ms = typeof time === 'number' ? time : Date.parse(time);
  return Number.isFinite(ms) ? ms : null;
}

const isSameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** Local time: "14:03:22" today, "27 Nov, 14:03:22" this year, the full date before. */
export function formatLocal(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const today = new Date(now);
  if (isSameDay(date, today)) return timeOnly.format(date);
  if (date.getFullYear() === today.getFullYear()) return dayAndTime.format(date);
  return fullDateTime.format(date);
}

export const formatLocalFull = (ms: number): string => fullDateTime.format(new Date(ms));
export const formatClock = (ms: number): string => timeOnly.format(new Date(ms));

/** "2025-11-27 13:03:22 UTC" */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** YYYY-MM-DD of a local date (for date inputs) */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
