// Alert sources: list, add, remove, and backfill a past day range.
import type { SourcesService } from '../sources/sourcesService';
import type { ApiHandlers } from './types';

export function sourcesHandlers(
  sources: SourcesService,
): Pick<ApiHandlers, 'listSources' | 'addSource' | 'removeSource' | 'startBackfill' | 'listBackfills'> {
  return {
    listSources: () => sources.list(),
    addSource: ({ path, fromEnd }) => sources.add(path, fromEnd),
    removeSource: async ({ id }) => ({ removed: await sources.remove(id) }),
    startBackfill: ({ id, from, to }) => sources.startBackfill(id, from, to),
    listBackfills: () => sources.backfills(),
  };
}
