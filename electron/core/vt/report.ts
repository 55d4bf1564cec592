// VirusTotal answers (v3 and v2 JSON, error bodies, HTTP statuses) -> typed reports and errors.
// Pure and defensive: every field is checked, a wrong shape gives null (the client calls that "malformed").
import { z } from 'zod';
import type { Allowance, EngineResult } from '../../../shared/contract';
import { hashKind, normalizeHash, permalinkFor } from '../../../shared/hashes';
import { EMPTY_STATS, type VtAnalysisStatus, type VtApiVersion, type VtFileReport, type VtStats } from './types';

const MAX_NAMES = 50;
const MAX_TAGS = 100;
const MAX_ENGINES = 500;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const count = (v: unknown): number => {
  const n = finite(v);
  return n !== null && n > 0 ? Math.floor(n) : 0;
};
const unixMs = (v: unknown): number | null => {
  const n = finite(v);
  return n !== null && n > 0 ? Math.round(n * 1000) : null;
};
const sha256Of = (v: unknown): string | null => {
  const h = normalizeHash(v);
  return h && hashKind(h) === 'sha256' ? h : null;
};
const hashOf = (v: unknown, kind: 'md5' | 'sha1'): string | null => {
  const h = normalizeHash(v);
  return h && hashKind(h) === kind ? h : null;
};

function uniqueStrings(values: unknown[], max: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (out.length >= max) break;
    const s = text(v);
    if (s === null || seen.has(s)) continue;
    seen.add(s);
    out.push(s);
  }
  return out;
}

/** The most counted value of popular_threat_category/name: [{count, value}] now, [[value, count]] in old answers. */
function topValue(list: unknown): string | null {
  if (!Array.isArray(list)) return null;
  let best: { value: string; count: number } | null = null;
  for (const item of list) {
    let value: string | null = null;
    let n = 0;
    if (isRecord(item)) {
      value = text(item.value);
      n = count(item.count);
    } else if (Array.isArray(item)) {
      value = text(item.find((x) => typeof x === 'string'));
      n = count(item.find((x) => typeof x === 'number'));
    }
    if (value !== null && (best === null || n > best.count)) best = { value, count: n };
  }
  return best?.value ?? null;
}

function threatLabelOf(ptc: unknown): string | null {
  if (!isRecord(ptc)) return null;
  const label = text(ptc.suggested_threat_label);
  if (label) return label;
  const parts = [topValue(ptc.popular_threat_category), topValue(ptc.popular_threat_name)].filter((p) => p !== null);
  return parts.length ? parts.join('.') : null;
}

function enginesOfV3(results: unknown): EngineResult[] {
  if (!isRecord(results)) return [];
  const out: EngineResult[] = [];
  for (const [key, value] of Object.entries(results)) {
    if (out.length >= MAX_ENGINES) break;
    if (!isRecord(value)) continue;
    out.push({
      engine: text(value.engine_name) ?? key,
      category: text(value.category) ?? 'unknown',
      result: text(value.result),
      version: text(value.engine_version),
      update: text(value.engine_update),
    });
  }
  return out;
}

function statsOfV3(stats: unknown, engines: EngineResult[]): VtStats {
  if (isRecord(stats)) {
    const pick = (...keys: string[]) => count(keys.map((k) => stats[k]).find((v) => typeof v === 'number'));
    return {
      malicious: pick('malicious'),
      suspicious: pick('suspicious'),
      undetected: pick('undetected'),
      harmless: pick('harmless'),
      timeout: pick('timeout'),
      confirmedTimeout: pick('confirmed-timeout', 'confirmed_timeout'),
      failure: pick('failure'),
      typeUnsupported: pick('type-unsupported', 'type_unsupported'),
    };
  }
  // no stats at all: count the engines (an answer with stats is never counted from its, possibly trimmed, results)
  const s: VtStats = { ...EMPTY_STATS };
  const keyOf: Record<string, keyof VtStats> = {
    malicious: 'malicious',
    suspicious: 'suspicious',
    undetected: 'undetected',
    harmless: 'harmless',
    timeout: 'timeout',
    'confirmed-timeout': 'confirmedTimeout',
    failure: 'failure',
    'type-unsupported': 'typeUnsupported',
  };
  for (const e of engines) {
    const k = keyOf[e.category];
    if (k) s[k] += 1;
  }
  return s;
}

const V3FileEnvelope = z.object({
  data: z.object({
    id: z.string(),
    type: z.literal('file').optional(),
    attributes: z.record(z.string(), z.unknown()),
  }),
});

