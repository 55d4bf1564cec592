// A stored VirusTotal answer (the raw JSON body, v3 or v2) -> what VirusTotal's own page shows (shared/vtDetails.ts).
// Read when the file page is asked for, so answers stored before this existed show it too, with no new request.
// Nothing in the answer is trusted: every field is checked for its type, texts are cut to VT_DETAIL_LIMITS.text,
// lists to their limits, and anything of the wrong shape is left out (never an exception). Control characters are
// kept as they are: the views show them visibly (VisibleText), the JSON escapes them.
import { VT_DETAIL_LIMITS as LIMITS, type VtDetails } from '../../../shared/vtDetails';
import { parseV2Date } from './report';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string, cut to the text limit (by code points, so no surrogate pair is split). */
function text(v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  if (v.length <= LIMITS.text) return v;
  const points = Array.from(v);
  return points.length <= LIMITS.text ? v : `${points.slice(0, LIMITS.text - 1).join('')}…`;
}

function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.floor(v), 1e9) : null;
}

function isoFromUnix(v: unknown): string | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  // VirusTotal's dates are unix seconds; anything before 1990 or after 2200 is not a date
  if (!Number.isFinite(n) || n < 631_152_000 || n > 7_258_118_400) return null;
  return new Date(n * 1000).toISOString();
}

/** Distinct texts, in order, at most `max`; `total` counts every distinct one seen (up to a sane bound). */
function distinctTexts(values: unknown, max: number): { items: string[]; total: number } {
  const items: string[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(values)) return { items, total: 0 };
  for (const v of values.slice(0, 10_000)) {
    const t = text(v);
    if (t === null || seen.has(t)) continue;
    seen.add(t);
    if (items.length < max) items.push(t);
  }
  return { items, total: seen.size };
}

/** popular_threat_category / _name: [{value, count}] now, [[value, count]] in old answers; the most counted first. */
function threatValues(list: unknown): { value: string; count: number }[] {
  if (!Array.isArray(list)) return [];
  const out: { value: string; count: number }[] = [];
  for (const item of list.slice(0, 1000)) {
    let value: string | null = null;
    let n: number | null = null;
    if (isRecord(item)) {
      value = text(item.value);
      n = count(item.count);
    } else if (Array.isArray(item)) {
      value = text(item.find((x) => typeof x === 'string'));
      n = count(item.find((x) => typeof x === 'number'));
    }
    if (value !== null && !out.some((o) => o.value === value)) out.push({ value, count: n ?? 0 });
  }
  return out.sort((a, b) => b.count - a.count).slice(0, LIMITS.threatValues);
}

function threatOf(ptc: unknown): VtDetails['threat'] {
  if (!isRecord(ptc)) return null;
  const threat = {
    label: text(ptc.suggested_threat_label),
    categories: threatValues(ptc.popular_threat_category),
    families: threatValues(ptc.popular_threat_name),
  };
  return threat.label || threat.categories.length || threat.families.length ? threat : null;
}

function signatureOf(info: unknown): VtDetails['signature'] {
  if (!isRecord(info)) return null;
  const chain = typeof info.signers === 'string' ? info.signers.split(';').map((s) => s.trim()) : [];
  const details = Array.isArray(info['signers details']) ? info['signers details'].filter(isRecord) : [];
  const signers = distinctTexts(chain.length ? chain : details.map((d) => d.name), LIMITS.signers).items;
  const signature = {
    verified: text(info.verified),
    signers,
    signerStatus: details.length ? text(details[0].status) : null,
    signingDate: text(info['signing date']),
    product: text(info.product),
  };
  return signature.verified || signers.length ? signature : null;
}

function sandboxesOf(verdicts: unknown): VtDetails['sandboxes'] {
  if (!isRecord(verdicts)) return [];
  const out: VtDetails['sandboxes'] = [];
  for (const [key, v] of Object.entries(verdicts)) {
    if (out.length >= LIMITS.sandboxes) break;
    if (!isRecord(v)) continue;
    const sandbox = text(v.sandbox_name) ?? text(key);
    if (!sandbox) continue;
    const confidence = count(v.confidence);
    out.push({
      sandbox,
      category: text(v.category),
      confidence: confidence === null ? null : Math.min(confidence, 100),
      classifications: distinctTexts(v.malware_classification, LIMITS.sandboxValues).items,
      malwareNames: distinctTexts(v.malware_names, LIMITS.sandboxValues).items,
    });
  }
  return out;
}

