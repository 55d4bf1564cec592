// An indexer source's part of its row in Settings → Sources: the last event's time and the lag, its warnings
// (insecure, plain http), where its credentials come from, a new password (a 401 stops it until then), and the
// Wazuh 5 FIM inventory sweep with its progress.
import { useState, type FormEvent } from 'react';
import type { SourceStatus, SweepJob } from '../../../../shared/contract';
import { errorMessage } from '../../api/errors';
import { ProgressBar } from '../../components/ProgressBar';
import { countOf, formatCount } from '../../components/format';
import { VisibleText } from '../../components/VisibleText';
import { useEngine, useEngineStore } from '../../store/StoreProvider';

function lagWords(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s behind`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min behind`;
  return `${Math.round(ms / 3_600_000)} h behind`;
}

export function SweepProgress({ job }: { job: SweepJob }) {
  return (
    <div className="sweep-job">
      <ProgressBar
        label="FIM inventory sweep"
        value={job.state === 'running' ? job.filesRead : 1}
        max={job.state === 'running' ? Math.max(1, job.filesTotal ?? job.filesRead) : 1}
        text={`${job.state === 'running' ? '' : `${job.state} · `}${formatCount(job.filesRead)} of ${
          job.filesTotal === null ? '?' : countOf(job.filesTotal, 'file')
        } · ${countOf(job.uniqueHashes, 'unique hash', 'unique hashes')} · ${formatCount(job.alreadyKnown)} known · ${formatCount(
          job.alreadyQueued,
        )} waiting already · ${formatCount(job.queued)} queued`}
      />
      <p className="muted small">
        <VisibleText text={job.message} />
      </p>
    </div>
  );
}

function PasswordForm({ source }: { source: SourceStatus }) {
  const store = useEngineStore();
  const [password, setPassword] = useState('');
  const [username, setUsername] = useState(source.indexer?.username ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError('type the password');
    setBusy(true);
    setError(null);
    try {
      await store.updateIndexerSource({
        id: source.id,
        password,
        ...(username.trim() ? { username: username.trim() } : {}),
      } as never);
      setPassword('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="indexer-password" onSubmit={submit} aria-label="Indexer credentials">
      <label className="toolbar__field">
        <span>User</span>
        <input value={username} autoComplete="username" onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="toolbar__field">
        <span>Password</span>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--small" disabled={busy}>
        {busy ? 'Saving…' : 'Save and reconnect'}
      </button>
      {error ? <p className="field__error">{error}</p> : null}
    </form>
  );
}

export function IndexerSourceDetails({ source }: { source: SourceStatus }) {
  const store = useEngineStore();
  const sweeps = useEngine((s) => s.stats?.sweeps);
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const ix = source.indexer;
  if (!ix) return null;
  const sweep = sweeps?.find((j) => j.sourceId === source.id);
  const credentialsProblem = ix.status.problem === 'credentials' || ix.status.stoppedUntilCredentialsChange;
  const startSweep = async () => {
    setError(null);
    try {
      await store.startSweep(source.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="indexer-details">
      <p className="muted small">
        {ix.versionFound ? `Wazuh ${ix.versionFound}` : 'Wazuh version not known yet'} · user{' '}
        {ix.username ? <VisibleText text={ix.username} /> : '(none)'}
        {ix.credentialsFrom === 'env' ? ' (WAZUH_INDEXER_USER/PASSWORD)' : ''} ·{' '}
        {ix.trust.kind === 'ca-file' ? (
          <>
            CA file <VisibleText text={ix.trust.path} />
          </>
        ) : ix.trust.kind === 'system' ? (
          'system certificates'
        ) : (
          'any certificate accepted'
        )}
        {' · '}
        {ix.lastEventAt ? (
          <>
            last event <time dateTime={ix.lastEventAt}>{new Date(ix.lastEventAt).toLocaleString()}</time>{' '}
            {lagWords(ix.lagMs)}
          </>
        ) : (
          'no event yet'
        )}
        {` · every ${ix.pollSeconds} s, re-reading ${Math.round(ix.overlapSeconds / 60)} min`}
      </p>
      {ix.warnings.map((w) => (
        <p key={w} className="indexer-warning">
          ⚠ <VisibleText text={w} />
        </p>
      ))}
      {credentialsProblem || changing ? (
        <PasswordForm source={source} />
      ) : (
        <button type="button" className="button button--small button--ghost" onClick={() => setChanging(true)}>
          Change password
        </button>
      )}
      {ix.versionFound === 5 ? (
        <button
          type="button"
          className="button button--small"
          onClick={startSweep}
          disabled={sweep?.state === 'running'}
        >
          Sweep the FIM inventory
        </button>
      ) : null}
      {error ? <p className="field__error">{error}</p> : null}
      {sweep ? <SweepProgress job={sweep} /> : null}
    </div>
  );
}
