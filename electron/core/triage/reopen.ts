// When a closed file (false positive, resolved) turns more malicious than the verdict it was closed on, it goes back
// to new, with the reason in words: more engines say malicious, it turned malicious or suspicious, or another
// provider says malicious now. Pure.
import { CLOSED_TRIAGE_STATES, type TriageState } from '../../../shared/triage';
import type { TriageBasis } from '../store/triageStore';

export interface CurrentVerdict {
  state: string;
  positives: number | null;
  origin: string | null;
}

const SEVERITY: Record<string, number> = { malicious: 2, suspicious: 1 };
const severity = (state: string | null) => (state ? (SEVERITY[state] ?? 0) : 0);
const who = (origin: string | null) => (origin === 'wazuh' ? "Wazuh's VirusTotal integration" : 'VirusTotal');

/** Why this closed file goes back to new (null: it stays as the analyst left it). */
export function reopenReason(triage: TriageState, basis: TriageBasis, now: CurrentVerdict): string | null {
  if (!CLOSED_TRIAGE_STATES.includes(triage)) return null;
  const was = severity(basis.state);
  const is = severity(now.state);
  if (is === 0) return null;
  if (is > was) return `reopened: ${who(now.origin)} says ${now.state} now (it was ${basis.state ?? 'not looked up'})`;
  if (now.positives !== null && basis.positives !== null && now.positives > basis.positives) {
    return `reopened: ${now.positives} engines say malicious now (${basis.positives} when it was closed)`;
  }
  if (now.state === 'malicious' && now.origin !== null && basis.origin !== null && now.origin !== basis.origin) {
    return `reopened: ${who(now.origin)} says malicious too (it was closed on ${who(basis.origin)}'s answer)`;
  }
  return null;
}
