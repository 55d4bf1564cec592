// Small, total value coercions shared by the Wazuh parsers. Every function accepts `unknown` and never throws:
// alert files are untrusted input (a field may be a string, a number, an object, an array or missing).
// Nothing here recurses into values or calls String() on objects (an array nested 100000 levels deep would
// overflow the stack in Array.prototype.toString).

import { type HashKind, hashKind, normalizeHash } from '../../../shared/hashes';

export type Obj = Record<string, unknown>;

/** A hash of the given kind, lower-cased (normalizeHash), or null: a valid sha1 in an md5 field is not an md5. */
export function hashOf(v: unknown, kind: HashKind): string | null {
  const h = normalizeHash(v);
  return h !== null && hashKind(h) === kind ? h : null;
}

const HASH_NAMES: Record<HashKind, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };
const HASH_DIGITS: Record<HashKind, number> = { md5: 32, sha1: 40, sha256: 64 };
const HEX_ONLY = /^[0-9a-fA-F]*$/;

/**
 * What is wrong with a hash field Wazuh wrote, in a few words: "a malformed SHA-256 (63 characters, not hex)".
 * null when it is a good hash of its kind, or absent (missing, null, empty: Wazuh reported none). The value itself
 * is never quoted (it is untrusted bytes): only its length and what kind of characters it holds.
 */
export function hashFieldProblem(v: unknown, kind: HashKind): string | null {
  if (v === undefined || v === null) return null;
  const name = HASH_NAMES[kind];
  if (typeof v !== 'string') return `a malformed ${name} (${describe(v)}, not text)`;
  const t = v.trim();
  if (t === '' || hashOf(t, kind) !== null) return null;
  return HEX_ONLY.test(t)
    ? `a malformed ${name} (${t.length} hex digits, not ${HASH_DIGITS[kind]})`
    : `a malformed ${name} (${t.length} characters, not hex)`;
}

/** The problem of the strongest hash field that is malformed (SHA-256, then SHA-1, then MD5), or null. */
export function hashesProblem(fields: Record<HashKind, unknown>): string | null {
  for (const kind of ['sha256', 'sha1', 'md5'] as const) {
    const problem = hashFieldProblem(fields[kind], kind);
    if (problem) return problem;
  }
  return null;
}

/** A plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The property of an object, or undefined when `o` is not an object. Own properties only. */
export function prop(o: unknown, key: string): unknown {
  return isObject(o) && Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A string value as is (may be empty), else null. */
export function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A non-empty string, else null (Wazuh writes a field only when it has a value; "" means "no value"). */
export function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** An identifier written as a string or as an integer number ("0", 0, "S-1-5-18"); "" -> null. */
export function ident(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return null;
}

const UINT = /^\s*\d{1,15}\s*$/;

/** A non-negative whole number given as a number or a decimal string ("57", 57); anything else -> null. */
export function uint(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v === 'string' && UINT.test(v)) return Number(v);
  return null;
}

/** Wazuh's booleans: 1 / "1" / true -> true, 0 / "0" / false -> false, anything else -> null. */
export function flag(v: unknown): boolean | null {
  if (v === true || v === 1 || v === '1') return true;
  if (v === false || v === 0 || v === '0') return false;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === '1' || t === 'true') return true;
    if (t === '0' || t === 'false') return false;
  }
  return null;
}

/** The strings of an array (other entries dropped); not an array -> []. */
export function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const item of v) if (typeof item === 'string') out.push(item);
  return out;
}

/** A value described in a few words for an error reason, without serialising it. */
export function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v === '' ? 'an empty string' : 'a string';
  return `a ${typeof v}`;
}

/** Cut a message to one short line. */
export function oneLine(s: string, max = 120): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digits v[from, from + n) as a number, or -1. */
function digits(v: string, from: number, n: number): number {
  let x = 0;
  for (let i = from; i < from + n; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

/**
 * The exact form alerts.json always has, "2022-09-09T23:43:15.168+0200", read without a regular expression (this
 * runs once per alert); null sends anything else to the general parser below.
 */
function wazuhTimestampMs(v: string): number | null {
  if (v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || v[19] !== '.') return null;
  const sign = v[23] === '+' ? 1 : v[23] === '-' ? -1 : 0;
  if (sign === 0) return null;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const s = digits(v, 17, 2);
  const ms = digits(v, 20, 3);
  const oh = digits(v, 24, 2);
  const om = digits(v, 26, 2);
  // years 0-99: Date.UTC would read them as 1900-1999 (the general parser below refuses them too)
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0)
    return null;
  if (oh < 0 || oh > 18 || om < 0 || om > 59) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1])) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - sign * (oh * 60 + om) * 60_000;
}

const TS = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Wazuh's timestamp ("2022-09-09T23:43:15.168+0200", offset without a colon; Date.parse is not required to
 * accept that form) -> epoch ms, or null. Without an offset the time is taken as UTC. Out-of-range fields
 * (month 13, 25:00, Feb 30) are rejected rather than rolled over.
 */
export function parseTimestamp(v: unknown): number | null {
  if (typeof v !== 'string' || v.length > 40) return null;
  const fast = v.length === 28 ? wazuhTimestampMs(v) : null;
  if (fast !== null) return fast;
  const m = TS.exec(v.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi ||
    check.getUTCSeconds() !== s
  )
    return null;
  let offsetMin = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 18 || om > 59) return null;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms2 = local - offsetMin * 60_000;
  return Number.isFinite(ms2) ? ms2 : null;
}

const ALERT_ID = /^(\d{1,12})(?:\.(\d{1,20}))?$/;

/** The epoch part of an alert id ("1662759795.647670" -> 1662759795000), or null. */
export function epochFromAlertId(id: string): number | null {
  const m = ALERT_ID.exec(id);
  return m ? Number(m[1]) * 1000 : null;
}
