// A file's triage state as a small tag ("New", "False positive"), with who and when in its tooltip.
import './triage.css';
import type { Triage } from '../../../shared/triage';
import { TRIAGE_LABELS } from '../../../shared/triageWords';
import { visible } from './VisibleText';

export function triageTitle(t: Triage): string {
  if (!t.by || !t.at) return 'Nobody has triaged this file yet';
  const note = t.note ? `: ${visible(t.note)}` : '';
  return `${TRIAGE_LABELS[t.state]} by ${visible(t.by)}, ${new Date(t.at).toLocaleString()}${note}`;
}

export function TriageBadge({ triage }: { triage: Triage }) {
  return (
    <span className={`triage-tag triage-tag--${triage.state}`} title={triageTitle(triage)}>
      {TRIAGE_LABELS[triage.state]}
    </span>
  );
}
