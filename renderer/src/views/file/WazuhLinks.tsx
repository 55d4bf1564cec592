// Links into the analyst's Wazuh dashboard (its address is a setting): an alert or a file's hashes in Threat
// Hunting and in Discover. In a browser they open in a new tab. The desktop app opens only VirusTotal's pages in
// the browser (electron/main/externalLinks.ts), so there each link is copied instead.
import { useApi, useTransport } from '../../api/ApiProvider';
import { CopyButton } from '../../components/CopyButton';
import { useQuery } from '../../hooks/useQuery';
import type { WazuhLinks as Links } from '../../../../shared/wazuhDashboard';

/** The Wazuh dashboard's address from the settings (null: not set). */
export function useWazuhDashboard(): string | null {
  const api = useApi();
  return useQuery('settings:wazuh-dashboard', () => api.getSettings({})).data?.wazuhDashboardUrl ?? null;
}

export function WazuhLinks({ links, what }: { links: Links | null; what: string }) {
  const transport = useTransport();
  if (!links) return null;
  if (transport === 'ipc') {
    return (
      <span className="wazuh-links">
        <CopyButton value={links.threatHunting} label={`Copy the Threat Hunting link of ${what}`} />
        <CopyButton value={links.discover} label={`Copy the Discover link of ${what}`} />
      </span>
    );
  }
  return (
    <span className="wazuh-links">
      <a href={links.threatHunting} target="_blank" rel="noreferrer" aria-label={`${what} in Wazuh Threat Hunting`}>
        Threat Hunting ↗
      </a>
      <a href={links.discover} target="_blank" rel="noreferrer" aria-label={`${what} in Wazuh Discover`}>
        Discover ↗
      </a>
    </span>
  );
}
