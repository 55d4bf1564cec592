// The emulator's file database and the JSON it answers with, in VirusTotal's v3 and v2 formats.
import { createHash } from 'node:crypto';

export interface VtFileSpec {
  sha256: string;
  /** derived from the sha256 when absent (stable, not a real hash of anything) */
  sha1?: string;
  md5?: string;
  malicious?: number;
  suspicious?: number;
  /** default: 66 minus the other verdicts */
  undetected?: number;
  harmless?: number;
  /** engines that could not scan the type (counted in neither positives nor total); default 3 */
  typeUnsupported?: number;
  timeout?: number;
  names?: string[];
  /** type_description, e.g. "Win32 EXE" */
  type?: string;
  threatLabel?: string | null;
  /** unix seconds */
  lastAnalysisDate?: number;
  firstSubmissionDate?: number;
  size?: number;
  tags?: string[];
  reputation?: number;
  /**
   * More v3 attributes, answered as given (popular_threat_classification, signature_info, sandbox_verdicts,
   * crowdsourced_yara_results... from a real answer): laid over the ones built from the fields above.
   */
  attributes?: Record<string, unknown>;
}

export interface VtFileRecord {
  sha256: string;
  sha1: string;
  md5: string;
  malicious: number;
  suspicious: number;
  undetected: number;
  harmless: number;
  typeUnsupported: number;
  timeout: number;
  names: string[];
  type: string;
  threatLabel: string | null;
  lastAnalysisDate: number;
  firstSubmissionDate: number;
  size: number;
  tags: string[];
  reputation: number;
  attributes: Record<string, unknown>;
}

export const ENGINE_NAMES = (
  'ALYac APEX AVG Acronis AhnLab-V3 Alibaba Antiy-AVL Arcabit Avast Avast-Mobile Avira Baidu BitDefender ' +
  'BitDefenderFalx BitDefenderTheta Bkav CAT-QuickHeal CMC ClamAV CrowdStrike Cybereason Cylance Cynet Cyren ' +
  'DeepInstinct DrWeb ESET-NOD32 Elastic Emsisoft F-Secure FireEye Fortinet GData Google Gridinsoft Ikarus ' +
  'Jiangmin K7AntiVirus K7GW Kaspersky Kingsoft Lionic Malwarebytes MaxSecure McAfee McAfee-GW-Edition ' +
  'MicroWorld-eScan Microsoft NANO-Antivirus Paloalto Panda Rising SUPERAntiSpyware Sangfor SentinelOne Skyhigh ' +
  'Sophos Symantec SymantecMobileInsight TACHYON Tencent Trapmine TrendMicro TrendMicro-HouseCall Trustlook ' +
  'VBA32 VIPRE ViRobot VirIT Webroot Xcitium Yandex Zillya ZoneAlarm Zoner eGambit tehtris huorong'
).split(' ');

const HEX = /^[0-9a-f]+$/;
const derive = (algo: 'sha1' | 'md5', sha256: string) => createHash(algo).update(`emulator:${sha256}`).digest('hex');
const count = (v: number | undefined, dflt: number) => Math.max(0, Math.floor(v ?? dflt));

export function makeRecord(spec: VtFileSpec, nowMs: number): VtFileRecord {
  const sha256 = spec.sha256.trim().toLowerCase();
  if (sha256.length !== 64 || !HEX.test(sha256)) throw new Error(`not a sha256: ${spec.sha256}`);
  const malicious = count(spec.malicious, 0);
  const suspicious = count(spec.suspicious, 0);
  const harmless = count(spec.harmless, 0);
  const nowS = Math.floor(nowMs / 1000);
  return {
    sha256,
    sha1: (spec.sha1 ?? derive('sha1', sha256)).toLowerCase(),
    md5: (spec.md5 ?? derive('md5', sha256)).toLowerCase(),
    malicious,
    suspicious,
    harmless,
    undetected: count(spec.undetected, Math.max(0, 66 - malicious - suspicious - harmless)),
    typeUnsupported: count(spec.typeUnsupported, 3),
    timeout: count(spec.timeout, 0),
    names: spec.names ?? [`${sha256.slice(0, 12)}.bin`],
    type: spec.type ?? 'Win32 EXE',
    threatLabel: spec.threatLabel === undefined ? (malicious > 0 ? 'trojan.agent/generic' : null) : spec.threatLabel,
    lastAnalysisDate: spec.lastAnalysisDate ?? nowS,
    firstSubmissionDate: spec.firstSubmissionDate ?? nowS - 86_400 * 30,
    size: spec.size ?? 3584,
    tags: spec.tags ?? ['peexe'],
    reputation: spec.reputation ?? (malicious > 0 ? -malicious : 0),
    attributes: spec.attributes ?? {},
  };
}

