// Every alert of this file, across agents and paths.
import type { AlertItem } from '../../../../shared/contract';
import { formatCount } from '../../components/format';
import { Time } from '../../components/Time';
import { PathText } from '../live/AlertRow';
import { EventTag } from '../../components/EventTag';
import { DataTable } from '../../components/DataTable';
import { VisibleText, visible } from '../../components/VisibleText';
import { WazuhAlertCell } from './WazuhAlertCell';
import { useWazuhDashboard } from './WazuhLinks';

export function FileAlerts({ alerts, total }: { alerts: AlertItem[]; total: number }) {
  const dashboard = useWazuhDashboard();
  if (alerts.length === 0) return <p className="muted">No alert carried this file: it was looked up by hand.</p>;
  const agents = new Set(alerts.map((a) => a.agent.name ?? a.agent.id)).size;
  const paths = new Set(alerts.map((a) => a.path)).size;
  return (
    <>
      <p className="section-tools">
        {formatCount(total)} {total === 1 ? 'alert' : 'alerts'} on {formatCount(agents)}{' '}
        {agents === 1 ? 'agent' : 'agents'}, {formatCount(paths)} {paths === 1 ? 'path' : 'paths'}
        {total > alerts.length ? ` (the newest ${formatCount(alerts.length)} shown)` : ''}
      </p>
      <DataTable
        label="Alerts of this file"
        className="file-alerts-table"
        columns={['Time', 'Agent', 'Event', 'Path', 'Rule', 'Wazuh alert']}
      >
        {alerts.map((alert) => (
          <tr key={alert.id}>
            <td className="nowrap">
              <Time value={alert.epochMs} />
            </td>
            <td>
              <VisibleText text={alert.agent.name ?? alert.agent.id ?? '–'} />
            </td>
            <td>
              <EventTag event={alert.event} />
            </td>
            <td className="cell-path">
              <PathText path={alert.path} />
            </td>
            <td title={visible(alert.rule.description)}>
              {alert.rule.id} <span className="muted">(level {alert.rule.level})</span>
            </td>
            <td>
              <WazuhAlertCell alert={alert} dashboard={dashboard} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
