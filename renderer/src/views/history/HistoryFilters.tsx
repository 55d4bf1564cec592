import { VERDICT_STATES } from '../../../../shared/domain';
import { STATE_LABELS } from '../../../../shared/verdictWords';
import { capitalise } from '../../components/format';
import { useDebouncedSearch } from '../../hooks/useDebouncedSearch';

export interface HistoryFilter {
  q: string;
  state: string;
  origin: string;
  from: string;
  to: string;
}

export const NO_HISTORY_FILTER: HistoryFilter = { q: '', state: '', origin: '', from: '', to: '' };

export function HistoryFilters({
  filter,
  onChange,
}: {
  filter: HistoryFilter;
  onChange: (change: Partial<HistoryFilter>) => void;
}) {
  const { inputRef, text, search, clear } = useDebouncedSearch(filter.q, (q) => onChange({ q }), 300);
  const filtered = Object.values(filter).some((v) => v !== '') || text !== '';

  return (
    <form className="toolbar" role="search" aria-label="Filter history" onSubmit={(e) => e.preventDefault()}>
      <label className="toolbar__field toolbar__search">
        <span>Search history</span>
        <input
          ref={inputRef}
          type="search"
          placeholder="Hash or file name   ( / )"
          value={text}
          spellCheck={false}
          onChange={(e) => search(e.target.value)}
        />
      </label>
      <label className="toolbar__field">
        <span>Verdict</span>
        <select value={filter.state} onChange={(e) => onChange({ state: e.target.value })}>
          <option value="">All verdicts</option>
          {VERDICT_STATES.map((state) => (
            <option key={state} value={state}>
              {capitalise(STATE_LABELS[state])}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar__field">
        <span>Source</span>
        <select value={filter.origin} onChange={(e) => onChange({ origin: e.target.value })}>
          <option value="">Every source</option>
          <option value="virustotal">VirusTotal (our look-ups)</option>
          <option value="wazuh">From Wazuh</option>
          <option value="circl">CIRCL hashlookup</option>
          <option value="malwarebazaar">MalwareBazaar</option>
          <option value="allowlist">The allowlist</option>
          <option value="local">FIM Verdict (the empty file)</option>
        </select>
      </label>
      <label className="toolbar__field">
        <span>From</span>
        <input
          type="date"
          value={filter.from}
          max={filter.to || undefined}
          onChange={(e) => onChange({ from: e.target.value })}
        />
      </label>
      <label className="toolbar__field">
        <span>To</span>
        <input
          type="date"
          value={filter.to}
          min={filter.from || undefined}
          onChange={(e) => onChange({ to: e.target.value })}
        />
      </label>
      {filtered ? (
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            clear();
            onChange(NO_HISTORY_FILTER);
          }}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