/** Applies a partial spec (a reanalysis result) to a record, keeping its hashes. */
export function updateRecord(record: VtFileRecord, patch: Partial<VtFileSpec>, nowMs: number): void {
  const { threatLabel, ...rest } = record;
  const spec: VtFileSpec = { ...rest, ...(threatLabel ? { threatLabel } : {}), ...patch };
  if (patch.undetected === undefined) {
    // the same engines answer again: keep the total, moving engines between verdicts
    const total = record.malicious + record.suspicious + record.undetected + record.harmless;
    spec.undetected = Math.max(0, total - (spec.malicious ?? 0) - (spec.suspicious ?? 0) - (spec.harmless ?? 0));
  }
  const next = makeRecord({ ...spec, sha256: record.sha256, sha1: record.sha1, md5: record.md5 }, nowMs);
  Object.assign(record, next, { lastAnalysisDate: Math.floor(nowMs / 1000) });
}

type Category = 'malicious' | 'suspicious' | 'undetected' | 'harmless' | 'type-unsupported' | 'timeout';

/** One engine per verdict, in an order rotated by the hash so different files are flagged by different engines. */
export function engineVerdicts(r: VtFileRecord): { engine: string; category: Category; index: number }[] {
  const plan: [Category, number][] = [
    ['malicious', r.malicious],
    ['suspicious', r.suspicious],
    ['undetected', r.undetected],
    ['harmless', r.harmless],
    ['timeout', r.timeout],
    ['type-unsupported', r.typeUnsupported],
  ];
  const needed = plan.reduce((n, [, c]) => n + c, 0);
  const names = [...ENGINE_NAMES];
  for (let i = names.length; i < needed; i++) names.push(`Engine-${i + 1}`);
  const shift = parseInt(r.sha256.slice(0, 4), 16) % names.length;
  const rotated = [...names.slice(shift), ...names.slice(0, shift)];
  const out: { engine: string; category: Category; index: number }[] = [];
  for (const [category, n] of plan) {
    for (let k = 0; k < n; k++) out.push({ engine: rotated[out.length], category, index: out.length });
  }
  return out;
}

const ymd = (unixS: number) => new Date(unixS * 1000).toISOString().slice(0, 10).replace(/-/g, '');
const family = (r: VtFileRecord) => (r.threatLabel ?? 'trojan.agent').split(/[./]/).filter(Boolean);

function resultFor(r: VtFileRecord, category: Category, index: number): string | null {
  const [kind = 'trojan', name = 'agent'] = family(r);
  if (category === 'malicious') {
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    const forms = [`${cap(kind)}.${cap(name)}`, `${cap(kind)}:Win32/${cap(name)}`, `W32/${cap(name)}.${index}`];
    return forms[index % forms.length];
  }
  return category === 'suspicious' ? 'Suspicious.Heuristic' : null;
}

export function v3Stats(r: VtFileRecord) {
  return {
    'confirmed-timeout': 0,
    failure: 0,
    harmless: r.harmless,
    malicious: r.malicious,
    suspicious: r.suspicious,
    timeout: r.timeout,
    'type-unsupported': r.typeUnsupported,
    undetected: r.undetected,
  };
}

export const EMPTY_V3_STATS = {
  'confirmed-timeout': 0,
  failure: 0,
  harmless: 0,
  malicious: 0,
  suspicious: 0,
  timeout: 0,
  'type-unsupported': 0,
  undetected: 0,
};

