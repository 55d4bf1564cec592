// The Live table's filters: verdict, agent, event, and a debounced search on the path.
import { useState } from 'react';
import { VERDICT_STATES } from '../../../../shared/domain';
import { useApi } from '../../api/ApiProvider';
import { STATE_LABELS } from '../../../../shared/verdictWords';
import { capitalise, formatCount } from '../../components/format';
import { useQuery } from '../../hooks/useQuery';
import { useDebouncedSearch } from '../../hooks/useDebouncedSearch';
import { filterQuery, isFiltered, type AlertFilter } from '../../store/alertFilter';
import { ExportButtons } from '../../components/ExportButtons';
import { visible } from '../../components/VisibleText';

interface AlertFiltersProps {
  filter: AlertFilter;
  /** a change to merge into the current filter (`null`: clear every filter) */
  onChange: (change: Partial<AlertFilter> | null) => void;
  count: number | null;
}

export function AlertFilters({ filter, onChange, count }: AlertFiltersProps) {
  const api = useApi();
  const { inputRef, text, search, clear: clearText } = useDebouncedSearch(filter.q, (q) => onChange({ q }), 250);
  const [agentsKey, setAgentsKey] = useState(0);
  const agents = useQuery(`agents#${agentsKey}`, () => api.listAgents({}));

  const clear = () => {
    clearText();
    onChange(null);
  };

  return (
    <form className="toolbar" role="search" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
      <label className="toolbar__field toolbar__search">
        <span>Search paths</span>
        <input
          ref={inputRef}
          type="search"
          placeholder="Part of a path   ( / )"
          value={text}
          onChange={(e) => search(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') search(text, 0);
          }}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label className="toolbar__field">
        <span>Verdict</span>
        <select value={filter.state} onChange={(e) => onChange({ state: e.target.value as AlertFilter['state'] })}>
          <option value="">All verdicts</option>
          {VERDICT_STATES.map((state) => (
            <option key={state} value={state}>
              {capitalise(STATE_LABELS[state])}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar__field">
        <span>Agent</span>
        <select
          value={filter.agent}
          onFocus={() => setAgentsKey((k) => k + 1)}
          onChange={(e) => onChange({ agent: e.target.value })}
        >
          <option value="">All agents</option>
          {filter.agent && !agents.data?.some((a) => (a.name ?? a.id) === filter.agent) ? (
            <option value={filter.agent}>{visible(filter.agent)}</option>
          ) : null}
          {(agents.data ?? []).map((agent) => {
            const value = agent.name ?? agent.id ?? '';
            return (
              <option key={`${agent.id}|${agent.name}`} value={value}>
                {visible(agent.name ?? agent.id)}
                {agent.id && agent.name ? ` (${visible(agent.id)})` : ''} · {formatCount(agent.alerts)}
              </option>
            );
          })}
        </select>
      </label>
      <label className="toolbar__field">
        <span>Event</span>
        <select value={filter.event} onChange={(e) => onChange({ event: e.target.value as AlertFilter['event'] })}>
          <option value="">All events</option>
          <option value="added">Added</option>
          <option value="modified">Modified</option>
          <option value="deleted">Deleted</option>
          <option value="unknown">From Wazuh’s VirusTotal alert</option>
        </select>
      </label>
      {isFiltered(filter) || text ? (
        <button type="button" className="button button--ghost" onClick={clear}>
          Clear filters
        </button>
      ) : null}
      <ExportButtons
        what="these alerts"
        method="exportAlerts"
        input={filterQuery(filter)}
        count={async () => {
          // the download holds the alerts counted now (maxId: those stored meanwhile are left out)
          const { total, maxId } = await api.listAlerts({ ...filterQuery(filter), limit: 1, offset: 0 });
          return { n: total, noun: 'row', input: { maxId } };
        }}
      />
      <span className="toolbar__count" aria-live="off">
        {count === null ? 'Loading…' : `${formatCount(count)} ${count === 1 ? 'alert' : 'alerts'}`}
      </span>
    </form>
  );
}
