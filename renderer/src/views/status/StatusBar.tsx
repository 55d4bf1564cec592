// View 6, always visible: each source's state, VirusTotal's state, the queue, and the Diagnostics panel.
import type { SourceStatus, Stats } from '../../../../shared/contract';
import { useConnection, useTransport } from '../../api/ApiProvider';
import { PROVIDER_INFO } from '../../../../shared/providerInfo';
import { countOf, formatClock, formatCount, formatUtc, toMs } from '../../components/format';
import { hrefFor } from '../../hooks/useRoute';
import { useEngine } from '../../store/StoreProvider';
import './status.css';
import { VisibleText, visible } from '../../components/VisibleText';

const SHOWN_SOURCES = 2;

function sourceText(source: SourceStatus): string {
  // an indexer whose certificate is not checked is said to be insecure wherever it is shown
  const insecure = source.indexer?.insecure ? 'INSECURE ' : '';
  if (source.message.includes(source.followedPath) || source.message.includes(source.path))
    return `${insecure}${source.message}`;
  const name = source.path.split(/[\\/]/).filter(Boolean).pop() ?? source.path;
  return `${insecure}${name}: ${source.message}`;
}

function Sources({ sources }: { sources: readonly SourceStatus[] }) {
  if (sources.length === 0) {
    return (
      <a href={hrefFor.settings('sources')} className="status-chip status-chip--warn">
        No alert source: add one
      </a>
    );
  }
  const shown = sources.slice(0, SHOWN_SOURCES);
  return (
    <>
      {shown.map((source) => (
        <span
          key={source.id}
          className={`status-chip status-chip--${source.state}`}
          title={`${visible(source.path)}\n${visible(source.message)}`}
        >
          <span className={`state-dot state-dot--${source.state}`} aria-hidden="true" />
          <span className="status-chip__text">
            <VisibleText text={sourceText(source)} />
          </span>
        </span>
      ))}
      {sources.length > SHOWN_SOURCES ? (
        <a
          href={hrefFor.settings('sources')}
          className="status-chip"
          title={sources
            .slice(SHOWN_SOURCES)
            .map((s) => visible(sourceText(s)))
            .join('\n')}
        >
          +{sources.length - SHOWN_SOURCES} more
        </a>
      ) : null}
    </>
  );
}

function At({ iso }: { iso: string | null }) {
  const ms = toMs(iso);
  if (ms === null) return null;
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatUtc(ms)}>
      {formatClock(ms)}
    </time>
  );
}

function VirusTotal({ stats }: { stats: Stats }) {
  const { vtStatus, vtStatusMessage, vtResumesAt } = stats;
  switch (vtStatus) {
    case 'ok':
      return <span className="status-chip status-chip--ok">VirusTotal: ok</span>;
    case 'no-key':
      return (
        <span className="status-chip status-chip--warn">
          VirusTotal: no key{' '}
          <a className="button button--small" href={hrefFor.settings('virustotal')}>
            Add a key in Settings
          </a>
        </span>
      );
    case 'credentials':
      return (
        <span className="status-chip status-chip--error" title={vtStatusMessage}>
          VirusTotal: Check credentials{' '}
          <a className="button button--small" href={hrefFor.settings('virustotal')}>
            Settings
          </a>
        </span>
      );
    case 'rate-limited':
      return (
        <span className="status-chip status-chip--warn" title={vtStatusMessage}>
          VirusTotal: rate-limited{vtResumesAt ? ' until ' : ''}
          <At iso={vtResumesAt} />
        </span>
      );
    case 'offline':
      return (
        <span className="status-chip status-chip--error" title={vtStatusMessage}>
          VirusTotal: offline{vtResumesAt ? ', next try at ' : ''}
          <At iso={vtResumesAt} />
        </span>
      );
    case 'off':
      return (
        <span className="status-chip status-chip--warn" title={vtStatusMessage}>
          VirusTotal: off
        </span>
      );
  }
}

const CHIP: Record<string, string> = {
  ok: 'ok',
  'no-key': 'warn',
  'rate-limited': 'warn',
  credentials: 'error',
  offline: 'error',
};
const STATUS_WORDS: Record<string, string> = {
  ok: 'ok',
  'no-key': 'no key',
  'rate-limited': 'rate-limited',
  credentials: 'Check credentials',
  offline: 'offline',
};

/** The free sources switched on (CIRCL hashlookup, MalwareBazaar): their state, and how many requests they sent. */
function FreeSources({ stats }: { stats: Stats }) {
  const on = (stats.providers ?? []).filter(
    (p) => (p.name === 'circl' || p.name === 'malwarebazaar') && p.status !== 'off',
  );
  return (
    <>
      {on.map((p) => (
        <span
          key={p.name}
          className={`status-chip status-chip--${CHIP[p.status] ?? 'warn'}`}
          title={`${p.statusMessage} · ${countOf(p.requests, 'request')} · ${countOf(p.hits, 'file')} found`}
        >
          {PROVIDER_INFO[p.name].label}: {STATUS_WORDS[p.status] ?? p.status}
        </span>
      ))}
    </>
  );
}

export function StatusBar({ onDiagnostics }: { onDiagnostics: () => void }) {
  const stats = useEngine((s) => s.stats);
  const error = useEngine((s) => s.statsError);
  const sources = useEngine((s) => s.sources);
  const link = useConnection();
  const transport = useTransport();
  return (
    <footer
      className={`statusbar${transport === 'http' && link.state === 'reconnecting' ? ' is-stale' : ''}`}
      aria-label="Status"
    >
      <div className="statusbar__group statusbar__sources" role="status" aria-label="Alert sources">
        {stats && sources ? (
          <Sources sources={sources} />
        ) : (
          <span className="muted">{error ? 'No status' : 'Starting…'}</span>
        )}
      </div>
      <div className="statusbar__group" role="status" aria-label="Reputation sources">
        {stats ? <FreeSources stats={stats} /> : null}
      </div>
      <div className="statusbar__group" role="status" aria-label="VirusTotal status">
        {stats ? <VirusTotal stats={stats} /> : null}
      </div>
      <div className="statusbar__group statusbar__queue" aria-label="Queue">
        {stats ? (
          <span title="Files waiting for a look-up">
            Queue: <span className="num">{formatCount(stats.queue)}</span> {stats.queue === 1 ? 'file' : 'files'}
          </span>
        ) : null}
      </div>
      {transport === 'http' && link.state !== 'open' ? (
        <div className="statusbar__group" role="status" aria-label="Connection">
          <span className="status-chip status-chip--warn">
            {link.state === 'connecting' ? 'Connecting…' : 'Reconnecting to the FIM Verdict server…'}
          </span>
        </div>
      ) : null}
      <button type="button" className="button button--small statusbar__diag" onClick={onDiagnostics}>
        Diagnostics
        {stats && stats.parseErrors > 0 ? <span className="count-badge">{formatCount(stats.parseErrors)}</span> : null}
      </button>
    </footer>
  );
}
