// What the file page's history list and the History view show the same way for one answer.
import type { HistoryEntry, Verdict } from '../../../shared/contract';

/** An answer as a verdict (for VerdictBadge). */
export function verdictOfEntry(entry: HistoryEntry): Verdict {
  return {
    state: entry.state,
    positives: entry.positives,
    total: entry.total,
    permalink: entry.permalink,
    scanDate: entry.scanDate,
    checkedAt: entry.at,
    origin: entry.origin,
    reason: entry.error,
    why: entry.why ?? null,
  };
}

const ORIGIN_LABELS: Record<string, string> = {
  circl: 'CIRCL hashlookup',
  malwarebazaar: 'MalwareBazaar',
  allowlist: 'Allowlist',
  local: 'FIM Verdict',
};

/** Where the answer came from: our request (with the API version), Wazuh's own integration, or another provider. */
export function OriginTag({ entry, withApi = false }: { entry: HistoryEntry; withApi?: boolean }) {
  const other = ORIGIN_LABELS[entry.origin];
  if (other) return <span className={`tag tag--${entry.origin}`}>{other}</span>;
  return entry.origin === 'wazuh' ? (
    <span className="tag tag--wazuh">from Wazuh</span>
  ) : (
    <span className="tag">VirusTotal{withApi && entry.api ? ` ${entry.api}` : ''}</span>
  );
}
