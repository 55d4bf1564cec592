// Wazuh-compatible output: one JSON line per FIM alert once its verdict is known, in the format Wazuh's own
// integration sent to analysisd, so a <localfile> with log_format json feeds Wazuh's rules 87101-87106.
// Numbers are numbers; a not-found answer has no positives; the key never appears here.
import type { AlertItem } from '../../../shared/contract';
import { appendToLog } from './logPath';

export interface VirusTotalRecord {
  virustotal: Record<string, unknown>;
  integration: 'virustotal';
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, as VirusTotal's v2 scan_date and Wazuh's rules expect. */
export function wazuhScanDate(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The record for one alert whose file has an answer (found or not found); null for states without one. A known-good
 * file is found 1, malicious 0, with the provider that knows it named.
 */
export function verdictRecord(
  alert: AlertItem,
  file: { md5: string | null; sha1: string | null },
): VirusTotalRecord | null {
  const v = alert.verdict;
  const source = {
    alert_id: alert.alertId,
    file: alert.path,
    md5: alert.md5 ?? file.md5 ?? '',
    sha1: alert.sha1 ?? file.sha1 ?? '',
    agent: { id: alert.agent.id ?? '', name: alert.agent.name ?? '' },
  };
  if (v.state === 'unknown') return { virustotal: { found: 0, malicious: 0, source }, integration: 'virustotal' };
  if (v.state !== 'clean' && v.state !== 'malicious' && v.state !== 'suspicious' && v.state !== 'known-good')
    return null;
  const record: Record<string, unknown> = {
    found: 1,
    malicious: v.state === 'malicious' ? 1 : 0,
    source,
    sha1: file.sha1 ?? alert.sha1 ?? '',
    scan_date: wazuhScanDate(v.scanDate) ?? '',
    positives: v.positives ?? 0,
    total: v.total ?? 0,
    permalink: v.permalink ?? '',
  };
  // decided by another provider (known good from CIRCL or the allowlist, malicious from MalwareBazaar): named, with
  // its one line, so a Wazuh rule can tell it from VirusTotal's own answer
  if (v.origin && v.origin !== 'virustotal' && v.origin !== 'wazuh') {
    record.provider = v.origin;
    if (v.why) record.why = v.why;
  }
  return { virustotal: record, integration: 'virustotal' };
}

export type IntegrationErrorKind = 'credentials' | 'rate-limit' | 'timeout' | 'other';

const ERROR_RECORDS: Record<Exclude<IntegrationErrorKind, 'other'>, { code: number; description: string }> = {
  credentials: { code: 403, description: 'Error: Check credentials' },
  'rate-limit': { code: 204, description: 'Error: Public API request rate limit reached' },
  timeout: { code: 408, description: 'Error: API request timed out' },
};

/**
 * An error record. `error` carries the code Wazuh's rules match (403 -> 87102 "Check credentials", 204 -> 87101
 * "rate limit", 408 -> 87106 "timed out"), which is what Wazuh's own script wrote for the same failure over v2; the
 * HTTP status actually received (401 or 429 from API v3) is kept beside it as `http_status`.
 */
export function errorRecord(
  kind: IntegrationErrorKind,
  httpStatus: number | null,
  description?: string,
): VirusTotalRecord {
  const known = kind === 'other' ? null : ERROR_RECORDS[kind];
  const record: Record<string, unknown> = {
    error: known?.code ?? httpStatus ?? 0,
    description: known?.description ?? `Error: ${description ?? 'API request fail'}`,
  };
  if (httpStatus !== null && httpStatus !== record.error) record.http_status = httpStatus;
  return { virustotal: record, integration: 'virustotal' };
}

// JSON.stringify escapes C0 controls; these it leaves raw: DEL, C1 (U+0080-U+009F, U+009B is a terminal's CSI),
// the line and paragraph separators, and the bidi controls that reorder what a reader of the log sees.
const UNSAFE_IN_LOG = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One JSON line whose every control character is a \uXXXX escape (the same string for a JSON reader). */
export function logLine(record: VirusTotalRecord): string {
  return JSON.stringify(record).replace(UNSAFE_IN_LOG, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Appends records to the log file (created 0640 when missing; see logPath.ts for what is refused). */
export class IntegrationLogWriter {
  constructor(private readonly file: string) {}

  get path(): string {
    return this.file;
  }

  append(records: VirusTotalRecord[]): void {
    if (records.length === 0) return;
    appendToLog(this.file, records.map(logLine).join('\n') + '\n');
  }
}
