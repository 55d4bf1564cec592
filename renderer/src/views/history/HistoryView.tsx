// View 4: every answer over time, searchable and filterable, exported as CSV or JSON; detections per day and
// the agents with the most malicious files.
import { useState } from 'react';
import type { ApiInput } from '../../../../shared/contract';
import { useApi, useTransport } from '../../api/ApiProvider';
import { errorMessage } from '../../api/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { countOf, formatCount } from '../../components/format';
import { useQuery } from '../../hooks/useQuery';
import { useEngine } from '../../store/StoreProvider';
import { DetectionsChart } from './DetectionsChart';
import { exportToFile } from '../../components/exportFile';
import { HistoryFilters, NO_HISTORY_FILTER, type HistoryFilter } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { TopAgents } from './TopAgents';
import './history.css';

const PAGE = 100;
const SUMMARY_DAYS = 30;

function toInput(f: HistoryFilter): Omit<ApiInput<'listHistory'>, 'limit' | 'offset'> {
  return {
    q: f.q.trim() || undefined,
    state: (f.state || undefined) as ApiInput<'listHistory'>['state'],
    origin: (f.origin || undefined) as ApiInput<'listHistory'>['origin'],
    from: f.from || undefined,
    to: f.to || undefined,
  };
}

export function HistoryView() {
  const api = useApi();
  const transport = useTransport();
  const [filter, setFilter] = useState<HistoryFilter>(NO_HISTORY_FILTER);
  const [page, setPage] = useState(0);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportNote, setExportNote] = useState<{ text: string; error: boolean } | null>(null);
  const input = toInput(filter);
  const list = useQuery(`history:${JSON.stringify(input)}:${page}`, () =>
    api.listHistory({ ...input, limit: PAGE, offset: page * PAGE }),
  );
  const summary = useQuery(`summary:${SUMMARY_DAYS}`, () => api.historySummary({ days: SUMMARY_DAYS }));

  // answers that arrived since the list was read: "N new answers — refresh"
  const verdictEvents = useEngine((s) => s.verdictEvents);
  const [eventsShown, setEventsShown] = useState(verdictEvents);
  const newAnswers = verdictEvents - eventsShown;

  const refresh = () => {
    setEventsShown(verdictEvents);
    list.reload();
    summary.reload();
  };

  const change = (next: Partial<HistoryFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(0);
  };

  const exportAs = async (format: 'csv' | 'json') => {
    setExporting(format);
    setExportNote(null);
    try {
      // over HTTP the server streams the file; the rows it holds are the list's, counted now
      const text = await exportToFile(transport, 'exportHistory', { ...input, format }, async () => ({
        n: (await api.listHistory({ ...input, limit: 1, offset: 0 })).total,
        noun: 'row',
      }));
      setExportNote({ text, error: false });
    } catch (error) {
      setExportNote({ text: errorMessage(error), error: true });
    } finally {
      setExporting(null);
    }
  };

  const total = list.data?.total ?? 0;
  const first = total === 0 ? 0 : page * PAGE + 1;
  const last = Math.min(total, (page + 1) * PAGE);

  return (
    <div className="page history">
      <div className="page__title-row">
        <h1>History</h1>
        {newAnswers > 0 ? (
          <button type="button" className="pill pill--inline" onClick={refresh}>
            {formatCount(newAnswers)} new {newAnswers === 1 ? 'answer' : 'answers'} — refresh
          </button>
        ) : null}
      </div>

      <div className="history__summary">
        <section className="card" aria-labelledby="days-title">
          <h2 id="days-title">Detections per day, last {SUMMARY_DAYS} days</h2>
          <ErrorNote error={summary.error} onRetry={summary.reload} />
          {summary.data ? (
            <>
              <DetectionsChart days={summary.data.days} period={SUMMARY_DAYS} />
              <p className="muted small">
                {countOf(summary.data.totals.answers, 'answer')} about {countOf(summary.data.totals.files, 'file')} (
                {formatCount(summary.data.totals.fromWazuh)} from Wazuh);{' '}
                {countOf(summary.data.totals.malicious, 'answer')} said malicious.
              </p>
            </>
          ) : null}
        </section>
        <section className="card" aria-labelledby="agents-title">
          <h2 id="agents-title">Agents with the most malicious files</h2>
          {summary.data ? <TopAgents agents={summary.data.topAgents} /> : null}
        </section>
      </div>

      <section className="card" aria-labelledby="answers-title">
        <div className="card__title-row">
          <h2 id="answers-title">Every answer</h2>
          <div className="button-row">
            <button type="button" className="button" onClick={() => exportAs('csv')} disabled={exporting !== null}>
              {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
            </button>
            <button type="button" className="button" onClick={() => exportAs('json')} disabled={exporting !== null}>
              {exporting === 'json' ? 'Exporting…' : 'Export JSON'}
            </button>
          </div>
        </div>
        <p className={`action-message${exportNote?.error ? ' is-error' : ''}`} role="status">
          {exportNote?.text ?? ''}
        </p>
        <HistoryFilters filter={filter} onChange={change} />
        <ErrorNote error={list.error} onRetry={list.reload} />
        {list.data && list.data.items.length === 0 ? (
          <EmptyState title={Object.values(filter).some(Boolean) ? 'No answer matches these filters' : 'No answer yet'}>
            <p>Every VirusTotal answer, and every verdict Wazuh wrote in its own alerts, is kept here.</p>
          </EmptyState>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          <div aria-busy={list.loading}>
            <HistoryTable items={list.data.items} />
            <nav className="pager" aria-label="History pages">
              <button type="button" className="button" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
                Previous page
              </button>
              <span>
                {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
              </span>
              <button type="button" className="button" onClick={() => setPage((p) => p + 1)} disabled={last >= total}>
                Next page
              </button>
            </nav>
          </div>
        ) : null}
      </section>
    </div>
  );
}
