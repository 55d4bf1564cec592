// The verdict rule, in one place: the state a file is in from its engines' counts and the analyst's threshold (for
// our own answers and for Wazuh's alike), how a free source's or the allowlist's opinion and the engines' answer
// make one verdict (decideVerdict), what a stored answer means as the Verdict every view shows, and the verdict of
// a file without an answer (pending, skipped). Pure: zod and nothing else.
import { z } from 'zod';
import { VERDICT_STATES, type VerdictState } from './domain';
import { permalinkFor } from './hashes';
import { PROVIDER_INFO, type ProviderName } from './providers';

const nonNegInt = z.number().int().min(0);
const isoTime = z.string(); // ISO 8601, UTC

export const VerdictStateSchema = z.enum(VERDICT_STATES);

/**
 * Who gave an answer: a provider we asked (VirusTotal, CIRCL hashlookup, MalwareBazaar), the allowlist, the app
 * itself ('local': the empty file), or Wazuh's own VirusTotal integration (an answer read from its alerts).
 */
export const ANSWER_ORIGINS = ['virustotal', 'wazuh', 'circl', 'malwarebazaar', 'allowlist', 'local'] as const;
export const AnswerOriginSchema = z.enum(ANSWER_ORIGINS);
export type AnswerOrigin = z.infer<typeof AnswerOriginSchema>;

