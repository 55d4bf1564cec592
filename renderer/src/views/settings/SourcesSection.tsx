// Alert sources: their state, add (path, from the start or the end), remove, and backfill for folders.
import { useEffect, useState, type FormEvent } from 'react';
import type { BackfillJob, SourceStatus } from '../../../../shared/contract';
import { errorMessage, fieldErrors } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { countOf, formatBytes } from '../../components/format';
import { platform } from '../../platform';
import { useEngine, useEngineStore } from '../../store/StoreProvider';
import { BackfillForm, BackfillProgress } from './BackfillForm';
import { VisibleText, visible } from '../../components/VisibleText';

const STATE_TEXT: Record<SourceStatus['state'], string> = {
  starting: 'starting',
  'catching-up': 'catching up',
  following: 'following',
  waiting: 'waiting',
  'permission-denied': 'permission denied',
  error: 'error',
  stopped: 'stopped',
  unrecognized: 'not Wazuh alerts',
};

function SourceRow({ source, job }: { source: SourceStatus; job: BackfillJob | undefined }) {
  const store = useEngineStore();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    try {
      await store.removeSource(source.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <li className={`source source--${source.state}`}>
      <div className="source__head">
        <span className={`state-dot state-dot--${source.state}`} aria-hidden="true" />
        <code className="mono source__path">
          <VisibleText text={source.path} />
        </code>
        <span className="tag">{source.kind === 'folder' ? 'folder' : (source.format ?? 'file')}</span>
        <span className="source__state">{STATE_TEXT[source.state]}</span>
        {confirming ? (
          <span className="confirm">
            Stop following it?{' '}
            <button type="button" className="button button--small button--danger" onClick={remove}>
              Remove
            </button>{' '}
            <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button button--small button--ghost"
            aria-label={`Remove source ${visible(source.path)}`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        )}
      </div>
      {source.state === 'following' || source.state === 'catching-up' ? null : (
        <p className="source__message">
          <VisibleText text={source.message} />
        </p>
      )}
      <p className="muted small">
        {source.kind === 'folder' ? (
          <>
            follows <VisibleText text={source.followedPath} /> ·{' '}
          </>
        ) : null}
        {formatBytes(source.bytesRead)} read · {countOf(source.alertsRead, 'alert')} ·{' '}
        {countOf(source.fimEvents, 'FIM event')} · {countOf(source.errors, 'unreadable line')}
        {source.fromEnd ? ' · started from the end' : ''}
      </p>
      {error ? <p className="field__error">{error}</p> : null}
      {source.kind === 'folder' ? <BackfillForm sourceId={source.id} path={source.path} /> : null}
      {job ? <BackfillProgress job={job} /> : null}
    </li>
  );
}

function AddSource() {
  const store = useEngineStore();
  const [path, setPath] = useState('');
  const [fromEnd, setFromEnd] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) {
      setError('a path is needed');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await store.addSource({ path: path.trim(), fromEnd });
      setPath('');
    } catch (e) {
      setError(fieldErrors(e).path ?? errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const browse = async (kind: 'file' | 'folder') => {
    const picked = await platform.pickPath?.(kind);
    if (picked) setPath(picked);
  };

  return (
    <form className="add-source" onSubmit={submit} aria-label="Add a source">
      <Field
        label="Source path"
        error={error ?? undefined}
        hint="alerts.json or alerts.log, or a manager's logs/alerts folder (then a date range can be backfilled)."
      >
        {(props) => (
          <div className="input-with-buttons">
            <input
              {...props}
              spellCheck={false}
              placeholder="/var/ossec/logs/alerts/alerts.json"
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
            {platform.pickPath ? (
              <>
                <button type="button" className="button" onClick={() => browse('file')}>
                  Choose file…
                </button>
                <button type="button" className="button" onClick={() => browse('folder')}>
                  Choose folder…
                </button>
              </>
            ) : null}
          </div>
        )}
      </Field>
      <fieldset className="radio-group radio-group--inline">
        <legend>Read</legend>
        <label className="radio">
          <input type="radio" name="from" checked={!fromEnd} onChange={() => setFromEnd(false)} />
          <span>from the start (alerts.json holds one day)</span>
        </label>
        <label className="radio">
          <input type="radio" name="from" checked={fromEnd} onChange={() => setFromEnd(true)} />
          <span>only new alerts (from the end)</span>
        </label>
      </fieldset>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add source'}
      </button>
    </form>
  );
}

export function SourcesSection() {
  const store = useEngineStore();
  const sources = useEngine((s) => s.sources);
  const error = useEngine((s) => s.sourcesError);
  const jobs = useEngine((s) => s.backfills);
  // read when shown (events keep them current; the store reads them again after a reconnection)
  useEffect(() => {
    store.loadSources();
    store.loadBackfills();
  }, [store]);

  const latestJob = (sourceId: number) => {
    let latest: BackfillJob | undefined;
    for (const job of jobs.values()) if (job.sourceId === sourceId && (!latest || job.id > latest.id)) latest = job;
    return latest;
  };

  return (
    <section className="card settings-section" id="settings-sources" aria-labelledby="s-sources" tabIndex={-1}>
      <h2 id="s-sources">Alert sources</h2>
      <ErrorNote error={error} onRetry={() => store.loadSources()} />
      {sources && sources.length === 0 ? (
        <p className="note">No source yet: add alerts.json or a manager&apos;s logs/alerts folder.</p>
      ) : null}
      <ul className="sources">
        {(sources ?? []).map((source) => (
          <SourceRow key={source.id} source={source} job={latestJob(source.id)} />
        ))}
      </ul>
      <AddSource />
    </section>
  );
}
