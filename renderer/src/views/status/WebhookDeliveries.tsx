// Diagnostics: the outgoing webhook, where it posts (the address without its path: a Slack URL's path is its
// secret), its counts, and every recent delivery with its tries and the last failure.
import type { ApiOutput } from '../../../../shared/contract';
import { DataTable } from '../../components/DataTable';
import { countOf } from '../../components/format';
import { Time } from '../../components/Time';
import { VisibleText } from '../../components/VisibleText';

type Webhook = ApiOutput<'getDiagnostics'>['webhook'];

const KIND: Record<string, string> = { malicious: 'turned malicious', triage: 'triage change' };

export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  return (
    <section aria-labelledby="diag-webhook">
      <h3 id="diag-webhook">Webhook</h3>
      {webhook.configured ? (
        <p>
          Posting to <code className="mono">{webhook.target}</code> ({webhook.format === 'slack' ? 'Slack' : 'JSON'}
          ): {countOf(webhook.delivered, 'delivery', 'deliveries')} delivered, {countOf(webhook.pending, 'waiting')}{' '}
          {webhook.pending === 1 ? 'is' : 'are'} waiting, {formatFailed(webhook.failed)}.
        </p>
      ) : (
        <p className="muted">
          No webhook URL is set
          {webhook.pending ? ` (${countOf(webhook.pending, 'delivery', 'deliveries')} waiting for one)` : ''}. Set it in
          the desktop app’s Settings or with --webhook.
        </p>
      )}
      {webhook.recent.length ? (
        <DataTable
          label="Webhook deliveries"
          columns={['Queued', 'What', 'File', 'Status', { label: 'Tries', className: 'num' }, 'Last answer']}
        >
          {webhook.recent.map((r) => (
            <tr key={r.id} data-delivery={r.id}>
              <td className="nowrap">
                <Time value={r.createdAt} />
              </td>
              <td>{KIND[r.kind] ?? r.kind}</td>
              <td className="mono-soft cell-clip">{r.sha256 ?? '–'}</td>
              <td>
                {r.status === 'delivered' ? (
                  <>
                    delivered <Time value={r.deliveredAt} />
                  </>
                ) : r.status === 'pending' ? (
                  <>
                    waiting
                    {r.nextAttemptAt ? (
                      <>
                        {' '}
                        · next try <Time value={r.nextAttemptAt} />
                      </>
                    ) : null}
                  </>
                ) : (
                  <strong className="diag-failed">failed</strong>
                )}
              </td>
              <td className="num">{r.attempts}</td>
              <td>
                {r.httpStatus !== null ? `HTTP ${r.httpStatus}` : r.attempts ? 'no answer' : '–'}
                {r.error ? (
                  <span className="muted">
                    {' '}
                    · {r.status === 'delivered' ? 'earlier: ' : ''}
                    <VisibleText text={r.error} />
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

const formatFailed = (n: number) => `${countOf(n, 'failed')}`;
