// Wazuh's own VirusTotal result (rules 87101-87106) -> WazuhVtRecord.
// Two shapes of the same record reach us:
// - alerts.json: `data.virustotal`, every value a STRING ("found":"1", "positives":"66", "error":"401");
// - alerts.log / integrations.log: the JSON the integration sent, with numbers ("found": 1, "error": 403).
// Both are coerced here. Hashes are lower-cased and validated, kind included (anything else becomes null).
import type { WazuhVtRecord } from '../../../shared/domain';
import { flag, hashOf, ident, isObject, prop, text, uint } from './coerce';

export interface WazuhVtMeta {
  alertId: string;
  timestamp: string;
  epochMs: number;
  manager: string;
  ruleId: string;
}

/** Keys of which at least one must be present for an object to count as a VirusTotal record. */
const KNOWN_KEYS = ['error', 'found', 'malicious', 'positives', 'total', 'source', 'sha1', 'permalink', 'scan_date'];

const SCAN_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z?$/;

/** VirusTotal v2's scan_date ("2017-11-14 17:24:37", UTC) -> epoch ms; invalid or out of range -> null. */
export function parseScanDate(v: string | null): number | null {
  if (v === null || v.length > 40) return null;
  const m = SCAN_DATE.exec(v.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const ok =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return ok ? ms : null;
}

function errorOf(vt: Record<string, unknown>): WazuhVtRecord['error'] {
  const raw = vt.error;
  if (raw === undefined || raw === null || raw === '') return null;
  // Wazuh: {"error": 403, "description": "Error: Check credentials"}. Defensive: a v3-style nested object.
  if (isObject(raw)) {
    const code = uint(raw.code);
    const description = text(raw.description) ?? text(raw.message) ?? text(vt.description) ?? '';
    return { code, description };
  }
  return { code: uint(raw), description: text(vt.description) ?? '' };
}

function sourceOf(v: unknown): WazuhVtRecord['source'] {
  const agent = prop(v, 'agent');
  return {
    alertId: ident(prop(v, 'alert_id')),
    file: text(prop(v, 'file')),
    md5: hashOf(prop(v, 'md5'), 'md5'),
    sha1: hashOf(prop(v, 'sha1'), 'sha1'),
    agent: isObject(agent) ? { id: ident(agent.id), name: text(agent.name) } : null,
  };
}

/**
 * The `virustotal` object of a Wazuh VirusTotal alert -> WazuhVtRecord; null when `vt` is not an object or
 * carries none of the record's keys. Never throws.
 */
export function parseWazuhVt(vt: unknown, meta: WazuhVtMeta): WazuhVtRecord | null {
  if (!isObject(vt)) return null;
  if (!KNOWN_KEYS.some((k) => Object.hasOwn(vt, k))) return null;
  const error = errorOf(vt);
  const scanDate = text(vt.scan_date);
  return {
    alertId: meta.alertId,
    timestamp: meta.timestamp,
    epochMs: meta.epochMs,
    manager: meta.manager,
    ruleId: meta.ruleId,
    error,
    found: flag(vt.found),
    malicious: flag(vt.malicious),
    positives: uint(vt.positives),
    total: uint(vt.total),
    scanDate,
    scanDateMs: parseScanDate(scanDate),
    permalink: text(vt.permalink),
    sha1: hashOf(vt.sha1, 'sha1'),
    source: sourceOf(vt.source),
  };
}
