// The Diagnostics panel: recent parse errors (source, byte offset, reason, excerpt), sources, VirusTotal, database.
import type { ApiOutput, DatabaseCheck } from '../../../../shared/contract';
import { useApi } from '../../api/ApiProvider';
import { ErrorNote } from '../../components/ErrorNote';
import { countOf, formatBytes, formatCount } from '../../components/format';
import { Modal } from '../../components/Modal';
import { Time } from '../../components/Time';
import { useQuery } from '../../hooks/useQuery';
import { DataTable } from '../../components/DataTable';
import { VisibleText, visible } from '../../components/VisibleText';
import { WebhookDeliveries } from './WebhookDeliveries';

const VT_STATE: Record<string, string> = {
  ok: 'Working',
  'no-key': 'No API key',
  credentials: 'Check credentials',
  'rate-limited': 'Rate-limited',
  offline: 'Offline',
};

function Diagnostics() {
  const api = useApi();
  const query = useQuery('diagnostics', () => api.getDiagnostics({}));
  const d = query.data;
  if (!d)
    return query.error ? <ErrorNote error={query.error} onRetry={query.reload} /> : <p className="muted">Loading…</p>;
  return (
    <div className="diagnostics">
      <div className="button-row">
        <button type="button" className="button button--small" onClick={query.reload}>
          Refresh
        </button>
      </div>
      {d.notices.length > 0 ? (
        <section aria-labelledby="diag-notices">
          <h3 id="diag-notices">Needs your attention</h3>
          <ul>
            {d.notices.map((n) => (
              <li key={n}>
                <VisibleText text={n} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="diag-vt">
        <h3 id="diag-vt">VirusTotal</h3>
        <p>
          {VT_STATE[d.vtStatus]}
          {d.vtStatusMessage && d.vtStatusMessage !== 'ready' ? `: ${d.vtStatusMessage}` : ''}
        </p>
        {d.lastVtError ? (
          <p className="muted">
            Last error: <VisibleText text={d.lastVtError} />
          </p>
        ) : null}
      </section>
      <section aria-labelledby="diag-sources">
        <h3 id="diag-sources">Sources</h3>
        {d.sources.length === 0 ? <p className="muted">No source.</p> : null}
        <ul className="diag-sources">
          {d.sources.map((s) => (
            <li key={s.id}>
              <code className="mono">
                <VisibleText text={s.path} />
              </code>{' '}
              ({s.state.replace('-', ' ')})
              {s.state === 'following' ? null : (
                <div className="diag-message">
                  <VisibleText text={s.message} />
                </div>
              )}
              <span className="muted small">
                {' '}
                · offset {formatCount(s.offset)}
                {s.size !== null ? ` of ${formatCount(s.size)}` : ''} bytes · {countOf(s.errors, 'unreadable line')} ·{' '}
                {countOf(s.oversizeLines, 'line')} over 1 MiB
              </span>
              {s.pendingBytes > 0 ? (
                <div className="diag-message">
                  {countOf(s.pendingBytes, 'byte')} after the offset {s.pendingBytes === 1 ? 'is' : 'are'} held, waiting
                  for the end of an alert (
                  {s.format === 'log'
                    ? 'the next alert or a blank line; a whole alert is taken after 3 s without growth'
                    : 'the end of its line'}
                  )
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="diag-errors">
        <h3 id="diag-errors">Recent parse errors</h3>
        {d.parseErrors.length === 0 ? (
          <p className="muted">None: every line read so far parsed.</p>
        ) : (
          <DataTable
            label="Recent parse errors"
            columns={['When', 'Source', { label: 'Byte offset', className: 'num' }, 'Reason', 'Excerpt']}
          >
            {d.parseErrors.map((e, i) => (
              <tr key={`${e.sourcePath}:${e.offset}:${i}`}>
                <td className="nowrap">
                  <Time value={e.at} />
                </td>
                <td className="mono-soft cell-clip" title={visible(e.sourcePath)}>
                  <VisibleText text={e.sourcePath} />
                </td>
                <td className="num">{formatCount(e.offset)}</td>
                <td>
                  <VisibleText text={e.reason} />
                </td>
                <td>
                  <code className="excerpt">
                    <VisibleText text={e.excerpt} />
                  </code>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <WebhookDeliveries webhook={d.webhook} />
      <section aria-labelledby="diag-db">
        <h3 id="diag-db">Database</h3>
        <p>
          {formatBytes(d.database.sizeBytes)} · {countOf(d.database.alerts, 'FIM alert')} ·{' '}
          {countOf(d.database.files, 'file')} · {countOf(d.database.lookups, 'answer')}
        </p>
        <p className={d.databaseCheck.state === 'damaged' ? 'diag-damaged' : undefined} data-testid="database-check">
          {checkWords(d.databaseCheck)}
        </p>
        <p data-testid="retention">{retentionText(d.retention)}</p>
        <p className="muted">
          Data directory:{' '}
          <code className="mono">
            <VisibleText text={d.dataDir} />
          </code>
        </p>
      </section>
    </div>
  );
}

/** The whole-file check in one sentence: when, why, and what it found. */
function checkWords(c: DatabaseCheck): string {
  const when = c.when === 'at-start' ? 'at start' : 'in the background';
  switch (c.state) {
    case 'running':
      return `Integrity check: running ${when} (${c.reason}).`;
    case 'ok':
      return `Integrity check: passed ${when} (${c.reason}).`;
    case 'damaged':
      return `Integrity check: the database is damaged (${c.message ?? 'no detail'}). Restart FIM Verdict to move it aside and rebuild it.`;
    case 'failed':
      return `Integrity check: could not run ${when} (${c.message ?? 'no detail'}); it runs at the next start.`;
  }
}

/** The retention rules in words, and what they remove next (files, verdicts and history always stay). */
function retentionText(r: ApiOutput<'getDiagnostics'>['retention']): string {
  const rules = [
    r.days === null ? null : `alerts older than ${countOf(r.days, 'day')}`,
    r.maxGB === null ? null : `the oldest alerts while the database uses more than ${r.maxGB} GB`,
  ].filter((x) => x !== null);
  if (rules.length === 0) return 'Retention: every alert is kept (Settings → Retention).';
  const next =
    r.nextAlerts === 0 || r.before === null
      ? 'nothing to remove now'
      : `next: ${countOf(r.nextAlerts, 'alert')}${r.reason === 'size' ? ' (about)' : ''} older than ${new Date(r.before).toLocaleString()}`;
  return `Retention removes ${rules.join(' and ')}; ${next}. ${formatBytes(r.usedBytes)} in use. Files, verdicts and history are kept.`;
}

export function DiagnosticsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal title="Diagnostics" open={open} onClose={onClose} className="modal--wide">
      <Diagnostics />
    </Modal>
  );
}
