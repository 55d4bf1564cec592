// The Files view: one row per file (not per alert), sorted by risk, filtered and sorted from its address
// (#/files?…: a reload or a shared link shows the same list), a selection to act on many files at once, and the
// export of the filtered list. Triage and verdict changes read the rows again.
import { useMemo, useState } from 'react';
import { bestHash } from '../../../../shared/hashes';
import { useApi } from '../../api/ApiProvider';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { countOf, formatCount } from '../../components/format';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { hrefFor, navigate } from '../../hooks/useRoute';
import { useEngine } from '../../store/StoreProvider';
import { ExportButtons } from '../../components/ExportButtons';
import { BulkBar } from './BulkBar';
import { FilesFilters } from './FilesFilters';
import { FilesTable } from './FilesTable';
import { filesInput, filesQueryOf, NO_FILES_FILTER, parseFilesQuery, type FilesFilter } from './filesQuery';
import { EMPTY_SELECTION, prune, type Selection } from '../../components/selection';
import { useFileRows } from './useFileRows';
import '../../components/rowsTable.css';
import './files.css';

export function FilesView({ query }: { query: string }) {
  useDocumentTitle('Files');
  const api = useApi();
  const filter = useMemo(() => parseFilesQuery(query), [query]);
  const input = useMemo(() => filesInput(filter), [filter]);
  const triageEvents = useEngine((s) => s.triageEvents);
  const verdictEvents = useEngine((s) => s.verdictEvents);
  const list = useFileRows(input, triageEvents + verdictEvents);
  const keys = useMemo(() => list.rows.map((r) => bestHash(r) ?? ''), [list.rows]);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  // a refreshed list may have lost selected files (a filter on triage): only what is shown stays selected
  const shown = prune(selection, keys);

  const change = (next: Partial<FilesFilter> | null) => {
    const f = next === null ? NO_FILES_FILTER : { ...filter, ...next };
    navigate(hrefFor.files(filesQueryOf(f)));
  };

  const selected = [...shown.keys];
  return (
    <div className="page files-view">
      <div className="page__title-row">
        <h1>Files</h1>
        <p className="muted" aria-live="polite">
          {list.loading && list.rows.length === 0 ? 'Loading…' : `${countOf(list.total, 'file')}`}
        </p>
        <div className="page__actions">
          <ExportButtons
            what="these files"
            method="exportFiles"
            input={input}
            count={async () => ({ n: (await api.listFiles({ ...input, limit: 1, offset: 0 })).total, noun: 'file' })}
          />
        </div>
      </div>
      <FilesFilters key={query} filter={filter} onChange={change} />
      <ErrorNote error={list.error} />
      <BulkBar hashes={selected} onClear={() => setSelection(EMPTY_SELECTION)} />
      {list.rows.length > 0 ? (
        <div className="table-panel files-view__table">
          <FilesTable
            rows={list.rows}
            total={list.total}
            keys={keys}
            sort={filter.sort}
            onSort={(sort) => change({ sort })}
            selection={shown}
            onSelection={setSelection}
            ensure={list.ensure}
          />
        </div>
      ) : list.loading ? null : (
        <EmptyState title={filesQueryOf(filter) ? 'No file matches these filters' : 'No file yet'}>
          {filesQueryOf(filter)
            ? 'Clear a filter to see more.'
            : 'Files appear here once Wazuh reports them (or you look a hash up).'}
        </EmptyState>
      )}
      <p className="muted files-view__hint">
        {formatCount(list.rows.length)} of {countOf(list.total, 'file')} loaded · Space or the box selects a row, Shift
        extends, Ctrl+A selects all loaded, Enter opens
      </p>
    </div>
  );
}
