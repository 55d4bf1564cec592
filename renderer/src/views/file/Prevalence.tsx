// Where this file is: each agent that has it, with its paths and times, and the file's alerts in the Wazuh dashboard.
import type { FilePlace } from '../../../../shared/triage';
import { hashLinks } from '../../../../shared/wazuhDashboard';
import { countOf, formatCount, toMs } from '../../components/format';
import { Time } from '../../components/Time';
import { VisibleText } from '../../components/VisibleText';
import { PathText } from '../live/AlertRow';
import { useWazuhDashboard, WazuhLinks } from './WazuhLinks';

interface Props {
  places: FilePlace[];
  hashes: { sha256: string | null; sha1: string | null; md5: string | null };
}

export function Prevalence({ places, hashes }: Props) {
  const dashboard = useWazuhDashboard();
  const firstSeen = places.reduce<number | null>((min, p) => {
    const t = toMs(p.firstSeen);
    return t !== null && (min === null || t < min) ? t : min;
  }, null);
  const links = hashLinks(dashboard, hashes, firstSeen);
  if (places.length === 0) return <p className="muted">No agent has reported this file: it was looked up by hand.</p>;
  return (
    <>
      <p className="section-tools">
        On {countOf(places.length, 'agent')}
        {links ? (
          <>
            {' · '}every alert of this file in Wazuh: <WazuhLinks links={links} what="this file's alerts" />
          </>
        ) : null}
      </p>
      <table className="places" aria-label="Agents that have this file">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Paths</th>
            <th scope="col">Alerts</th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {places.map((p) => (
            <tr key={`${p.agent.id}|${p.agent.name}`}>
              <td>
                <VisibleText text={p.agent.name ?? p.agent.id ?? '–'} />
                {p.agent.id && p.agent.name ? <span className="muted"> ({p.agent.id})</span> : null}
              </td>
              <td>
                <ul>
                  {p.paths.map((path) => (
                    <li key={path.path}>
                      <PathText path={path.path} />{' '}
                      <span className="muted">
                        {countOf(path.alerts, 'alert')}, last <Time value={path.lastSeen} />
                      </span>
                    </li>
                  ))}
                </ul>
              </td>
              <td>{formatCount(p.alerts)}</td>
              <td>
                <Time value={p.firstSeen} />
              </td>
              <td>
                <Time value={p.lastSeen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
