// Every answer about this file, newest first; the ones imported from Wazuh's own alerts are marked.
import type { HistoryEntry } from '../../../../shared/contract';
import { OriginTag, verdictOfEntry } from '../../components/HistoryCells';
import { reasonText } from '../../components/reasons';
import { Time } from '../../components/Time';
import { VerdictBadge } from '../../components/VerdictBadge';

export function HistoryList({ history }: { history: HistoryEntry[] }) {
  if (history.length === 0) return <p className="muted">No answer yet: the file is waiting for its look-up.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label="History of answers">
        <thead>
          <tr>
            <th scope="col">Answered</th>
            <th scope="col">Source</th>
            <th scope="col">Verdict</th>
            <th scope="col">Scan date</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
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
              <td className="muted">{entry.error ?? reasonText(entry.reason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