function yaraOf(results: unknown): { yara: VtDetails['yara']; yaraTotal: number } {
  const yara: VtDetails['yara'] = [];
  let yaraTotal = 0;
  if (!Array.isArray(results)) return { yara, yaraTotal };
  for (const r of results.slice(0, 10_000)) {
    if (!isRecord(r)) continue;
    const rule = text(r.rule_name);
    if (!rule) continue;
    const ruleset = text(r.ruleset_name);
    if (yara.some((y) => y.rule === rule && y.ruleset === ruleset)) continue;
    yaraTotal += 1;
    if (yara.length < LIMITS.yaraRules) yara.push({ rule, ruleset, author: text(r.author), source: text(r.source) });
  }
  return { yara, yaraTotal };
}

function countsOf(stats: unknown): VtDetails['counts'] | null {
  if (!isRecord(stats)) return null;
  const pick = (...keys: string[]) => keys.map((k) => count(stats[k])).find((n) => n !== null) ?? 0;
  return {
    malicious: pick('malicious'),
    suspicious: pick('suspicious'),
    undetected: pick('undetected'),
    harmless: pick('harmless'),
    timeout: pick('timeout') + pick('confirmed-timeout', 'confirmed_timeout'),
    failure: pick('failure'),
    typeUnsupported: pick('type-unsupported', 'type_unsupported'),
  };
}

const withVerdict = (c: VtDetails['counts']) => c.malicious + c.suspicious + c.undetected + c.harmless;

/** When the answer was received, and now: the answer's age. */
export interface AnswerTime {
  answeredAtMs: number;
  nowMs: number;
}

function timing(t: AnswerTime): Pick<VtDetails, 'answeredAt' | 'answerAgeSeconds'> {
  return {
    answeredAt: new Date(t.answeredAtMs).toISOString(),
    answerAgeSeconds: Math.max(0, Math.floor((t.nowMs - t.answeredAtMs) / 1000)),
  };
}

function fromV3(json: Rec, t: AnswerTime): VtDetails | null {
  const data = json.data;
  if (!isRecord(data) || !isRecord(data.attributes)) return null;
  const a = data.attributes;
  const counts = countsOf(a.last_analysis_stats);
  if (!counts) return null;
  const names = distinctTexts([a.meaningful_name, ...(Array.isArray(a.names) ? a.names : [])], LIMITS.names);
  const votes = isRecord(a.total_votes) ? a.total_votes : null;
  const reputation = typeof a.reputation === 'number' && Number.isFinite(a.reputation) ? a.reputation : null;
  return {
    api: 'v3',
    counts,
    enginesWithVerdict: withVerdict(counts),
    threat: threatOf(a.popular_threat_classification),
    signature: signatureOf(a.signature_info),
    firstSubmission: isoFromUnix(a.first_submission_date),
    lastSubmission: isoFromUnix(a.last_submission_date),
    lastAnalysis: isoFromUnix(a.last_analysis_date),
    ...timing(t),
    names: names.items,
    namesTotal: names.total,
    tags: distinctTexts(a.tags, LIMITS.tags).items,
    reputation,
    timesSubmitted: count(a.times_submitted),
    votes: votes ? { harmless: count(votes.harmless) ?? 0, malicious: count(votes.malicious) ?? 0 } : null,
    sandboxes: sandboxesOf(a.sandbox_verdicts),
    ...yaraOf(a.crowdsourced_yara_results),
  };
}

/** v2 file/report: positives and total only (no suspicious count, no names, no threat classification). */
function fromV2(json: Rec, t: AnswerTime): VtDetails | null {
  if (json.response_code !== 1) return null;
  const positives = count(json.positives);
  const total = count(json.total);
  if (positives === null || total === null) return null;
  const counts = { ...ZERO, malicious: positives, undetected: Math.max(0, total - positives) };
  const scanMs = parseV2Date(json.scan_date);
  return {
    ...EMPTY,
    api: 'v2',
    counts,
    enginesWithVerdict: withVerdict(counts),
    lastAnalysis: scanMs === null ? null : new Date(scanMs).toISOString(),
    ...timing(t),
  };
}

const ZERO: VtDetails['counts'] = {
  malicious: 0,
  suspicious: 0,
  undetected: 0,
  harmless: 0,
  timeout: 0,
  failure: 0,
  typeUnsupported: 0,
};
const EMPTY: Omit<VtDetails, 'api' | 'counts' | 'enginesWithVerdict' | 'answeredAt' | 'answerAgeSeconds'> = {
  threat: null,
  signature: null,
  firstSubmission: null,
  lastSubmission: null,
  lastAnalysis: null,
  names: [],
  namesTotal: 0,
  tags: [],
  reputation: null,
  timesSubmitted: null,
  votes: null,
  sandboxes: [],
  yara: [],
  yaraTotal: 0,
};

/** The raw body of a found answer -> its details; null when it is not a found file report (or not JSON at all). */
export function vtDetailsOf(raw: string, time: AnswerTime): VtDetails | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(json)) return null;
  return 'data' in json ? fromV3(json, time) : fromV2(json, time);
}
