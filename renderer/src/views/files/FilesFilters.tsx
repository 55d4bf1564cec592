// The Files view's filters (triage, verdict, agent, text), its saved views, and the export of the filtered list.
import { useState } from 'react';
import { TRIAGE_LABELS, TRIAGE_STATES } from '../../../../shared/triageWords';
import { VERDICT_STATES } from '../../../../shared/domain';
import { useApi } from '../../api/ApiProvider';
import { useDebouncedSearch } from '../../hooks/useDebouncedSearch';
import { useQuery } from '../../hooks/useQuery';
import { hrefFor } from '../../hooks/useRoute';
import { visible } from '../../components/VisibleText';
import { filesQueryOf, type FilesFilter } from './filesQuery';
import { deleteView, saveView, useSavedViews } from './savedViews';

interface Props {
  filter: FilesFilter;
  onChange(change: Partial<FilesFilter> | null): void;
}

export function FilesFilters({ filter, onChange }: Props) {
  const api = useApi();
  const agents = useQuery('agents', () => api.listAgents({}));
  const { inputRef, text, search, clear } = useDebouncedSearch(filter.q, (q) => onChange({ q }), 300);
  const views = useSavedViews();
  const [viewName, setViewName] = useState('');
  const query = filesQueryOf(filter);

  return (
    <div className="files-filters">
      <div className="toolbar" role="search" aria-label="Filter files">
        <label className="toolbar__field toolbar__search">
          <span>Search</span>
          <input
            ref={inputRef}
            type="search"
            value={text}
            placeholder="name, path or hash  ( / )"
            onChange={(e) => search(e.target.value)}
          />
        </label>
        <label className="toolbar__field">
          <span>Triage</span>
          <select value={filter.triage} onChange={(e) => onChange({ triage: e.target.value as FilesFilter['triage'] })}>
            <option value="">any</option>
            {TRIAGE_STATES.map((s) => (
              <option key={s} value={s}>
                {TRIAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__field">
          <span>Verdict</span>
          <select value={filter.state} onChange={(e) => onChange({ state: e.target.value })}>
            <option value="">any</option>
            <option value="detected">malicious or suspicious</option>
            {VERDICT_STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'unknown' ? 'not on VirusTotal' : s}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__field">
          <span>Agent</span>
          <select value={filter.agent} onChange={(e) => onChange({ agent: e.target.value })}>
            <option value="">any</option>
            {filter.agent && !agents.data?.some((a) => (a.id ?? a.name) === filter.agent) ? (
              <option value={filter.agent}>{visible(filter.agent)}</option>
            ) : null}
            {(agents.data ?? []).map((a) => {
              const value = a.id ?? a.name ?? '';
              return value ? (
                <option key={`${a.id}|${a.name}`} value={value}>
                  {visible(a.name ?? a.id)}
                </option>
              ) : null;
            })}
          </select>
        </label>
        {query ? (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => {
              clear();
              onChange(null);
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <div className="saved-views" aria-label="Saved views">
        {views.map((v) => (
          <span key={v.name} className="saved-view">
            <a href={hrefFor.files(v.query)} aria-current={v.query === query ? 'true' : undefined}>
              {v.name}
            </a>
            <button
              type="button"
              className="saved-view__delete"
              aria-label={`Delete the saved view ${v.name}`}
              onClick={() => deleteView(v.name)}
            >
              ×
            </button>
          </span>
        ))}
        <form
          className="saved-views__save"
          onSubmit={(e) => {
            e.preventDefault();
            saveView(viewName, query);
            setViewName('');
          }}
        >
          <input
            aria-label="Name of a new saved view"
            placeholder="save this view as…"
            value={viewName}
            maxLength={80}
            onChange={(e) => setViewName(e.target.value)}
          />
          <button type="submit" className="button button--small" disabled={!viewName.trim()}>
            Save view
          </button>
        </form>
      </div>
    </div>
  );
}
