// What the renderer's store runs on in a unit test: an Api whose answers the test gives, in the order it chooses
// (each call waits until answered), events the test emits, animation frames the test runs, a connection whose
// epoch it moves, and an in-memory sessionStorage. Fixtures are checked against the contract's schemas.
import {
  AlertItemSchema,
  BackfillJobSchema,
  HashDetailSchema,
  SourceStatusSchema,
  StatsSchema,
  VerdictSchema,
  type AlertItem,
  type Api,
  type ApiEvent,
  type ApiMethod,
  type ApiOutput,
  type BackfillJob,
  type HashDetail,
  type SourceStatus,
  type Stats,
  type Verdict,
} from '../../../shared/contract';
import { createConnection, type MutableConnection } from '../../../renderer/src/api/connection';
import { EngineStore } from '../../../renderer/src/store/engineStore';

export interface Call {
  method: ApiMethod;
  input: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Let every answer already given run its callbacks (all pending promise jobs run before setImmediate). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function fakeApi() {
  const calls: Call[] = [];
  const listeners = new Set<(event: ApiEvent) => void>();
  const api = new Proxy({} as Api, {
    get(_target, name: string) {
      if (name === 'subscribe')
        return (listener: (event: ApiEvent) => void) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        };
      return (input: unknown) =>
        new Promise((resolve, reject) => calls.push({ method: name as ApiMethod, input, resolve, reject }));
    },
  });
  const take = (method: ApiMethod): Call => {
    const index = calls.findIndex((c) => c.method === method);
    if (index < 0) throw new Error(`no ${method} call is waiting (waiting: ${calls.map((c) => c.method).join(', ')})`);
    return calls.splice(index, 1)[0];
  };
  return {
    api,
    calls,
    /** how many calls of this method wait for their answer */
    waiting: (method: ApiMethod) => calls.filter((c) => c.method === method).length,
    take,
    /** answer the oldest waiting call of this method, and let the store take it in */
    async answer<M extends ApiMethod>(method: M, value: ApiOutput<M>): Promise<unknown> {
      const call = take(method);
      call.resolve(value);
      await settle();
      return call.input;
    },
    async fail(method: ApiMethod, error: unknown): Promise<void> {
      take(method).reject(error);
      await settle();
    },
    emit(event: ApiEvent): void {
      for (const listener of [...listeners]) listener(event);
    },
    get listeners() {
      return listeners.size;
    },
  };
}
export type FakeApi = ReturnType<typeof fakeApi>;

/** requestAnimationFrame that runs when the test says a frame has come. */
export function fakeFrames() {
  let next = 1;
  const due = new Map<number, () => void>();
  return {
    requestFrame(callback: () => void): number {
      due.set(next, callback);
      return next++;
    },
    cancelFrame(handle: number): void {
      due.delete(handle);
    },
    /** one animation frame: what was asked for before it runs (what they ask for waits for the next) */
    run(): void {
      const now = [...due.values()];
      due.clear();
      for (const callback of now) callback();
    },
    get waiting(): number {
      return due.size;
    },
  };
}

