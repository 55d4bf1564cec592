// How an alert's values are kept compactly in alert_rows (migration 9 writes the same encodings in SQL): each
// encoding is used only when it gives the exact value back; otherwise the value is kept as it came (text).
import type { FimEvent } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** "<epoch>.<offset>" as two integers, or [-1, the text] when it is not exactly that. */
export function encodeAlertId(alertId: string): [number, number | string] {
  const dot = alertId.indexOf('.');
  if (dot > 0 && alertId.length <= 31 && /^[0-9]+\.[0-9]+$/.test(alertId)) {
    const s = Number(alertId.slice(0, dot));
    const n = Number(alertId.slice(dot + 1));
    if (s <= MAX_SAFE && n <= MAX_SAFE && `${s}.${n}` === alertId) return [s, n];
  }
  return [-1, alertId];
}

export function decodeAlertId(s: number, n: number | string): string {
  return s >= 0 ? `${s}.${n}` : String(n);
}

const pad = (v: number, width: number) => String(v).padStart(width, '0');

/** Wazuh's timestamp ("2026-06-04T11:59:35.323+0000") rebuilt from the time and its zone offset in minutes. */
export function timestampOf(ts: number, offsetMinutes: number): string {
  const local = ts + offsetMinutes * 60_000;
  const iso = new Date(local - (local % 1000)).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMinutes);
  return `${iso}.${pad(local % 1000, 3)}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

/** The zone offset when the timestamp is exactly ts in that zone, else the timestamp itself. */
export function encodeTimestamp(timestamp: string, ts: number): number | string {
  const m = /[+-](\d\d)(\d\d)$/.exec(timestamp);
  // as migration 9 decides it: a real zone (18 h at most), a time between 1970-01-02 and 9999-12-31
  if (!m || !Number.isSafeInteger(ts) || ts < 86_400_000 || ts >= 253_402_214_400_000) return timestamp;
  const minutes = (timestamp[timestamp.length - 5] === '-' ? -1 : 1) * (Number(m[1]) * 60 + Number(m[2]));
  if (Math.abs(minutes) > 18 * 60) return timestamp;
  return timestampOf(ts, minutes) === timestamp ? minutes : timestamp;
}

export function decodeTimestamp(tz: number | string, ts: number): string {
  return typeof tz === 'number' ? timestampOf(ts, tz) : tz;
}

/** A decimal mtime (Wazuh's epoch seconds) as an integer; anything else as it came. */
export function encodeMtime(mtime: string | null): number | string | null {
  if (mtime === null || !/^[0-9]{1,15}$/.test(mtime)) return mtime;
  const n = Number(mtime);
  return String(n) === mtime ? n : mtime;
}

export const EVENT_CODES = { modified: 0, added: 1, deleted: 2, unknown: 3 } as const;
export type AlertEvent = keyof typeof EVENT_CODES;
export const EVENT_NAMES: AlertEvent[] = ['modified', 'added', 'deleted', 'unknown'];

export const HASH_BITS = { md5: 1, sha1: 2, sha256: 4 } as const;
const KINDS = ['md5', 'sha1', 'sha256'] as const;

/**
 * The alert's hashes against its file's: the bits of those that are the file's own, or `explicit` when the alert
 * carried one the file's row does not hold (then they are kept whole in alert_hashes).
 */
export function hashMaskOf(carried: FileHashes, file: FileHashes | null): { mask: number; explicit: boolean } {
  let mask = 0;
  for (const k of KINDS) {
    const v = carried[k];
    if (v === null) continue;
    if (!file || file[k] !== v) return { mask: 0, explicit: true };
    mask |= HASH_BITS[k];
  }
  return { mask, explicit: false };
}

/** The key of a set of hashes in alert_hashes. */
export function hashSetKey(h: FileHashes): string {
  return `${h.md5 ?? ''}:${h.sha1 ?? ''}:${h.sha256 ?? ''}`;
}

export const hasAnyHash = (h: FileHashes): boolean => h.md5 !== null || h.sha1 !== null || h.sha256 !== null;

/** The rule and file attributes that repeat from alert to alert, as one dictionary key (alert_shapes). */
export function shapeKey(
  e: Pick<FimEvent, 'rule' | 'location' | 'mode' | 'perm' | 'uname' | 'gname' | 'uid' | 'gid'> & {
    changedAttributes: string | null;
    whodataUser: string | null;
    whodataProcess: string | null;
  },
  skipReason: string | null,
): string {
  return JSON.stringify([
    e.rule.id,
    e.rule.level,
    e.rule.description,
    e.rule.groups.join(','),
    e.location,
    e.mode,
    e.perm,
    e.uname,
    e.gname,
    e.uid,
    e.gid,
    e.changedAttributes,
    e.whodataUser,
    e.whodataProcess,
    skipReason,
  ]);
}

/** What the views read of a shape. */
export interface Shape {
  ruleId: string;
  ruleLevel: number;
  ruleDescription: string;
  mode: string | null;
  uname: string | null;
  whodataUser: string | null;
  whodataProcess: string | null;
  skipReason: string | null;
}

export function parseShape(key: string): Shape {
  const v = JSON.parse(key) as unknown[];
  return {
    ruleId: String(v[0]),
    ruleLevel: Number(v[1]),
    ruleDescription: String(v[2]),
    mode: v[5] as string | null,
    uname: v[7] as string | null,
    whodataUser: v[12] as string | null,
    whodataProcess: v[13] as string | null,
    skipReason: v[14] as string | null,
  };
}
