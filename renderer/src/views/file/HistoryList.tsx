// Every answer about this file, newest first; the ones imported from Wazuh's own alerts are marked.
import type { HistoryEntry } from '../../../../shared/contract';
import { OriginTag, verdictOfEntry } from '../../components/HistoryCells';
import { reasonText } from '../../components/reasons';
import { Time } from '../../components/Time';
import { VerdictBadge } from '../../components/VerdictBadge';
import { DataTable } from '../../components/DataTable';
import { VisibleText } from '../../components/VisibleText';

/** Another provider's one line ("known good: NSRL, ..."); VirusTotal's counts are in the verdict already. */
const providerWhy = (entry: HistoryEntry): string | null =>
  entry.origin === 'virustotal' || entry.origin === 'wazuh' ? null : (entry.why ?? null);

export function HistoryList({ history }: { history: HistoryEntry[] }) {
  if (history.length === 0) return <p className="muted">No answer yet: the file is waiting for its look-up.</p>;
  return (
    <DataTable label="History of answers" columns={['Answered', 'Source', 'Verdict', 'Scan date', 'Note']}>
      {history.map((entry) => (
        <tr key={entry.id}>
          <td>
            <Time value={entry.at} />
          </td>
          <td>
            <OriginTag entry={entry} withApi />
          </td>
          <td>
            <VerdictBadge verdict={verdictOfEntry(entry)} />
          </td>
          <td>
            <Time value={entry.scanDate} />
          </td>
          <td className="muted">
            <VisibleText
              text={
                entry.error ??
                [providerWhy(entry), reasonText(entry.reason)].filter((t) => t !== null && t !== '').join(' · ')
              }
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