export function v3Results(r: VtFileRecord) {
  const results: Record<string, unknown> = {};
  for (const { engine, category, index } of engineVerdicts(r)) {
    results[engine] = {
      category,
      engine_name: engine,
      engine_update: ymd(r.lastAnalysisDate),
      engine_version: `${1 + (index % 9)}.${index % 4}.${index}`,
      method: 'blacklist',
      result: resultFor(r, category, index),
    };
  }
  return results;
}

export function v3FileJson(r: VtFileRecord, baseUrl: string) {
  const [kind = 'trojan', name = 'agent'] = family(r);
  return {
    data: {
      attributes: {
        first_submission_date: r.firstSubmissionDate,
        last_analysis_date: r.lastAnalysisDate,
        last_analysis_results: v3Results(r),
        last_analysis_stats: v3Stats(r),
        last_modification_date: r.lastAnalysisDate + 60,
        last_submission_date: r.lastAnalysisDate,
        md5: r.md5,
        meaningful_name: r.names[0],
        names: r.names,
        ...(r.threatLabel && r.malicious > 0
          ? {
              popular_threat_classification: {
                suggested_threat_label: r.threatLabel,
                popular_threat_category: [{ count: r.malicious, value: kind }],
                popular_threat_name: [{ count: Math.ceil(r.malicious / 2), value: name }],
              },
            }
          : {}),
        reputation: r.reputation,
        sha1: r.sha1,
        sha256: r.sha256,
        size: r.size,
        tags: r.tags,
        times_submitted: 3,
        total_votes: { harmless: 0, malicious: r.malicious > 0 ? 1 : 0 },
        type_description: r.type,
        unique_sources: 2,
        ...r.attributes,
      },
      id: r.sha256,
      links: { self: `${baseUrl}/api/v3/files/${r.sha256}` },
      type: 'file',
    },
  };
}

const v2Date = (unixS: number) => new Date(unixS * 1000).toISOString().slice(0, 19).replace('T', ' ');

export function v2ReportJson(r: VtFileRecord, resource: string) {
  const scans: Record<string, unknown> = {};
  for (const { engine, category, index } of engineVerdicts(r)) {
    if (category === 'type-unsupported' || category === 'timeout') continue;
    scans[engine] = {
      detected: category === 'malicious',
      version: `${1 + (index % 9)}.${index % 4}.${index}`,
      result: category === 'malicious' ? resultFor(r, category, index) : null,
      update: ymd(r.lastAnalysisDate),
    };
  }
  return {
    response_code: 1,
    verbose_msg: 'Scan finished, information embedded',
    resource,
    scan_id: `${r.sha256}-${r.lastAnalysisDate}`,
    md5: r.md5,
    sha1: r.sha1,
    sha256: r.sha256,
    scan_date: v2Date(r.lastAnalysisDate),
    permalink: `https://www.virustotal.com/file/${r.sha256}/analysis/${r.lastAnalysisDate}/`,
    positives: r.malicious,
    total: Object.keys(scans).length,
    scans,
  };
}

export const V2_NOT_FOUND = (resource: string) => ({
  response_code: 0,
  resource,
  verbose_msg: 'The requested resource is not among the finished, queued or pending scans',
});

const ERROR_CODES: Record<number, [string, string]> = {
  400: ['BadRequestError', 'Bad request'],
  401: ['WrongCredentialsError', 'Wrong API key'],
  403: ['ForbiddenError', 'You are not allowed to perform the requested operation'],
  404: ['NotFoundError', 'Resource not found'],
  409: ['AlreadyExistsError', 'The resource already exists'],
  424: ['FailedDependencyError', 'A dependency failed'],
  429: ['QuotaExceededError', 'Quota exceeded'],
  500: ['InternalError', 'An internal error occurred'],
  503: ['TransientError', 'Service temporarily unavailable, retry later'],
  504: ['DeadlineExceededError', 'The operation took too long to complete'],
};

export function errorJson(status: number, code?: string, message?: string) {
  const [dCode, dMessage] = ERROR_CODES[status] ?? ['Error', `HTTP ${status}`];
  return { error: { code: code ?? dCode, message: message ?? dMessage } };
}
