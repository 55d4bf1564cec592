// An alert's id (always) and its links into the analyst's Wazuh dashboard (when its address is set).
import type { AlertItem } from '../../../../shared/contract';
import { alertLinks } from '../../../../shared/wazuhDashboard';
import { VisibleText } from '../../components/VisibleText';
import { WazuhLinks } from './WazuhLinks';

interface Props {
  alert: Pick<AlertItem, 'alertId' | 'epochMs'>;
  /** the dashboard's address (the settings'), null: no links */
  dashboard: string | null;
}

export function WazuhAlertCell({ alert, dashboard }: Props) {
  return (
    <span className="wazuh-alert">
      <span className="mono">
        <VisibleText text={alert.alertId} />
      </span>{' '}
      <WazuhLinks links={alertLinks(dashboard, alert)} what={`alert ${alert.alertId}`} />
    </span>
  );
}
