// A small real ApiBackend for transport tests (HTTP server, IPC): fixed answers that match the contract, a log of
// the parsed inputs each handler received, and an event emitter. Not the engine: the engine has its own tests.
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { ApiEvent, ApiMethod, HashDetail, Verdict } from '../../shared/contract';
import { ApiError, type ApiBackend, type ApiHandlers } from '../../electron/core/api/types';
import { startedBackfillJob } from '../../electron/core/sources/backfillJob';

export const FAKE_KEY = 'FAKE-VT-KEY-7f3e9c1d2b4a68f0e5d7c9b1a3f5e7d9';

export const VERDICT: Verdict = {
  state: 'clean',
  positives: 0,
  total: 70,
  permalink: null,
  scanDate: null,
  checkedAt: null,
  origin: null,
  reason: null,
};

export const SETTINGS_VIEW = {
  ...DEFAULT_SETTINGS,
  apiKeySet: true,
  apiKeySource: 'stored' as const,
  keyStorage: { kind: 'owner-only-file' as const, encrypted: false, message: 'stored in a file' },
  overriddenByFlags: [] as string[],
  apiKeyWithheld: null,
  lockedOverHttp: ['baseUrl', 'integrationLog', 'malwareBazaarUrl', 'webhookUrl', 'wazuhSocket'] as (
    'baseUrl' | 'integrationLog' | 'malwareBazaarUrl' | 'webhookUrl' | 'wazuhSocket'
  )[],
  malwareBazaarKeySet: false,
  malwareBazaarKeySource: null,
  malwareBazaarKeyWithheld: null,
};

const HEX = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;

function hashDetail(hash: string): HashDetail {
  return {
    sha256: hash.length === 64 ? hash : null,
    sha1: hash.length === 40 ? hash : null,
    md5: hash.length === 32 ? hash : null,
    names: [],
    type: null,
    size: null,
    threatLabel: null,
    reputation: null,
    tags: [],
    firstSeen: null,
    verdict: VERDICT,
    engines: [],
    history: [],
    alerts: [],
    alertsTotal: 0,
    queued: null,
    reanalyse: null,
    risk: null,
    answers: [],
    allowlisted: [],
    vt: null,
    triage: { state: 'new', note: null, by: null, at: null },
    triageHistory: [],
    places: [],
  };
}

export interface FakeBackend extends ApiBackend {
  calls: { method: ApiMethod; input: unknown }[];
  emit(event: ApiEvent | Record<string, unknown>): void;
  readonly listenerCount: number;
}

export function fakeApiBackend(): FakeBackend {
  const listeners = new Set<(event: ApiEvent) => void>();
  const calls: { method: ApiMethod; input: unknown }[] = [];
  const record = (method: ApiMethod, input: unknown) => calls.push({ method, input });
  const implemented: Partial<ApiHandlers> = {
    getInfo: (input) => {
      record('getInfo', input);
      return {
        name: 'FIM Verdict',
        version: '0.0.0-test',
        dataDir: '/tmp/x',
        demo: false,
        transport: 'http',
        keyStorage: SETTINGS_VIEW.keyStorage,
        licences: [],
      };
    },
    listAlerts: (input) => {
      record('listAlerts', input);
      return { total: 0, items: [], maxId: 0 };
    },
    listAgents: () => [],
    getHash: (input) => {
      record('getHash', input);
      if (!HEX.test(input.hash)) {
        const message = 'not a hash: an md5, sha1 or sha256 is 32, 40 or 64 hex digits';
        throw new ApiError('bad-request', `hash: ${message}`, { hash: message });
      }
      return hashDetail(input.hash.toLowerCase());
    },
    rescan: (input) => {
      record('rescan', input);
      return { hash: input.hash, queued: true, reanalyse: input.reanalyse ?? false, message: 'queued' };
    },
    exportHistory: (input) => {
      record('exportHistory', input);
      const content = input.format === 'csv' ? 'at,state\n2024-01-01T00:00:00Z,clean\n' : '[]';
      return {
        filename: `history.${input.format}`,
        mimeType: input.format === 'csv' ? 'text/csv' : 'application/json',
        content,
        rows: 1,
      };
    },
    // answers with more than the contract names: the transport must drop it
    getSettings: () => ({ ...SETTINGS_VIEW, apiKey: FAKE_KEY }) as typeof SETTINGS_VIEW,
    putSettings: (input) => {
      record('putSettings', input);
      return { ...SETTINGS_VIEW, ...(input.threshold ? { threshold: input.threshold } : {}) };
    },
    // an unexpected failure whose message holds the key: the answer must not
    testKey: () => {
      throw new Error(`upstream rejected key ${FAKE_KEY}`);
    },
    // an answer outside the contract
    listSources: () => [{ id: -1 }] as never,
    removeSource: (input) => {
      record('removeSource', input);
      return { removed: true };
    },
    startBackfill: (input) => {
      record('startBackfill', input);
      return startedBackfillJob({ id: 1, sourceId: input.id, from: input.from, to: input.to, message: 'started' });
    },
    getDiagnostics: () => {
      throw new ApiError('not-found', 'no diagnostics yet');
    },
  };
  const handlers = new Proxy(implemented, {
    get(target, name: string) {
      return (
        target[name as ApiMethod] ??
        (() => {
          throw new ApiError('internal', `${name} is not part of this fake`);
        })
      );
    },
  }) as ApiHandlers;
  return {
    handlers,
    calls,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of [...listeners]) listener(event as ApiEvent);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
