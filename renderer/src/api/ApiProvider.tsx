import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Api } from '../../../shared/contract';
import type { ApiRuntime } from './createApi';
import type { ConnectionSnapshot } from './connection';

const RuntimeContext = createContext<ApiRuntime | null>(null);

export function ApiProvider({ runtime, children }: { runtime: ApiRuntime; children: ReactNode }) {
  return <RuntimeContext.Provider value={runtime}>{children}</RuntimeContext.Provider>;
}

function useRuntime(): ApiRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('ApiProvider is missing');
  return runtime;
}

export function useApi(): Api {
  return useRuntime().api;
}

export function useTransport(): 'ipc' | 'http' {
  return useRuntime().transport;
}

export function useConnection(): ConnectionSnapshot {
  const { connection } = useRuntime();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/** Grows when the event stream comes back after a loss: put it in the deps of whatever should be refetched. */
export function useConnectionEpoch(): number {
  return useConnection().epoch;
}
