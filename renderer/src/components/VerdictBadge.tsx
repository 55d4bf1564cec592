// The verdict at a glance: "7/70" and the state in words (never colour alone), coloured by state. One vocabulary
// (shared/verdictWords.ts): the number is the engines that say malicious, out of those that gave a verdict.
import type { Verdict } from '../../../shared/contract';
import { stateLabel, verdictRatio, verdictTitle } from '../../../shared/verdictWords';

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
