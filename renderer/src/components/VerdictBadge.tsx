// The verdict at a glance: "7/70" and the state in words (never colour alone), coloured by state.
import type { Verdict } from '../../../shared/contract';

const LABELS: Record<Verdict['state'], string> = {
  malicious: 'malicious',
  suspicious: 'suspicious',
  clean: 'clean',
  unknown: 'not on VirusTotal',
  pending: 'pending',
  error: 'error',
  skipped: 'skipped',
};

const SHORT_LABELS: Record<Verdict['state'], string> = { ...LABELS, unknown: 'unknown' };

export function verdictRatio(verdict: Pick<Verdict, 'positives' | 'total'>): string | null {
  if (verdict.positives == null || verdict.total == null) return null;
  return `${verdict.positives}/${verdict.total}`;
}

export function verdictTitle(verdict: Verdict): string {
  switch (verdict.state) {
    case 'unknown':
      return 'VirusTotal has no record of this file';
    case 'pending':
      return 'Waiting for its turn in the VirusTotal quota';
    case 'error':
    case 'skipped':
      return verdict.reason ?? verdict.state;
    default: {
      const ratio = verdictRatio(verdict);
      return ratio ? `${ratio} engines say malicious` : verdict.state;
    }
  }
}

export function VerdictBadge({ verdict, short = false }: { verdict: Verdict; short?: boolean }) {
  const ratio = verdictRatio(verdict);
  const label = (short ? SHORT_LABELS : LABELS)[verdict.state];
  return (
    <span className={`badge badge--${verdict.state}`} title={verdictTitle(verdict)}>
      {verdict.state === 'pending' ? <span className="badge__spinner" aria-hidden="true" /> : null}
      {ratio && verdict.state !== 'pending' ? <span className="badge__ratio">{ratio}</span> : null}
      <span className="badge__label">{label}</span>
    </span>
  );
}
