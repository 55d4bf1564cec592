import type { HistoryEntry } from '../../../../shared/contract';
import { bestHash, shortHash } from '../../../../shared/hashes';
import { OriginTag, verdictOfEntry } from '../../components/HistoryCells';
import { reasonText } from '../../components/reasons';
import { Time } from '../../components/Time';
import { VerdictBadge } from '../../components/VerdictBadge';
import { hrefFor } from '../../hooks/useRoute';
import { DataTable } from '../../components/DataTable';
import { VisibleText } from '../../components/VisibleText';
import { PathText } from '../live/AlertRow';

/** One page of answers. */
export function HistoryTable({ items }: { items: HistoryEntry[] }) {
  return (
    <DataTable
      label="History"
      className="history-table"
      columns={['Answered', 'File', 'Source', 'Verdict', 'Scan date', 'Note']}
    >
      {items.map((entry) => {
        const hash = bestHash(entry);
        return (
          <tr key={entry.id}>
            <td className="nowrap">
              <Time value={entry.at} />
            </td>
            <td className="cell-file">
              {hash ? (
                <a className="file-link" href={hrefFor.file(hash)} title={hash}>
                  <span className="file-link__name">
                    {entry.name ? <PathText path={entry.name} /> : 'unnamed file'}
                  </span>
                  <span className="mono file-link__hash">{shortHash(hash)}</span>
                </a>
              ) : (
                <VisibleText text={entry.name ?? '–'} />
              )}
            </td>
            <td>
              <OriginTag entry={entry} />
            </td>
            <td>
              <VerdictBadge short verdict={verdictOfEntry(entry)} />
            </td>
            <td className="nowrap">
              <Time value={entry.scanDate} />
            </td>
            <td className="muted">
              <VisibleText text={entry.error ?? reasonText(entry.reason)} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
