// Import the dated ossec-alerts files of a date range from a folder source, with a progress bar.
import { useState, type FormEvent } from 'react';
import type { BackfillJob } from '../../../../shared/contract';
import { useEngineStore } from '../../store/StoreProvider';
import { errorMessage, fieldErrors } from '../../api/errors';
import { ProgressBar } from '../../components/ProgressBar';
import { countOf, formatBytes, formatCount, localDay } from '../../components/format';
import { VisibleText, visible } from '../../components/VisibleText';

export function BackfillProgress({ job }: { job: BackfillJob }) {
  const byBytes = job.bytesTotal > 0;
  return (
    <div className="backfill-job">
      <ProgressBar
        label={`Backfill ${job.from} to ${job.to}`}
        value={job.state === 'running' ? (byBytes ? job.bytesDone : job.filesDone) : 1}
        max={job.state === 'running' ? (byBytes ? job.bytesTotal : Math.max(1, job.filesTotal)) : 1}
        text={`${job.state === 'running' ? '' : `${job.state} · `}${formatCount(job.filesDone)} of ${countOf(job.filesTotal, 'file')}${
          byBytes ? ` · ${formatBytes(job.bytesDone)} of ${formatBytes(job.bytesTotal)}` : ''
        } · ${countOf(job.fimEvents, 'FIM event')}`}
      />
      <p className="muted small">
        {job.from} to {job.to}
        {job.currentFile && job.state === 'running' ? (
          <>
            {' '}
            · reading <VisibleText text={job.currentFile} />
          </>
        ) : null}
        {job.message ? (
          <>
            {' '}
            · <VisibleText text={job.message} />
          </>
        ) : null}
      </p>
    </div>
  );
}

export function BackfillForm({ sourceId, path }: { sourceId: number; path: string }) {
  const store = useEngineStore();
  const [today] = useState(() => localDay(new Date()));
  const [from, setFrom] = useState(() => localDay(new Date(Date.now() - 7 * 86_400_000)));
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (from > to) {
      setError({ message: 'The first day comes after the last one.', fields: { from: 'after the last day' } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await store.startBackfill({ id: sourceId, from, to });
    } catch (e) {
      setError({ message: errorMessage(e), fields: fieldErrors(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="backfill-form" onSubmit={submit} aria-label={`Backfill ${visible(path)}`}>
      <label className="toolbar__field">
        <span>Backfill from</span>
        <input
          type="date"
          value={from}
          max={to}
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={!!error?.fields.from}
        />
      </label>
      <label className="toolbar__field">
        <span>to</span>
        <input
          type="date"
          value={to}
          min={from}
          max={today}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={!!error?.fields.to}
        />
      </label>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Starting…' : 'Backfill'}
      </button>
      {error ? (
        <p className="field__error" role="alert">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
