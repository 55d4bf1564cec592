// The verdict rule, in one place: the state a file is in from its engines' counts and the analyst's threshold (for
// our own answers and for Wazuh's alike), what a stored answer means as the Verdict every view shows, and the
// verdict of a file without an answer (pending, skipped). Pure: zod and nothing else.
import { z } from 'zod';
import { VERDICT_STATES, type VerdictState } from './domain';
import { permalinkFor } from './hashes';

const nonNegInt = z.number().int().min(0);
const isoTime = z.string(); // ISO 8601, UTC

export const VerdictStateSchema = z.enum(VERDICT_STATES);

export const VerdictSchema = z.object({
  state: VerdictStateSchema,
  positives: nonNegInt.nullable(),
  total: nonNegInt.nullable(),
  permalink: z.string().nullable(),
  scanDate: isoTime.nullable(),
  /** when this verdict was obtained (our request, or Wazuh's answer) */
  checkedAt: isoTime.nullable(),
  origin: z.enum(['virustotal', 'wazuh']).nullable(),
  /** why the state is error or skipped, in words */
  reason: z.string().nullable(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** The states of a file an answer put it in. */
export type AnsweredState = 'malicious' | 'suspicious' | 'clean' | 'unknown';

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
export function stateOf(positives: number, suspicious: number, threshold: number): Exclude<AnsweredState, 'unknown'> {
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
}

const FOUND_STATES = new Set(['clean', 'malicious', 'suspicious']);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The Verdict every view shows for a stored file (the Live table, the file page and the events agree). */
export function verdictOfStored(f: StoredVerdict): Verdict {
  return {
    state: f.state as VerdictState,
    positives: f.positives,
    total: f.total,
    // a permalink only where VirusTotal has a report to show
    permalink: f.sha256 && FOUND_STATES.has(f.state) ? permalinkFor(f.sha256) : null,
    scanDate: iso(f.scanDate),
    checkedAt: iso(f.checkedAt),
    origin: (f.origin as Verdict['origin']) ?? null,
    reason: f.reason,
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
  };
}