/** GET /api/v3/files/{hash} -> a report; null when the JSON is not a file object. */
export function parseV3File(json: unknown): VtFileReport | null {
  const parsed = V3FileEnvelope.safeParse(json);
  if (!parsed.success) return null;
  const { id, attributes: a } = parsed.data.data;
  const sha256 = sha256Of(id) ?? sha256Of(a.sha256);
  if (!sha256) return null;
  const engines = enginesOfV3(a.last_analysis_results);
  const size = finite(a.size);
  return {
    api: 'v3',
    sha256,
    sha1: hashOf(a.sha1, 'sha1'),
    md5: hashOf(a.md5, 'md5'),
    names: uniqueStrings([a.meaningful_name, ...(Array.isArray(a.names) ? a.names : [])], MAX_NAMES),
    typeDescription: text(a.type_description),
    size: size !== null && size >= 0 ? size : null,
    threatLabel: threatLabelOf(a.popular_threat_classification),
    reputation: finite(a.reputation),
    tags: uniqueStrings(Array.isArray(a.tags) ? a.tags : [], MAX_TAGS),
    firstSubmissionMs: unixMs(a.first_submission_date),
    lastAnalysisMs: unixMs(a.last_analysis_date),
    stats: statsOfV3(a.last_analysis_stats, engines),
    engines,
    permalink: permalinkFor(sha256),
  };
}

/** v2's scan_date "2017-11-14 17:24:37" is UTC. */
export function parseV2Date(value: unknown): number | null {
  const m =
    typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim()) : null;
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * GET /vtapi/v2/file/report -> the response_code and, for code 1, a report whose stats are built from v2's
 * positives/total (malicious = positives, undetected = total - positives). null when the JSON is not a v2 report.
 */
export function parseV2Report(json: unknown): { found: VtFileReport | null; responseCode: number } | null {
  if (!isRecord(json)) return null;
  const responseCode = finite(json.response_code);
  if (responseCode === null) return null;
  if (responseCode !== 1) return { found: null, responseCode };
  const sha256 = sha256Of(json.sha256);
  if (!sha256) return null;
  const engines: EngineResult[] = [];
  if (isRecord(json.scans)) {
    for (const [engine, s] of Object.entries(json.scans)) {
      if (engines.length >= MAX_ENGINES) break;
      if (!isRecord(s)) continue;
      engines.push({
        engine,
        category: s.detected === true ? 'malicious' : 'undetected',
        result: text(s.result),
        version: text(s.version),
        update: text(s.update),
      });
    }
  }
  const positives = typeof json.positives === 'number' ? count(json.positives) : engines.filter(isMalicious).length;
  const total = typeof json.total === 'number' ? count(json.total) : engines.length;
  const stats: VtStats = { ...EMPTY_STATS, malicious: positives, undetected: Math.max(0, total - positives) };
  return {
    responseCode,
    found: {
      api: 'v2',
      sha256,
      sha1: hashOf(json.sha1, 'sha1'),
      md5: hashOf(json.md5, 'md5'),
      names: [],
      typeDescription: null,
      size: null,
      threatLabel: null,
      reputation: null,
      tags: [],
      firstSubmissionMs: null,
      lastAnalysisMs: parseV2Date(json.scan_date),
      stats,
      engines,
      permalink: permalinkFor(sha256),
    },
  };
}
const isMalicious = (e: EngineResult) => e.category === 'malicious';

/** POST /files/{id}/analyse -> the analysis id (v3), or v2 rescan's scan_id. */
export function parseAnalyseAccepted(json: unknown, api: VtApiVersion): string | null {
  if (!isRecord(json)) return null;
  if (api === 'v2') return json.response_code === 1 ? text(json.scan_id) : null;
  if (!isRecord(json.data) || (json.data.type !== undefined && json.data.type !== 'analysis')) return null;
  return text(json.data.id);
}

/** GET /analyses/{id} -> its status. */
export function parseAnalysisStatus(json: unknown): VtAnalysisStatus | null {
  if (!isRecord(json) || !isRecord(json.data) || !isRecord(json.data.attributes)) return null;
  const status = json.data.attributes.status;
  return status === 'queued' || status === 'in-progress' || status === 'completed' ? status : null;
}

/** GET /users/{key}/overall_quotas -> data.api_requests_{hourly,daily,monthly}.user.{allowed,used}. */
export function parseOverallQuotas(json: unknown, readAtMs: number): Allowance | null {
  if (!isRecord(json) || !isRecord(json.data)) return null;
  const data = json.data;
  const windowOf = (name: string) => {
    const w = data[name];
    const user = isRecord(w) ? w.user : null;
    if (!isRecord(user) || finite(user.allowed) === null) return null;
    return { allowed: count(user.allowed), used: count(user.used) };
  };
  const allowance: Allowance = {
    readAt: new Date(readAtMs).toISOString(),
    hourly: windowOf('api_requests_hourly'),
    daily: windowOf('api_requests_daily'),
    monthly: windowOf('api_requests_monthly'),
  };
  return allowance.hourly || allowance.daily || allowance.monthly ? allowance : null;
}
