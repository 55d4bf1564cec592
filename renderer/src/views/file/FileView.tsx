// View 2: one file (route #/file/<hash>): hashes, facts, engines, history, alerts, and the actions.
import { useEffect, useRef } from 'react';
import { shortHash } from '../../../../shared/hashes';
import { isNotFound } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { VerdictBadge } from '../../components/VerdictBadge';
import { useQuery } from '../../hooks/useQuery';
import { useEngine, useEngineStore } from '../../store/StoreProvider';
import { goBack } from '../../hooks/useRoute';
import { EnginesTable } from './EnginesTable';
import { FileActions } from './FileActions';
import { FileAlerts } from './FileAlerts';
import { FileFacts, FileHashes } from './FileFacts';
import { HistoryChart } from './HistoryChart';
import { HistoryList } from './HistoryList';
import { fileTitle } from './fileTitle';
import { VisibleText, visible } from '../../components/VisibleText';
import { enginesSentence } from '../../../../shared/verdictWords';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import './file.css';

export function FileView({ hash }: { hash: string }) {
  const store = useEngineStore();
  // read again whenever an event says this file changed (a new verdict, a stored reanalysis report); the store
  // knows the file's other hashes once an answer named them
  const changes = useEngine((_, s) => s.changesOf([hash, ...s.verdicts.hashesOf(hash)]));
  const query = useQuery(`hash:${hash}#${changes}`, () => store.readHash(hash));
  const reanalyse = useEngine((_, s) => s.reanalysisOf([hash, ...s.verdicts.hashesOf(hash)]));
  const detail =
    query.loading && query.data && ![query.data.sha256, query.data.sha1, query.data.md5].includes(hash)
      ? undefined
      : query.data;

  // its name is "Back"; Esc is its shortcut, told to assistive technology as one, not read as part of the name
  const back = (
    <button
      type="button"
      className="button button--ghost back"
      onClick={goBack}
      aria-keyshortcuts="Escape"
      title="Back (Esc)"
    >
      <span aria-hidden="true">←</span> Back{' '}
      <kbd aria-hidden="true" className="back__key">
        Esc
      </kbd>
    </button>
  );

  // the page's heading takes the keyboard once the file is shown (after Enter on a row, a screen reader reads it),
  // unless the analyst has put the focus somewhere on the page meanwhile
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = detail !== undefined || query.error !== null;
  const focused = useRef(false);
  useEffect(() => {
    if (!ready || focused.current) return;
    focused.current = true;
    const active = document.activeElement;
    const inPage = active && active !== document.body && !active.matches('main') && document.contains(active);
    if (!inPage) headingRef.current?.focus({ preventScroll: true });
  }, [ready]);

  const title = detail ? fileTitle(detail, hash) : `File ${shortHash(hash, 16)}`;
  useDocumentTitle(title);

  if (!detail) {
    if (query.error && isNotFound(query.error)) {
      return (
        <div className="page file">
          {back}
          <h1 ref={headingRef} tabIndex={-1}>
            File <span className="mono">{shortHash(hash, 16)}</span>
          </h1>
          <EmptyState title="This hash has not been seen yet">
            <p>Look it up from the Look up view: it jumps the queue and its answer appears here.</p>
          </EmptyState>
        </div>
      );
    }
    return (
      <div className="page file" aria-busy={!query.error}>
        {back}
        <h1 ref={headingRef} tabIndex={-1} className="file__title">
          File <span className="mono">{shortHash(hash, 16)}</span>
        </h1>
        <ErrorNote error={query.error} onRetry={query.reload} />
        {!query.error ? <p className="muted">Loading the file…</p> : null}
      </div>
    );
  }

  return (
    <div className="page file">
      {back}
      <header className="file__header">
        <div>
          <h1 className="file__title" ref={headingRef} tabIndex={-1}>
            <VisibleText text={title} />
          </h1>
          {detail.threatLabel ? <p className="file__threat">{detail.threatLabel}</p> : null}
          {detail.alerts[0] ? (
            <p className="file__seen muted">
              seen at{' '}
              <span className="mono-soft" title={visible(detail.alerts[0].path)}>
                <VisibleText text={detail.alerts[0].path} />
              </span>
              {detail.alertsTotal > 1
                ? ` and in ${detail.alertsTotal - 1} more ${detail.alertsTotal === 2 ? 'alert' : 'alerts'}`
                : ''}
            </p>
          ) : null}
        </div>
        <div className="file__verdict">
          <VerdictBadge verdict={detail.verdict} />
          {detail.verdict.positives !== null && detail.verdict.total !== null ? (
            <p className="muted small">{enginesSentence(detail.verdict.positives, detail.verdict.total)}</p>
          ) : null}
        </div>
      </header>
      <FileActions
        key={detail.verdict.checkedAt ?? 'never'}
        hash={detail.sha256 ?? hash}
        sha256={detail.sha256}
        permalink={detail.verdict.permalink}
        reanalyse={reanalyse ?? detail.reanalyse}
      />
      <div className="file__grid">
        <div className="file__main">
          <section className="card" aria-labelledby="file-hashes">
            <h2 id="file-hashes">Hashes</h2>
            <FileHashes detail={detail} />
          </section>
          <section className="card" aria-labelledby="file-facts">
            <h2 id="file-facts">About this file</h2>
            <FileFacts detail={detail} />
          </section>
          <section className="card" aria-labelledby="file-history">
            <h2 id="file-history">History</h2>
            {detail.history.some((h) => h.positives !== null) ? <HistoryChart history={detail.history} /> : null}
            <HistoryList history={detail.history} />
          </section>
        </div>
        <section className="card file__engines" aria-labelledby="file-engines">
          <h2 id="file-engines">Engines</h2>
          <EnginesTable engines={detail.engines} fromWazuh={detail.verdict.origin === 'wazuh'} />
        </section>
      </div>
      <section className="card" aria-labelledby="file-alerts">
        <h2 id="file-alerts">Alerts of this file</h2>
        <FileAlerts alerts={detail.alerts} total={detail.alertsTotal} />
      </section>
    </div>
  );
}