export const VerdictSchema = z.object({
  state: VerdictStateSchema,
  positives: nonNegInt.nullable(),
  total: nonNegInt.nullable(),
  permalink: z.string().nullable(),
  scanDate: isoTime.nullable(),
  /** when this verdict was obtained (our request, or Wazuh's answer) */
  checkedAt: isoTime.nullable(),
  /** who decided the state (the provider, the allowlist, Wazuh's own integration) */
  origin: AnswerOriginSchema.nullable(),
  /** why the state is error or skipped, in words */
  reason: z.string().nullable(),
  /**
   * who decided and why, in one line: "known good: NSRL, Debian coreutils 9.1", "malicious: MalwareBazaar
   * AgentTesla; 61/72 on VirusTotal", "malicious: 7/70 on VirusTotal" (null without an answer). Always sent since
   * known-good came; optional for readers of older answers.
   */
  why: z.string().nullable().optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** The states of a file an answer put it in. */
export type AnsweredState = 'malicious' | 'suspicious' | 'clean' | 'unknown' | 'known-good';

/** The states the engines' counts give (VirusTotal's answer, or Wazuh's). */
export type EnginesState = Exclude<AnsweredState, 'known-good'>;

/** What an answer says, counted: the state, the engines that said malicious, the engines that gave a verdict. */
export interface CountedVerdict {
  state: AnsweredState;
  /** engines that said malicious */
  positives: number | null;
  /** engines that gave a verdict: malicious + suspicious + undetected + harmless (never the malicious count) */
  total: number | null;
}

/**
 * The state of a found file, one rule for every answer (ours and Wazuh's): malicious at `threshold` malicious
 * engines or more; below it, any malicious or suspicious engine makes it suspicious; else clean.
 */
export function stateOf(positives: number, suspicious: number, threshold: number): Exclude<EnginesState, 'unknown'> {
  const min = Math.max(1, Math.floor(threshold) || 1);
  if (positives >= min) return 'malicious';
  if (suspicious > 0 || positives > 0) return 'suspicious';
  return 'clean';
}

/** The engines' counts of a found file (VirusTotal's last_analysis_stats, v2 answers rebuilt in that shape). */
export interface EngineCounts {
  malicious: number;
  suspicious: number;
  undetected: number;
  harmless: number;
}

/** An answer from its engines' counts; null counts (not found) are unknown. */
export function verdictOfCounts(counts: EngineCounts | null, threshold: number): CountedVerdict {
  if (!counts) return { state: 'unknown', positives: null, total: null };
  const total = counts.malicious + counts.suspicious + counts.undetected + counts.harmless;
  return { state: stateOf(counts.malicious, counts.suspicious, threshold), positives: counts.malicious, total };
}

/**
 * An answer Wazuh's own integration gave (positives and total as it wrote them, no suspicious count): our threshold
 * decides, as for our own answers (Wazuh's own "malicious" flag means "at least one engine").
 */
export function verdictOfWazuhAnswer(
  found: boolean,
  positives: number | null,
  total: number | null,
  threshold: number,
): CountedVerdict {
  if (!found) return { state: 'unknown', positives: null, total: null };
  return { state: stateOf(positives ?? 0, 0, threshold), positives, total };
}

// ---- one verdict from several answers

/** A source's opinion about a file that is not an engine count: a free source, the allowlist, the app itself. */
export interface Opinion {
  provider: Exclude<ProviderName, 'virustotal'>;
  state: 'known-good' | 'malicious';
  /** its one line: "known good: NSRL, Windows 10 22H2", "malicious: MalwareBazaar AgentTesla" */
  why: string;
}

/** The engines' answer: VirusTotal's (ours), or Wazuh's own integration's. */
export interface EnginesAnswer {
  origin: 'virustotal' | 'wazuh';
  state: EnginesState;
  positives: number | null;
  total: number | null;
}

export interface Decided {
  state: AnsweredState;
  origin: AnswerOrigin;
  why: string;
}

/** "61/72 on VirusTotal", "not on VirusTotal" */
export function enginesPhrase(e: EnginesAnswer): string {
  if (e.state === 'unknown') return 'not on VirusTotal';
  if (e.positives === null || e.total === null) return `${e.state} on VirusTotal`;
  return `${e.positives}/${e.total} on VirusTotal`;
}

/**
 * The file's verdict from the opinion it has (the strongest the providers gave) and the engines' answer, each
 * possibly missing. The analyst's allowlist wins; then a malicious opinion (MalwareBazaar, a source CIRCL imports),
 * then the engines' malicious, then a known-good opinion, then the engines' answer. The why names the decider
 * first and adds the other part: "malicious: MalwareBazaar AgentTesla; 61/72 on VirusTotal".
 */
export function decideVerdict(opinion: Opinion | null, engines: EnginesAnswer | null): Decided | null {
  const enginesNote = engines ? `; ${enginesPhrase(engines)}` : '';
  if (opinion && (opinion.provider === 'allowlist' || opinion.state === 'malicious'))
    return { state: opinion.state, origin: opinion.provider, why: opinion.why + enginesNote };
  if (engines && (engines.state === 'malicious' || !opinion)) {
    const enginesWhy =
      engines.state === 'unknown' ? enginesPhrase(engines) : `${engines.state}: ${enginesPhrase(engines)}`;
    return { state: engines.state, origin: engines.origin, why: enginesWhy + (opinion ? `; ${opinion.why}` : '') };
  }
  if (opinion) return { state: opinion.state, origin: opinion.provider, why: opinion.why + enginesNote };
  return null;
}

/** The providers whose found answers are opinions, not engine counts. */
export function isOpinionOrigin(origin: string | null): origin is Opinion['provider'] {
  return origin !== null && origin !== 'virustotal' && origin !== 'wazuh' && origin in PROVIDER_INFO;
}

/** A file's current answer as it is stored (the files table, camelCase). */
export interface StoredVerdict {
  state: string;
  positives: number | null;
  total: number | null;
  scanDate: number | null;
  checkedAt: number | null;
  origin: string | null;
  reason: string | null;
  sha256: string | null;
  /** who decided and why, in one line (decideVerdict) */
  why?: string | null;
  /** the engines' own state (VirusTotal's or Wazuh's answer), whatever decided the file's state */
  enginesState?: string | null;
}

const FOUND_STATES = new Set(['clean', 'malicious', 'suspicious']);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The Verdict every view shows for a stored file (the Live table, the file page and the events agree). */
export function verdictOfStored(f: StoredVerdict): Verdict {
  // a permalink only where VirusTotal has a report to show (the engines found the file)
  const engines = f.enginesState !== undefined ? f.enginesState : isOpinionOrigin(f.origin) ? null : f.state;
  return {
    state: f.state as VerdictState,
    positives: f.positives,
    total: f.total,
    permalink: f.sha256 && engines !== null && FOUND_STATES.has(engines) ? permalinkFor(f.sha256) : null,
    scanDate: iso(f.scanDate),
    checkedAt: iso(f.checkedAt),
    origin: (f.origin as Verdict['origin']) ?? null,
    reason: f.reason,
    why: f.why ?? null,
  };
}

/** A verdict with no answer behind it (pending, skipped, ...): a state and maybe why. */
export function verdictWithoutAnswer(state: Verdict['state'], reason: string | null = null): Verdict {
  return {
    state,
    positives: null,
    total: null,
    permalink: null,
    scanDate: null,
    checkedAt: null,
    origin: null,
    reason,
    why: null,
  };
}
