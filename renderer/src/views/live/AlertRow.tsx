import { memo } from 'react';
import type { AlertItem, Verdict } from '../../../../shared/contract';
import { bestHash, shortHash } from '../../../../shared/hashes';
import { EventTag } from '../../components/EventTag';
import { Time } from '../../components/Time';
import { VerdictBadge } from '../../components/VerdictBadge';
import { VtLink } from '../../components/VtLink';
import { VisibleText, visible } from '../../components/VisibleText';
import { hrefFor } from '../../hooks/useRoute';

export const COLUMNS = ['Time', 'Agent', 'Event', 'Path', 'Hash', 'Verdict', 'VirusTotal'] as const;

/** "/var/www/html/" + "shell.php": the folder may be cut short, the file name stays readable */
export function PathText({ path }: { path: string }) {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
  return (
    <span className="path" title={visible(path)}>
      <span className="path__dir">
        <VisibleText text={path.slice(0, cut)} />
      </span>
      <span className="path__name">
        <VisibleText text={path.slice(cut)} />
      </span>
    </span>
  );
}

interface AlertRowProps {
  row: AlertItem;
  verdict: Verdict;
  index: number;
  active: boolean;
  focusable: boolean;
  /** its file is in the selection (every row of a selected file shows it) */
  selected: boolean;
}

export const AlertRow = memo(function AlertRow({ row, verdict, index, active, focusable, selected }: AlertRowProps) {
  const hash = bestHash(row);
  const short = shortHash(hash);
  const agent = row.agent.name ?? row.agent.id ?? '–';
  return (
    <tr
      className={`alert-row alert-row--${verdict.state}${active ? ' is-active' : ''}${selected ? ' is-selected' : ''}`}
      data-index={index}
      data-id={row.id}
      data-alert-id={row.alertId}
      data-hash={hash ?? undefined}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
    >
      <td className="col-time">
        <Time value={row.epochMs} />
      </td>
      <td className="col-agent" title={visible(row.agent.ip ? `${agent} (${row.agent.ip})` : agent)}>
        <VisibleText text={agent} />
      </td>
      <td className="col-event">
        <EventTag event={row.event} />
      </td>
      <td className="col-path">
        <PathText path={row.path} />
      </td>
      <td className="col-hash">
        {hash ? (
          <a className="mono" href={hrefFor.file(hash)} tabIndex={active ? 0 : -1} title={hash}>
            {short}
          </a>
        ) : (
          <span className="muted">no hash</span>
        )}
      </td>
      <td className="col-verdict">
        <VerdictBadge verdict={verdict} short />
      </td>
      <td className="col-virustotal">
        {verdict.permalink ? (
          <VtLink
            href={verdict.permalink}
            compact
            tabIndex={active ? 0 : -1}
            aria-label={`Open ${short} on VirusTotal`}
          >
            <span className="vt-word">VirusTotal </span>
            <span aria-hidden="true">↗</span>
          </VtLink>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
    </tr>
  );
});

export function LoadingRow({ index }: { index: number }) {
  return (
    <tr className="alert-row alert-row--loading" data-index={index} aria-rowindex={index + 2} aria-busy="true">
      <td colSpan={COLUMNS.length}>
        <span className="skeleton" />
        <span className="visually-hidden">Loading…</span>
      </td>
    </tr>
  );
}
