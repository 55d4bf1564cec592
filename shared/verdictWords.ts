// One vocabulary for verdicts, everywhere (badges, filters, tiles, history, messages): the same words for a state,
// and one way to count. The number beside a verdict ("9/71") is always the engines that say *malicious* out of
// the engines that gave a verdict (malicious, suspicious, undetected, harmless); suspicious engines are counted
// apart. Pure.
import type { VerdictState } from './domain';

export const STATE_LABELS: Record<VerdictState, string> = {
  malicious: 'malicious',
  suspicious: 'suspicious',
  clean: 'clean',
  unknown: 'not on VirusTotal',
  pending: 'pending',
  error: 'error',
  skipped: 'skipped',
  'known-good': 'known good',
};

const PROVIDER_LABELS: Record<string, string> = {
  circl: 'CIRCL hashlookup',
  malwarebazaar: 'MalwareBazaar',
  allowlist: 'the allowlist',
  local: 'FIM Verdict',
};

/**
 * The state as it reads for the one who answered: the allowlist's known good is "allowlisted"; "unknown" from a
 * source other than VirusTotal is "not known to CIRCL hashlookup" (STATE_LABELS.unknown is VirusTotal's words).
 */
export function stateLabel(state: VerdictState, origin: string | null | undefined): string {
  if (state === 'known-good' && origin === 'allowlist') return 'allowlisted';
  if (state === 'unknown' && origin && PROVIDER_LABELS[origin]) return `not known to ${PROVIDER_LABELS[origin]}`;
  return STATE_LABELS[state];
}

/** "9/71" */
export function ratioText(positives: number | null, total: number | null): string | null {
  return positives == null || total == null ? null : `${positives}/${total}`;
}

/** "9 of 71 engines say malicious" (what "9/71" means, in words) */
export function enginesSentence(positives: number, total: number): string {
  return `${positives} of ${total} ${total === 1 ? 'engine says' : 'engines say'} malicious`;
}

/** "malicious: 9 of 71 engines say malicious", "not on VirusTotal" */
export function verdictInWords(v: { state: VerdictState; positives: number | null; total: number | null }): string {
  const label = STATE_LABELS[v.state];
  return v.positives == null || v.total == null ? label : `${label}: ${enginesSentence(v.positives, v.total)}`;
}

/** "1 file", "3 files" (a count and its noun, never "1 files") */
export function plural(count: number, one: string, many = `${one}s`, format: (n: number) => string = String): string {
  return `${format(count)} ${count === 1 ? one : many}`;
}
