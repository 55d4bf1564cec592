// getInfo once: version, data directory, demo flag, key storage, licences.
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiOutput } from '../../../shared/contract';
import { useApi } from '../api/ApiProvider';
import { useQuery } from '../hooks/useQuery';

export type AppInfo = ApiOutput<'getInfo'>;

interface InfoValue {
  info: AppInfo | null;
  error: unknown;
}

const InfoContext = createContext<InfoValue>({ info: null, error: null });

export function InfoProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { data, error } = useQuery('info', () => api.getInfo({}));
  return <InfoContext.Provider value={{ info: data ?? null, error }}>{children}</InfoContext.Provider>;
}

export function useInfo(): AppInfo | null {
  return useContext(InfoContext).info;
}

/** The first call's error (e.g. not signed in), until an answer arrives. */
export function useInfoError(): unknown {
  const { info, error } = useContext(InfoContext);
  return info ? null : error;
}
