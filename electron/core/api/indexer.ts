// Indexer sources: add (with the password), change, "Test connection", and the Wazuh 5 FIM inventory sweep. Over
// the HTTP API a change of URLs or certificate trust needs the password with it (sources/indexer/indexerAdmin.ts).
import type { IndexerAdmin } from '../sources/indexer/indexerAdmin';
import type { IndexerSweeps } from '../sources/indexer/indexerSweep';
import type { ApiHandlers } from './types';

export function indexerHandlers(
  indexers: IndexerAdmin,
  sweeps: IndexerSweeps,
  transport: 'ipc' | 'http',
): Pick<ApiHandlers, 'addIndexerSource' | 'updateIndexerSource' | 'testIndexerSource' | 'startSweep' | 'listSweeps'> {
  return {
    addIndexerSource: (input) => indexers.add(input),
    updateIndexerSource: ({ id, ...update }) => indexers.update(id, update, transport === 'http' ? 'http' : 'local'),
    testIndexerSource: (input) => indexers.test(input, transport === 'http' ? 'http' : 'local'),
    startSweep: ({ id }) => sweeps.start(id),
    listSweeps: () => sweeps.list(),
  };
}