export interface MemoryStorage {
  data: Map<string, string>;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The store's environment in a test: frames it runs, and what the store tells the page (recorded). */
export function testEnvironment(storage: MemoryStorage | null = memoryStorage()) {
  const frames = fakeFrames();
  const told = { firstPages: 0, painted: [] as number[], opened: [] as string[] };
  const env = {
    requestFrame: frames.requestFrame,
    cancelFrame: frames.cancelFrame,
    firstPage: () => void (told.firstPages += 1),
    batchPainted: (rows: number) => void told.painted.push(rows),
    onOpenFile: (hash: string) => void told.opened.push(hash),
    storage,
  };
  return { frames, env, told };
}

/** A started store on a fake Api, with everything a test drives or reads. */
export function openStore(storage: MemoryStorage | null = memoryStorage()) {
  const server = fakeApi();
  const { frames, env, told } = testEnvironment(storage);
  const connection = testConnection();
  const store = new EngineStore(server.api, connection, env);
  let draws = 0;
  store.subscribe(() => (draws += 1));
  store.start();
  return { server, frames, connection, store, told, draws: () => draws };
}

export function memoryStorage(): MemoryStorage {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

export function testConnection(): MutableConnection {
  return createConnection('open');
}

/** The stream came back after a loss (what eventStream.ts does when it reopens). */
export function reconnect(connection: MutableConnection): void {
  connection.set({ state: 'reconnecting', lostAt: 1 });
  connection.set({ state: 'open', epoch: connection.get().epoch + 1, lostAt: null });
}

// --- fixtures, valid by the contract
const quotaWindow = (used: number, limit: number) => ({ used, limit, left: limit - used, resetsAt: null });

export function stats(change: Partial<Stats> = {}): Stats {
  return StatsSchema.parse({
    alertsRead: 0,
    fimEvents: 0,
    parseErrors: 0,
    uniqueHashes: 0,
    queue: 0,
    lookups: 0,
    cacheHits: 0,
    vtStatus: 'ok',
    sources: [],
    registryEvents: 0,
    otherAlerts: 0,
    oversizeLines: 0,
    wazuhVerdicts: 0,
    wazuhEquivalentRequests: 0,
    vtStatusMessage: 'ready',
    vtResumesAt: null,
    inFlight: 0,
    quota: { minute: quotaWindow(0, 4), day: quotaWindow(0, 500), month: quotaWindow(0, 15500), allowance: null },
    files: { malicious: 0, suspicious: 0, clean: 0, unknown: 0, error: 0, pending: 0 },
    today: { since: '2024-05-01T00:00:00.000Z', alerts: 0, filesLookedUp: 0, malicious: 0, suspicious: 0, unknown: 0 },
    demo: false,
    ...change,
  });
}

export function source(id: number, change: Partial<SourceStatus> = {}): SourceStatus {
  return SourceStatusSchema.parse({
    id,
    path: `/var/ossec/logs/alerts/source-${id}.json`,
    kind: 'file',
    followedPath: `/var/ossec/logs/alerts/source-${id}.json`,
    format: 'json',
    fromEnd: false,
    state: 'following',
    message: 'following',
    bytesRead: 0,
    offset: 0,
    size: 0,
    pendingBytes: 0,
    alertsRead: 0,
    fimEvents: 0,
    errors: 0,
    oversizeLines: 0,
    lastAlertAt: null,
    ...change,
  });
}

export function verdict(state: Verdict['state'], checkedAt: string | null, positives: number | null = null): Verdict {
  return VerdictSchema.parse({
    state,
    positives,
    total: positives === null ? null : 70,
    permalink: null,
    scanDate: null,
    checkedAt,
    origin: checkedAt ? 'virustotal' : null,
    reason: null,
  });
}

export const PENDING = verdict('pending', null);

/** the three hashes of test file `n` */
export function hashesOf(n: number): { md5: string; sha1: string; sha256: string } {
  const hex = n.toString(16).padStart(4, '0');
  return { md5: hex.repeat(8), sha1: hex.repeat(10), sha256: hex.repeat(16) };
}

export function alert(id: number, file: number, change: Partial<AlertItem> = {}): AlertItem {
  return AlertItemSchema.parse({
    id,
    alertId: `1714550400.${id}`,
    timestamp: '2024-05-01T08:00:00.000+0000',
    epochMs: 1714550400000 + id,
    manager: 'wazuh-manager',
    agent: { id: '001', name: 'web-01', ip: null },
    rule: { id: '554', level: 5, description: 'File added to the system.' },
    path: `/var/www/html/file-${file}.php`,
    event: 'added',
    mode: 'realtime',
    ...hashesOf(file),
    size: 100,
    uname: 'root',
    whodata: null,
    sourceId: 1,
    verdict: PENDING,
    ...change,
  });
}

export function verdictEvent(file: number, v: Verdict): ApiEvent {
  return { type: 'verdict', ...hashesOf(file), verdict: v, previousState: null, path: null };
}

export function job(id: number, change: Partial<BackfillJob> = {}): BackfillJob {
  return BackfillJobSchema.parse({
    id,
    sourceId: 1,
    from: '2024-04-01',
    to: '2024-04-07',
    state: 'running',
    filesTotal: 7,
    filesDone: 0,
    bytesTotal: 7000,
    bytesDone: 0,
    alertsRead: 0,
    fimEvents: 0,
    filesAlreadyRead: 0,
    currentFile: null,
    message: '',
    ...change,
  });
}

/** What the engine answers about test file `n` (getHash) with nothing known beyond its hashes, plus `change`. */
export function hashDetail(n: number, change: Partial<HashDetail> = {}): HashDetail {
  const unknown = ['type', 'size', 'threatLabel', 'reputation', 'firstSeen', 'queued', 'reanalyse'];
  const none = ['names', 'tags', 'engines', 'history', 'alerts'];
  return HashDetailSchema.parse({
    ...hashesOf(n),
    ...Object.fromEntries(unknown.map((key) => [key, null])),
    ...Object.fromEntries(none.map((key) => [key, []])),
    verdict: PENDING,
    alertsTotal: 0,
    ...change,
  });
}
