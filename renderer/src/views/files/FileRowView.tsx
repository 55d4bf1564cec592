// One row of the Files view: select box, name and path, verdict and who gave it, triage, agents, alerts, first and
// last seen, and the time from the first alert to the first verdict.
import { memo } from 'react';
import { bestHash, shortHash } from '../../../../shared/hashes';
import { PROVIDER_INFO, type ProviderName } from '../../../../shared/providerInfo';
import type { FileRow } from '../../../../shared/triage';
import { formatCount } from '../../components/format';
import { Time } from '../../components/Time';
import { TriageBadge } from '../../components/TriageBadge';
import { VerdictBadge } from '../../components/VerdictBadge';
import { VisibleText, visible } from '../../components/VisibleText';
import { hrefFor } from '../../hooks/useRoute';

export const FILE_COLUMNS = [
  { key: 'select', label: 'Select', sort: null },
  { key: 'name', label: 'File', sort: 'name' },
  { key: 'verdict', label: 'Verdict', sort: 'verdict' },
  { key: 'provider', label: 'By', sort: 'provider' },
  { key: 'triage', label: 'Triage', sort: 'triage' },
  { key: 'agents', label: 'Agents', sort: 'agents' },
  { key: 'alerts', label: 'Alerts', sort: 'alerts' },
  { key: 'first', label: 'First seen', sort: 'first' },
  { key: 'last', label: 'Last seen', sort: 'last' },
  { key: 'ttv', label: 'To verdict', sort: 'ttv' },
] as const;

/** "4 s", "3 min", "2 h 5 min", "3 d" */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/** who decided, as the analyst reads it: every provider by its name (Wazuh's own integration: "Wazuh") */
const providerLabel = (origin: string) =>
  origin === 'wazuh' ? 'Wazuh' : (PROVIDER_INFO[origin as ProviderName]?.label ?? origin);

interface Props {
  row: FileRow;
  index: number;
  selected: boolean;
  active: boolean;
  focusable: boolean;
}

export const FileRowView = memo(function FileRowView({ row, index, selected, active, focusable }: Props) {
  const hash = bestHash(row) ?? '';
  const name = row.names[0] ?? shortHash(hash);
  const path = row.paths[0] ?? null;
  return (
    <tr
      className={`file-row alert-row alert-row--${row.verdict.state}${active ? ' is-active' : ''}${selected ? ' is-selected' : ''}`}
      data-index={index}
      data-hash={hash}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
    >
      <td className="col-select">
        <input
          type="checkbox"
          checked={selected}
          readOnly
          tabIndex={-1}
          aria-label={`Select ${visible(name)}`}
          data-select={index}
        />
      </td>
      <td className="col-name" title={visible([...row.names.slice(0, 3), ...row.paths].join('\n'))}>
        <a href={hrefFor.file(hash)} tabIndex={active ? 0 : -1} className="file-row__name">
          <VisibleText text={name} />
        </a>
        {path ? (
          <span className="file-row__path muted">
            <VisibleText text={path} />
            {row.pathsTotal > 1 ? ` +${row.pathsTotal - 1}` : ''}
          </span>
        ) : null}
      </td>
      <td className="col-verdict">
        <VerdictBadge verdict={row.verdict} short />
      </td>
      <td className="col-provider">{row.provider ? providerLabel(row.provider) : '–'}</td>
      <td className="col-triage">
        <TriageBadge triage={row.triage} />
      </td>
      <td className="col-agents">{formatCount(row.agents)}</td>
      <td className="col-alerts">{formatCount(row.alerts)}</td>
      <td className="col-first">
        <Time value={row.firstSeen} />
      </td>
      <td className="col-last">
        <Time value={row.lastSeen} />
      </td>
      <td className="col-ttv">{formatDuration(row.timeToVerdictMs)}</td>
    </tr>
  );
});
