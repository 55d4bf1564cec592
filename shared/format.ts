// Number, size and time formatting in the analyst's locale; times are local, with UTC for the title attribute. Shared: the
// renderer formats with it, and the headless server's first screen (electron/headless/firstScreen.ts) writes the same words.
/** The formatters of one locale (undefined: the runtime's own, the browser's in the renderer). */
function formattersOf(locale: string | undefined) {
  return {
    integer: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    oneDecimal: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
    timeOnly: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    dayAndTime: new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
    fullDateTime: new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
  };
}
const { integer, oneDecimal, timeOnly, dayAndTime, fullDateTime } = formattersOf(undefined);

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

function localIn(f: ReturnType<typeof formattersOf>, ms: number, now: number): string {
  const date = new Date(ms);
  const today = new Date(now);
  if (isSameDay(date, today)) return f.timeOnly.format(date);
  if (date.getFullYear() === today.getFullYear()) return f.dayAndTime.format(date);
  return f.fullDateTime.format(date);
}

/** Local time: "14:03:22" today, "27 Nov, 14:03:22" this year, the full date before. */
export function formatLocal(ms: number, now = Date.now()): string {
  return localIn({ integer, oneDecimal, timeOnly, dayAndTime, fullDateTime }, ms, now);
}

/**
 * A count and a local time as the renderer writes them in another locale: the headless server's first screen
 * writes them in the browser's (its Accept-Language), so that they read the same once the app takes over.
 */
export function formatsIn(locale: string | undefined): {
  count: (n: number) => string;
  local: (ms: number, now?: number) => string;
} {
  const f = formattersOf(locale);
  return { count: (n) => f.integer.format(n), local: (ms, now = Date.now()) => localIn(f, ms, now) };
}

/**
 * The first language of an Accept-Language header if this runtime knows it, else undefined (the runtime's own).
 * Only the language, script and region: a browser's own language (navigator.language, what the app formats with)
 * never carries Unicode extensions, so neither does this (`-u-nu-arab`, `-u-ca-islamic`: other digits or calendar).
 */
export function localeOfAcceptLanguage(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  if (!first || first === '*' || first.length > 35) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([new Intl.Locale(first).baseName])[0];
  } catch {
    return undefined; // not a language tag
  }
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
