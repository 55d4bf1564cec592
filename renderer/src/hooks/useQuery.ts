// Load something from the api for a key; reload when the key, `reload()` or the connection epoch changes.
// The previous data stays on screen while the next loads (no flashes while paging or filtering).
// This is how a view reads what only it shows (a page of History, the settings form, Diagnostics); engine state
// that several views show, or that events keep current, is in the store (store/engineStore.ts).
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useConnectionEpoch } from '../api/ApiProvider';

interface QueryState<T> {
  key: string;
  data: T | undefined;
  error: unknown;
}

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  /** true from a key change (or reload) until its answer arrives */
  loading: boolean;
  reload: () => void;
}

export function useQuery<T>(key: string | null, fetcher: () => Promise<T>): Query<T> {
  const epoch = useConnectionEpoch();
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<QueryState<T>>({ key: '', data: undefined, error: null });
  const fullKey = key === null ? null : `${key}#${nonce}#${epoch}`;
  const run = useEffectEvent(fetcher);

  useEffect(() => {
    if (fullKey === null) return;
    let current = true;
    run().then(
      (data) => current && setState({ key: fullKey, data, error: null }),
      (error: unknown) => current && setState((prev) => ({ key: fullKey, data: prev.data, error })),
    );
    return () => {
      current = false;
    };
  }, [fullKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: fullKey !== null && state.key !== fullKey, reload };
}
