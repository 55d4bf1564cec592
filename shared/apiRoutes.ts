// The HTTP route of every API method: plain data, apart from the contract's zod schemas (shared/contract.ts, which
// takes its routes from here), so that the renderer's transports know every method and its route without building
// the schemas while the app starts (the renderer validates nothing in production; the engine does).
export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const API_ROUTES = {
  getInfo: ['GET', '/api/info'],
  getStats: ['GET', '/api/stats'],
  listAlerts: ['GET', '/api/alerts'],
  exportAlerts: ['GET', '/api/alerts/export'],
  locateAlert: ['GET', '/api/alerts/position'],
  listAgents: ['GET', '/api/agents'],
  getHash: ['GET', '/api/hashes/:hash'],
  rescan: ['POST', '/api/rescan'],
  lookupHashes: ['POST', '/api/lookup'],
  listHistory: ['GET', '/api/history'],
  exportHistory: ['GET', '/api/history/export'],
  historySummary: ['GET', '/api/history/summary'],
  setTriage: ['POST', '/api/triage'],
  listFiles: ['GET', '/api/files'],
  exportFiles: ['GET', '/api/files/export'],
  getSettings: ['GET', '/api/settings'],
  putSettings: ['PUT', '/api/settings'],
  testKey: ['POST', '/api/settings/test-key'],
  listSources: ['GET', '/api/sources'],
  addSource: ['POST', '/api/sources'],
  removeSource: ['DELETE', '/api/sources/:id'],
  startBackfill: ['POST', '/api/sources/:id/backfill'],
  listBackfills: ['GET', '/api/backfills'],
  addIndexerSource: ['POST', '/api/sources/indexer'],
  updateIndexerSource: ['PUT', '/api/sources/:id/indexer'],
  testIndexerSource: ['POST', '/api/sources/indexer/test'],
  startSweep: ['POST', '/api/sources/:id/sweep'],
  listSweeps: ['GET', '/api/sweeps'],
  listAllowlist: ['GET', '/api/allowlist'],
  addAllowlist: ['POST', '/api/allowlist'],
  importAllowlist: ['POST', '/api/allowlist/import'],
  removeAllowlist: ['DELETE', '/api/allowlist/:id'],
  getDiagnostics: ['GET', '/api/diagnostics'],
} as const satisfies Record<string, readonly [HttpVerb, string]>;

export type ApiMethod = keyof typeof API_ROUTES;

export const API_METHODS = Object.keys(API_ROUTES) as ApiMethod[];
