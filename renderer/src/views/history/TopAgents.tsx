import type { ApiOutput } from '../../../../shared/contract';
import { formatCount } from '../../components/format';
import { DataTable } from '../../components/DataTable';
import { VisibleText } from '../../components/VisibleText';

type Agent = ApiOutput<'historySummary'>['topAgents'][number];

/** The agents with the most malicious files. */
export function TopAgents({ agents }: { agents: Agent[] }) {
  if (agents.length === 0) return <p className="muted">No agent has had a malicious file in this period.</p>;
  return (
    <DataTable
      label="Agents with the most malicious files"
      columns={['Agent', { label: 'Malicious files', className: 'num' }]}
      wrapClassName={null}
    >
      {agents.map((agent) => (
        <tr key={`${agent.agentId}|${agent.agentName}`}>
          <th scope="row">
            <VisibleText text={agent.agentName ?? agent.agentId ?? 'unknown agent'} />
            {agent.agentId && agent.agentName ? (
              <span className="muted">
                {' '}
                (<VisibleText text={agent.agentId} />)
              </span>
            ) : null}
          </th>
          <td className="num">{formatCount(agent.maliciousFiles)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
