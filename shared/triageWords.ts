// The analyst's triage states, their labels and limits. Plain data, apart from shared/triage.ts's zod schemas
// (which re-exports all of it), so that the renderer's start, whose tables show triage tags, does not build them.

export const TRIAGE_STATES = ['new', 'acknowledged', 'false-positive', 'escalated', 'resolved'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

/** States that close a file: a file in one of them that turns more malicious goes back to new. */
export const CLOSED_TRIAGE_STATES: readonly TriageState[] = ['false-positive', 'resolved'];

export const TRIAGE_LIMITS = {
  /** characters of a note */
  noteLength: 2000,
  /** characters of the analyst's name */
  nameLength: 100,
  /** files one request may triage */
  hashes: 1000,
} as const;

export const TRIAGE_LABELS: Record<TriageState, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  'false-positive': 'False positive',
  escalated: 'Escalated',
  resolved: 'Resolved',
};

/** What is wrong with an analyst's name once trimmed (empty, too long), or null: the one rule, shared/triage.ts's
 *  AnalystName schema applies it on the engine's side. */
export function analystNameProblem(trimmed: string): string | null {
  if (trimmed.length < 1) return 'the name is empty';
  if (trimmed.length > TRIAGE_LIMITS.nameLength) return `a name has at most ${TRIAGE_LIMITS.nameLength} characters`;
  return null;
}
