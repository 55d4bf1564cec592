// Alert sources: list, add, remove, and backfill a past day range.
import type { IndexerAdmin } from '../sources/indexer/indexerAdmin';
import type { SourcesService } from '../sources/sourcesService';
import type { ApiHandlers } from './types';

export function sourcesHandlers(
  sources: SourcesService,
  indexers: Pick<IndexerAdmin, 'removed'>,
): Pick<ApiHandlers, 'listSources' | 'addSource' | 'removeSource' | 'startBackfill' | 'listBackfills'> {
  return {
    listSources: () => sources.list(),
    addSource: ({ path, fromEnd }) => sources.add(path, fromEnd),
    removeSource: async ({ id }) => {
      const removed = await sources.remove(id);
      if (removed) indexers.removed(id); // an indexer's password goes with it
      return { removed };
    },
    startBackfill: ({ id, from, to }) => sources.startBackfill(id, from, to),
    listBackfills: () => sources.backfills(),
  };
}
