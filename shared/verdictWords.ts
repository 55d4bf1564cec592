// One vocabulary for verdicts, everywhere (badges, filters, tiles, history, messages): the same words for a state,
// and one way to count. The number beside a verdict ("9/71") is always the engines that say *malicious* out of
// the engines that gave a verdict (malicious, suspicious, undetected, harmless); suspicious engines are counted
// apart. Pure.
import type { VerdictState } from './domain';

/** What a badge's words need of a verdict (the contract's Verdict has these and more). */
export interface VerdictLike {
  state: VerdictState;
  positives: number | null;
  total: number | null;
  origin?: string | null;
  why?: string | null;
  reason?: string | null;
}

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

/**
 * "8 malicious, 1 suspicious of 71 engines": the malicious and suspicious engines apart, out of the engines that
 * gave a verdict. Suspicious is named only when some engine says it, so a suspicious file never reads "0/70".
 */
export function countsSentence(malicious: number, suspicious: number, total: number): string {
  const parts = [`${malicious} malicious`];
  if (suspicious > 0) parts.push(`${suspicious} suspicious`);
  return `${parts.join(', ')} of ${total} ${total === 1 ? 'engine' : 'engines'}`;
}

/** "just now", "5 minutes", "3 days", "2 years": how old something is, in the largest whole unit */
export function ageWords(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return 'just now';
  const units: [number, string][] = [
    [365 * 86_400, 'year'],
    [30 * 86_400, 'month'],
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) if (s >= size) return plural(Math.floor(s / size), unit);
  return 'just now';
}

export const RATIO_MEANING = 'N/M: N engines say malicious, of the M engines that gave a verdict';

/** "7/70", or null: none known, or a suspicious verdict with no malicious engine (0/70 would read as "no problem"). */
export function verdictRatio(verdict: Pick<VerdictLike, 'positives' | 'total' | 'state'>): string | null {
  if (verdict.state === 'suspicious' && verdict.positives === 0) return null;
  return ratioText(verdict.positives, verdict.total);
}

export function verdictTitle(verdict: VerdictLike): string {
  // who decided and why, in one line ("known good: NSRL, Debian coreutils 9.1-1"), when another source did
  if (verdict.why && verdict.origin && verdict.origin !== 'virustotal' && verdict.origin !== 'wazuh')
    return verdict.why;
  switch (verdict.state) {
    case 'unknown':
      return `${STATE_LABELS.unknown}: VirusTotal has no report for this hash`;
    case 'pending':
      return 'Waiting for its turn in the VirusTotal quota';
    case 'error':
    case 'skipped':
      return verdict.reason ?? verdict.state;
    default: {
      if (verdict.positives === null || verdict.total === null) return STATE_LABELS[verdict.state];
      const sentence = enginesSentence(verdict.positives, verdict.total);
      return verdict.state === 'suspicious' && verdict.positives === 0
        ? `${sentence}; some say suspicious`
        : `${STATE_LABELS[verdict.state]}: ${sentence}`;
    }
  }
}
