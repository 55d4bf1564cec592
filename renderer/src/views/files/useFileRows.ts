// The Files view's rows: the first page for the filters, more pages as the list scrolls down, and the rows loaded so
// far read again (in one request) when a triage or a verdict changes or the connection comes back. The rows on
// screen stay while the next answer loads.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput } from '../../../../shared/contract';
import type { FileRow } from '../../../../shared/triage';
import { useApi, useConnectionEpoch } from '../../api/ApiProvider';

const PAGE = 200;
const MAX_PAGE = 1000; // the API's own limit

export interface FileRows {
  rows: readonly FileRow[];
  total: number;
  loading: boolean;
  error: unknown;
  /** ask for the rows up to `index` (the list scrolled near its end) */
  ensure(index: number): void;
}

interface State {
  key: string;
  rows: FileRow[];
  total: number;
  error: unknown;
}

/** `value`, following it at most once per `ms` (a burst of verdicts reads the list once, not once each). */
function useThrottled(value: number, ms: number): number {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (value === shown) return;
    const wait = Math.max(0, last.current + ms - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}

export function useFileRows(input: Omit<ApiInput<'listFiles'>, 'limit' | 'offset'>, changed: number): FileRows {
  const changes = useThrottled(changed, 1000);
  const api = useApi();
  const epoch = useConnectionEpoch();
  const filterKey = JSON.stringify(input);
  const [state, setState] = useState<State>({ key: '', rows: [], total: 0, error: null });
  const loaded = useRef(0);
  const loadingMore = useRef(false);

  // the filters changed: the first page; a change or a reconnection: what was loaded, again
  useEffect(() => {
    let live = true;
    const sameFilter = state.key === filterKey;
    const limit = sameFilter ? Math.min(MAX_PAGE, Math.max(PAGE, loaded.current)) : PAGE;
    api.listFiles({ ...input, limit, offset: 0 }).then(
      (page) => {
        if (!live) return;
        loaded.current = page.items.length;
        setState({ key: filterKey, rows: page.items, total: page.total, error: null });
      },
      (error: unknown) => live && setState((s) => ({ ...s, key: filterKey, error })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `input` is `filterKey`; state.key is read, not followed
  }, [api, filterKey, changes, epoch]);

  const ensure = useCallback(
    (index: number) => {
      if (loadingMore.current || state.key !== filterKey) return;
      if (index < state.rows.length - 20 || state.rows.length >= state.total) return;
      loadingMore.current = true;
      const key = filterKey;
      api
        .listFiles({ ...(JSON.parse(key) as typeof input), limit: PAGE, offset: state.rows.length })
        .then(
          (page) => {
            setState((s) => {
              if (s.key !== key) return s;
              const rows = [...s.rows, ...page.items];
              loaded.current = rows.length;
              return { ...s, rows, total: page.total };
            });
          },
          (error: unknown) => setState((s) => ({ ...s, error })),
        )
        .finally(() => {
          loadingMore.current = false;
        });
    },
    [api, filterKey, state],
  );

  return {
    // the previous filter's rows stay on screen until the new ones come (no flash while typing)
    rows: state.rows,
    total: state.total,
    loading: state.key !== filterKey,
    error: state.error,
    ensure,
  };
}
