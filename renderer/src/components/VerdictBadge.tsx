// The verdict at a glance: "7/70" and the state in words (never colour alone), coloured by state. One vocabulary
// (shared/verdictWords.ts): the number is the engines that say malicious, out of those that gave a verdict.
import type { Verdict } from '../../../shared/contract';
import { STATE_LABELS, enginesSentence, ratioText, stateLabel } from '../../../shared/verdictWords';

export const RATIO_MEANING = 'N/M: N engines say malicious, of the M engines that gave a verdict';

/** "7/70", or null: none known, or a suspicious verdict with no malicious engine (0/70 would read as "no problem"). */
export function verdictRatio(verdict: Pick<Verdict, 'positives' | 'total' | 'state'>): string | null {
  if (verdict.state === 'suspicious' && verdict.positives === 0) return null;
  return ratioText(verdict.positives, verdict.total);
}

export function verdictTitle(verdict: Verdict): string {
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

/** `short` is kept for callers in narrow cells; the words are the same everywhere. */
export function VerdictBadge({ verdict }: { verdict: Verdict; short?: boolean }) {
  const ratio = verdictRatio(verdict);
  return (
    <span className={`badge badge--${verdict.state}`} title={verdictTitle(verdict)}>
      {verdict.state === 'pending' ? <span className="badge__spinner" aria-hidden="true" /> : null}
      {ratio && verdict.state !== 'pending' ? <span className="badge__ratio">{ratio}</span> : null}
      <span className="badge__label">{stateLabel(verdict.state, verdict.origin)}</span>
    </span>
  );
}
