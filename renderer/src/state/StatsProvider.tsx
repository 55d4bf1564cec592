// The engine's counters for the KPI tiles and the status bar: fetched once, then kept current by 'stats'
// events (at most one render per animation frame) and 'source' events; refetched after a reconnection.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Stats } from '../../../shared/contract';
import { useApi, useConnectionEpoch } from '../api/ApiProvider';

interface StatsValue {
  stats: Stats | null;
  error: unknown;
}

const StatsContext = createContext<StatsValue>({ stats: null, error: null });

export function StatsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [value, setValue] = useState<StatsValue>({ stats: null, error: null });

  useEffect(() => {
    let current = true;
    let pending: Stats | null = null;
    let frame = 0;
    let fromEvent = false;
    const flush = () => {
      frame = 0;
      const next = pending;
      pending = null;
      if (!next || !current) return;
      fromEvent = true;
      setValue({ stats: next, error: null });
    };
    const unsubscribe = api.subscribe((event) => {
      if (event.type === 'stats') {
        pending = event.stats;
        if (!frame) frame = requestAnimationFrame(flush);
      } else if (event.type === 'source') {
        const source = event.source;
        setValue((prev) => {
          if (!prev.stats) return prev;
          const known = prev.stats.sources.some((s) => s.id === source.id);
          const sources = known
            ? prev.stats.sources.map((s) => (s.id === source.id ? source : s))
            : [...prev.stats.sources, source];
          return { ...prev, stats: { ...prev.stats, sources } };
        });
      }
    });
    api.getStats({}).then(
      // a 'stats' event that came first is newer than this answer
      (stats) => current && !fromEvent && setValue({ stats, error: null }),
      (error: unknown) => current && setValue((prev) => ({ ...prev, error })),
    );
    return () => {
      current = false;
      if (frame) cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [api, epoch]);

  return <StatsContext.Provider value={value}>{children}</StatsContext.Provider>;
}

export function useStats(): StatsValue {
  return useContext(StatsContext);
}
