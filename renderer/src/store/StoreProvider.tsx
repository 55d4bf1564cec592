// React's view of the engine store: one store for the app (created in main.tsx), read with useEngine.
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { AlertsFeed } from './alertsFeed';
import type { EngineSnapshot, EngineStore } from './engineStore';
import type { LookupResult } from './lookupResults';

const StoreContext = createContext<EngineStore | null>(null);

export function StoreProvider({ store, children }: { store: EngineStore; children: ReactNode }) {
  // main.tsx starts the store before the first render (the first page is asked at once); starting again is a no-op,
  // and a provider that is unmounted and mounted again (React's StrictMode in development) restarts it
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useEngineStore(): EngineStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider is missing');
  return store;
}

/**
 * What `select` picks from the engine's state, and a re-render when that changes. Pick a field of the snapshot or
 * compute a primitive; never build a new object or array here (each would count as a change) unless it is kept
 * for the same inputs, as useLookupResults' is.
 */
export function useEngine<T>(select: (snapshot: EngineSnapshot, store: EngineStore) => T): T {
  const store = useEngineStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot(), store));
}

/** The Live table's feed, and a re-render whenever its rows or their verdicts change. */
export function useFeed(): AlertsFeed {
  useEngine((s) => s.feed);
  useEngine((s) => s.verdicts);
  return useEngineStore().feed;
}

/** The look-up results with their verdicts from the cache, newest first. */
export function useLookupResults(): readonly LookupResult[] {
  return useEngine((s, store) => store.lookups.resultsFor(s.lookups, s.verdicts));
}
