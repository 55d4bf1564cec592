// Verdicts back into Wazuh 5: the manager's queue-http.sock (where the app posts what it knows as events of the
// manager: read-only in a browser, set in the desktop app or with --wazuh-socket), and the output's status beside it
// (the same status /api/stats carries and Diagnostics tells of).
import type { WazuhQueueStatus } from '../../../../shared/contract';
import { Field } from '../../components/Field';
import { formatCount } from '../../components/format';
import { VisibleText } from '../../components/VisibleText';
import { useEngine } from '../../store/StoreProvider';
import type { SectionProps } from './sectionProps';

function statusWords(q: WazuhQueueStatus): string {
  const parts = [`${formatCount(q.sent)} sent`, `${formatCount(q.pending)} waiting`];
  if (q.setAside > 0) parts.push(`${formatCount(q.setAside)} refused by Wazuh`);
  return `${q.message} (${parts.join(', ')})`;
}

export function WazuhSocketField({ form, errors, set, locked }: SectionProps & { locked: boolean }) {
  const status = useEngine((s) => s.stats?.wazuhQueue ?? null);
  return (
    <>
      <Field
        label="Wazuh 5 queue socket"
        error={errors.wazuhSocket}
        hint={
          locked
            ? 'Set with --wazuh-socket when FIM Verdict starts, or in the desktop app: the app posts what it knows there as events of your Wazuh manager, so a browser cannot choose it.'
            : 'Wazuh 5’s queue-http.sock: each alert’s verdict is posted there as an event for your rules. The socket may be absent now (the verdicts wait in the database until it is there). Empty: off.'
        }
      >
        {(props) => (
          <input
            {...props}
            readOnly={locked}
            spellCheck={false}
            placeholder="/var/wazuh-manager/queue/sockets/queue-http.sock"
            value={form.wazuhSocket}
            onChange={(e) => set('wazuhSocket', e.target.value)}
          />
        )}
      </Field>
      {status ? (
        <p className="muted" role="status" aria-label="Wazuh 5 queue status">
          Posting to <VisibleText text={status.socket} />: {statusWords(status)}
          {status.lastSetAside ? (
            <>
              {' '}
              Last refused: <VisibleText text={status.lastSetAside} />
            </>
          ) : null}
        </p>
      ) : null}
    </>
  );
}
