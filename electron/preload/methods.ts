// The contract's method names as plain strings, so the sandboxed preload never bundles shared/contract.ts (and
// zod with it). tests/unit/preload/preload.test.ts keeps this list equal to Object.keys(apiContract), and
// the type below fails to compile when a method is missing or unknown.
import type { ApiMethod } from '../../shared/contract';

export const PRELOAD_METHODS = [
  'getInfo',
  'getStats',
  'listAlerts',
  'listAgents',
  'getHash',
  'rescan',
  'lookupHashes',
  'listHistory',
  'exportHistory',
  'historySummary',
  'getSettings',
  'putSettings',
  'testKey',
  'listSources',
  'addSource',
  'removeSource',
  'startBackfill',
  'listBackfills',
  'getDiagnostics',
] as const satisfies readonly ApiMethod[];

type Missing = Exclude<ApiMethod, (typeof PRELOAD_METHODS)[number]>;
/** compile-time proof that no contract method is missing from the list */
export const everyMethodListed: [Missing] extends [never] ? true : Missing = true;
