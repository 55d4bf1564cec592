// Date values as OpenSearch reads them in queries, sort values and search_after: ISO 8601 in the lenient
// `date_optional_time` / `strict_date_optional_time` forms (offsets Z, +02:00, +0200, +02; no offset = UTC),
// epoch millis (numbers, or digit strings where the format allows `epoch_millis`), epoch seconds with
// `epoch_second`, and date math (`now-2m`, `now-1d/d`, `2024-04-05||+1h`). Anything else is a parse error
// with OpenSearch's message.

export class DateParseError extends Error {}

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  H: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

function parseIso(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(t);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) return null;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    t -= sign * offset * 60_000;
  }
  return t;
}

function applyMath(base: number, math: string, original: string): number {
  let t = base;
  let rest = math;
  while (rest.length > 0) {
    const round = /^\/([yMwdhHms])/.exec(rest);
    if (round) {
      t = roundDown(t, round[1]);
      rest = rest.slice(round[0].length);
      continue;
    }
    const step = /^([+-])(\d*)([yMwdhHms])/.exec(rest);
    if (!step) throw new DateParseError(`operator not supported for date math [${original}]`);
    const n = (step[1] === '-' ? -1 : 1) * Number(step[2] || '1');
    const unit = step[3];
    if (unit === 'y' || unit === 'M') {
      const d = new Date(t);
      if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + n);
      else d.setUTCMonth(d.getUTCMonth() + n);
      t = d.getTime();
    } else t += n * UNIT_MS[unit];
    rest = rest.slice(step[0].length);
  }
  return t;
}

function roundDown(t: number, unit: string): number {
  const d = new Date(t);
  if (unit === 'y') return Date.UTC(d.getUTCFullYear(), 0, 1);
  if (unit === 'M') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (unit === 'w') {
    const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
  }
  const size = UNIT_MS[unit];
  return Math.floor(t / size) * size;
}

/**
 * Epoch millis of a date value. `format` is the query's or the field's (`||`-separated names); numbers are
 * always epoch millis (epoch seconds with `epoch_second`).
 */
export function parseDate(value: unknown, format: string | undefined, now: number): number {
  const formats = (format ?? 'strict_date_optional_time||epoch_millis').split('||').map((f) => f.trim());
  const seconds = formats.includes('epoch_second') && !formats.includes('epoch_millis');
  if (typeof value === 'number' && Number.isFinite(value)) return seconds ? value * 1000 : Math.trunc(value);
  if (typeof value !== 'string') throw new DateParseError(`failed to parse date field [${String(value)}]`);
  const text = value.trim();
  if (text.startsWith('now')) return applyMath(now, text.slice(3), text);
  const at = text.indexOf('||');
  if (at > 0) return applyMath(parseDate(text.slice(0, at), format, now), text.slice(at + 2), text);
  if (/^-?\d+$/.test(text) && (formats.includes('epoch_millis') || formats.includes('epoch_second'))) {
    return Number(text) * (seconds ? 1000 : 1);
  }
  const iso = parseIso(text);
  if (iso === null) {
    throw new DateParseError(
      `failed to parse date field [${text}] with format [${formats.join('||')}]: [failed to parse date field [${text}] with format [${formats.join('||')}]]`,
    );
  }
  return iso;
}

/** How a date sort value is written when the sort names a `format`; without one OpenSearch writes epoch millis. */
export function formatDate(epochMs: number, format: string): string | number {
  if (format.startsWith('epoch_millis')) return String(epochMs);
  if (format.startsWith('epoch_second')) return String(Math.floor(epochMs / 1000));
  return new Date(epochMs).toISOString();
}

/** keep_alive and similar time values: "1m", "30s", "500ms", "2h", "1d", "5micros"... in millis. */
export function parseTimeValue(text: string, setting: string): number {
  const m = /^(\d+)(nanos|micros|ms|s|m|h|d)$/.exec(text.trim());
  if (!m) {
    throw new DateParseError(
      `failed to parse setting [${setting}] with value [${text}] as a time value: unit is missing or unrecognized`,
    );
  }
  const n = Number(m[1]);
  const factor = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1;
  return n * factor;
}

/** OpenSearch's way of printing a duration in messages: "1d", "1.1d", "30m". */
export function describeMillis(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) {
      const v = ms / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1)}${unit}`;
    }
  }
  return `${ms}ms`;
}
