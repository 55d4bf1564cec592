// When a closed file (false positive, resolved) turns more malicious than the verdict it was closed on, it goes back
// to new, with the reason in words: more engines say malicious, it turned malicious or suspicious, or a provider
// other than the one the decision was based on says malicious now. Pure.
import { CLOSED_TRIAGE_STATES, type TriageState } from '../../../shared/triage';
import { PROVIDER_INFO, type ProviderName } from '../../../shared/providers';
import type { TriageBasis } from '../store/triageStore';

export interface CurrentVerdict {
  state: string;
  /** the engines' malicious count (VirusTotal's or Wazuh's), whoever decided the state */
  positives: number | null;
  /** who decided the state (files.origin): an engines' source, a provider's opinion, the allowlist, the app */
  origin: string | null;
  /** the engines' own state, when it is known apart from the decision */
  enginesState?: string | null;
  /** a provider's opinion (MalwareBazaar, CIRCL hashlookup, the allowlist), when the file has one */
  opinion?: { provider: string; state: string } | null;
}

const SEVERITY: Record<string, number> = { malicious: 2, suspicious: 1 };
const severity = (state: string | null) => (state ? (SEVERITY[state] ?? 0) : 0);
const ENGINES_ORIGINS = new Set(['virustotal', 'wazuh']);

/** A provider named for the analyst: "MalwareBazaar", "Wazuh's VirusTotal integration", "the allowlist". */
export function providerWords(origin: string | null): string {
  if (origin === 'wazuh') return "Wazuh's VirusTotal integration";
  if (origin === 'allowlist') return 'the allowlist';
  if (origin && origin in PROVIDER_INFO) return PROVIDER_INFO[origin as ProviderName].label;
  return 'VirusTotal';
}
const stateWords = (state: string | null) => (state === null ? 'not looked up' : state.replace('-', ' '));

/**
 * The engines saying malicious now behind a decision they did not make (a provider's opinion decided), when they
 * did not when the file was closed: the basis then had no malicious count (a rise of the count is said on its own).
 */
function enginesNewlyMalicious(basis: TriageBasis, now: CurrentVerdict): boolean {
  if (now.enginesState !== 'malicious' || now.origin === null || ENGINES_ORIGINS.has(now.origin)) return false;
  if (basis.origin !== null && ENGINES_ORIGINS.has(basis.origin)) return false;
  return basis.positives === null || basis.positives === 0;
}

/** Why this closed file goes back to new (null: it stays as the analyst left it). */
export function reopenReason(triage: TriageState, basis: TriageBasis, now: CurrentVerdict): string | null {
  if (!CLOSED_TRIAGE_STATES.includes(triage)) return null;
  const was = severity(basis.state);
  const is = severity(now.state);
  if (is === 0) return null;
  if (is > was) {
    return `reopened: ${providerWords(now.origin)} says ${now.state} now (it was ${stateWords(basis.state)})`;
  }
  if (now.positives !== null && basis.positives !== null && now.positives > basis.positives) {
    return `reopened: ${now.positives} engines say malicious now (${basis.positives} when it was closed)`;
  }
  if (now.state !== 'malicious' || basis.origin === null) return null;
  const closedOn = `it was closed on ${providerWords(basis.origin)}'s answer`;
  // the provider that decides now is not the one the file was closed on
  if (now.origin !== null && now.origin !== basis.origin) {
    return `reopened: ${providerWords(now.origin)} says malicious too (${closedOn})`;
  }
  // the decision's provider is the same, but the engines behind it say malicious now
  if (enginesNewlyMalicious(basis, now)) {
    const engines = now.positives !== null ? `VirusTotal (${now.positives} engines)` : 'VirusTotal';
    return `reopened: ${engines} says malicious too (${closedOn})`;
  }
  return null;
}
