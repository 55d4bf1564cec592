// The allowlist: hashes and path globs you mark known good (with who, when and why), answered on this machine
// before anything is sent. Add some (one a line), import a text file, search, remove. Acts at once (its own
// buttons), like the sources.
import { useState } from 'react';
import type { ApiOutput } from '../../../../shared/contract';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';
import { VisibleText, visible } from '../../components/VisibleText';
import { countOf } from '../../components/format';
import { useQuery } from '../../hooks/useQuery';
import { splitLines } from './settingsForm';

type Note = { text: string; error: boolean } | null;

function summary(added: number, existing: number, rejected: number, files: number): string {
  const parts = [`${countOf(added, 'entry', 'entries')} added`];
  if (existing > 0) parts.push(`${countOf(existing, 'entry', 'entries')} already listed`);
  if (rejected > 0) parts.push(`${countOf(rejected, 'line')} refused`);
  if (files > 0) parts.push(`${countOf(files, 'file')} allowlisted at once`);
  return parts.join(' · ');
}

export function AllowlistSection() {
  const api = useApi();
  const [q, setQ] = useState('');
  const [version, setVersion] = useState(0);
  const list = useQuery(`allowlist:${q}#${version}`, () =>
    api.listAllowlist({ limit: 100, offset: 0, q: q || undefined }),
  );
  const [values, setValues] = useState('');
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [rejected, setRejected] = useState<{ input: string; reason: string }[]>([]);

  const act = async (work: () => Promise<{ text: string; rejected?: { input: string; reason: string }[] }>) => {
    setBusy(true);
    setNote(null);
    setRejected([]);
    try {
      const done = await work();
      setNote({ text: done.text, error: false });
      setRejected(done.rejected ?? []);
      setVersion((v) => v + 1);
    } catch (error) {
      setNote({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  const add = () =>
    act(async () => {
      const a = await api.addAllowlist({ values: splitLines(values), why });
      setValues('');
      return {
        text: summary(a.added.length, a.existing, a.rejected.length, a.filesAllowlisted),
        rejected: a.rejected,
      };
    });

  const importFile = (file: File) =>
    act(async () => {
      const text = await file.text();
      const a: ApiOutput<'importAllowlist'> = await api.importAllowlist({ text, why });
      return {
        text: `${visible(file.name)}: ${summary(a.added, a.existing, a.rejectedTotal, a.filesAllowlisted)}`,
        rejected: a.rejected.map((r) => ({ input: `line ${r.line}: ${r.input}`, reason: r.reason })),
      };
    });

  const remove = (id: number) =>
    act(async () => {
      const r = await api.removeAllowlist({ id });
      return {
        text: r.removed
          ? `Removed${r.filesRequeued > 0 ? `: ${countOf(r.filesRequeued, 'file')} will be asked about again` : ''}.`
          : 'It was removed already.',
      };
    });

  const data = list.data;
  return (
    <section className="card settings-section" id="settings-allowlist" aria-labelledby="s-allowlist" tabIndex={-1}>
      <h2 id="s-allowlist">Allowlist</h2>
      <p className="muted">
        Files you know to be good: by hash, or by a path glob that starts with a folder written out (
        <code>/opt/build/**</code>, <code>C:\Tools\**</code>). They are answered “allowlisted” on this machine and never
        sent anywhere. A text file imports one hash or glob a line; what follows <code>#</code> is its why.
      </p>
      <div className="field-grid">
        <label className="field">
          <span className="field__label">Hashes or path globs (one a line)</span>
          <textarea rows={3} value={values} spellCheck={false} onChange={(e) => setValues(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">Why they are known good</span>
          <input value={why} maxLength={500} onChange={(e) => setWhy(e.target.value)} />
        </label>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy || why.trim() === '' || values.trim() === ''}
          onClick={() => void add()}
        >
          Add to the allowlist
        </button>
        <label className={`button${busy || why.trim() === '' ? ' is-disabled' : ''}`}>
          Import a text file…
          <input
            type="file"
            accept=".txt,text/plain"
            className="visually-hidden"
            disabled={busy || why.trim() === ''}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      <p className={`action-message${note?.error ? ' is-error' : ''}`} role="status">
        {note?.text ?? ''}
      </p>
      {rejected.length > 0 ? (
        <ul className="field__error" aria-label="Refused lines">
          {rejected.map((r, i) => (
            <li key={i}>
              <VisibleText text={r.input} />: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <label className="toolbar__field">
        <span>Search the allowlist</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ErrorNote error={list.error} onRetry={list.reload} />
      {data ? (
        <>
          <p className="muted small">
            {countOf(data.counts.hashes, 'hash', 'hashes')} of at most {data.counts.maxHashes.toLocaleString()} ·{' '}
            {countOf(data.counts.paths, 'path glob')} of at most {data.counts.maxPaths}
          </p>
          <ul className="allowlist" aria-label="Allowlist entries">
            {data.items.map((e) => (
              <li key={e.id}>
                <code className="mono">
                  <VisibleText text={e.value} />
                </code>{' '}
                <span className="muted">
                  by <VisibleText text={e.who} />, <Time value={e.addedAt} />: <VisibleText text={e.why} />
                </span>{' '}
                <button
                  type="button"
                  className="button button--small button--ghost"
                  aria-label={`Remove ${visible(e.value)} from the allowlist`}
                  disabled={busy}
                  onClick={() => void remove(e.id)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          {data.total > data.items.length ? (
            <p className="muted small">
              {countOf(data.total - data.items.length, 'more entry', 'more entries')}: search to find them.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
