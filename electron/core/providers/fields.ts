// zod fields for reading a provider's record defensively: a field of the wrong type, too long or malformed
// becomes null (or is dropped from a list) instead of failing the whole record, so one odd value never hides an
// answer; and no remote string enters our data uncapped.
import { z } from 'zod';
import { hashKind, normalizeHash, type HashKind } from '../../../shared/hashes';

const MAX_TEXT = 1000;

/** A non-empty string (trimmed, at most `max` characters), else null. */
export const optText = (max = MAX_TEXT) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null))
    .catch(null);

/** A whole number >= 0 given as a number or a digit string ("138208": CIRCL stores everything as strings). */
export const optCount = () =>
  z
    .unknown()
    .transform((v) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : NaN;
      return Number.isSafeInteger(n) && n >= 0 ? n : null;
    })
    .catch(null);

/** A hash of this kind, lower-cased, else null. */
export const optHash = (kind: HashKind) =>
  z
    .unknown()
    .transform((v) => {
      const h = normalizeHash(v);
      return h && hashKind(h) === kind ? h : null;
    })
    .catch(null);

/** The strings of a list (others dropped), deduplicated, at most `maxItems` of at most `max` characters. */
export const textList = (maxItems = 50, max = 200) =>
  z
    .unknown()
    .transform((v) => {
      const out: string[] = [];
      for (const item of Array.isArray(v) ? v : []) {
        const s = typeof item === 'string' ? item.trim().slice(0, max) : '';
        if (s && !out.includes(s)) out.push(s);
        if (out.length >= maxItems) break;
      }
      return out;
    })
    .catch([]);

/** "2026-10-14 08:21:17" (abuse.ch, UTC) or ISO 8601 -> ISO 8601 UTC; anything else null. */
export const optUtcTime = () =>
  z
    .unknown()
    .transform((v) => {
      if (typeof v !== 'string') return null;
      const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
      if (!m) return null;
      const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? 'Z'}`;
      const ms = Date.parse(iso);
      return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
    })
    .catch(null);
