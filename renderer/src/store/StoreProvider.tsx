// React's view of the engine store: one store for the app (created in main.tsx), read with useEngine.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { EngineSnapshot, EngineStore } from './engineStore';

const StoreContext = createContext<EngineStore | null>(null);

export function StoreProvider({ store, children }: { store: EngineStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useEngineStore(): EngineStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider is missing');
  return store;
}

/**
 * What `select` picks from the engine's state, and a re-render when that changes. Pick a field of the snapshot or
 * compute a primitive (never build a new object or array here: each would count as a change).
 */
export function useEngine<T>(select: (snapshot: EngineSnapshot, store: EngineStore) => T): T {
  const store = useEngineStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot(), store));
}
