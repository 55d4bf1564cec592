// The one API contract. Both transports (Electron IPC and HTTP + SSE) are built from this table: method names,
// zod schemas for every request and response, the HTTP route of each method, and the event payloads.
// Field names here are a public contract: extend them, never rename or drop them.
import { z } from 'zod';
import { KeyStorage, SettingsUpdate, SettingsView } from './settings';
import { VerdictSchema, VerdictStateSchema } from './verdict';

const nonNegInt = z.number().int().min(0);
const isoTime = z.string(); // ISO 8601, UTC
const hashString = z.string().max(200);

export const VtStatusSchema = z.enum(['ok', 'no-key', 'credentials', 'rate-limited', 'offline']);

// the verdict rule and its schema live in verdict.ts; re-exported here, where the contract's users look for them
export { VerdictSchema, VerdictStateSchema, verdictWithoutAnswer, type Verdict } from './verdict';

export const AlertItemSchema = z.object({
  id: nonNegInt,
  alertId: z.string(),
  timestamp: z.string(),
  epochMs: z.number(),
  manager: z.string(),
  agent: z.object({ id: z.string().nullable(), name: z.string().nullable(), ip: z.string().nullable() }),
  rule: z.object({ id: z.string(), level: z.number(), description: z.string() }),
  path: z.string(),
  /** 'unknown': a row built from Wazuh's own VirusTotal alert about this file (the FIM alert itself was not read) */
  event: z.enum(['added', 'modified', 'deleted', 'unknown']),
  mode: z.string().nullable(),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  sha256: z.string().nullable(),
  size: z.number().nullable(),
  uname: z.string().nullable(),
  whodata: z.object({ user: z.string().nullable(), process: z.string().nullable() }).nullable(),
  sourceId: nonNegInt.nullable(),
  verdict: VerdictSchema,
});
export type AlertItem = z.infer<typeof AlertItemSchema>;

export const SourceStateSchema = z.enum([
  'starting',
  'catching-up',
  'following',
  'waiting',
  'permission-denied',
  'error',
  'stopped',
  /** the file's first 64 KiB hold no Wazuh alert: followed (it may be a log that starts empty), nothing read */
  'unrecognized',
]);
export const SourceStatusSchema = z.object({
  id: nonNegInt,
  path: z.string(),
  kind: z.enum(['file', 'folder']),
  /** the file actually followed (alerts.json inside a folder source) */
  followedPath: z.string(),
  format: z.enum(['json', 'log']).nullable(),
  fromEnd: z.boolean(),
  state: SourceStateSchema,
  /** one sentence for the status bar: "following", "waiting for <path>", "cannot read <path>: ..." */
  message: z.string(),
  bytesRead: nonNegInt,
  offset: nonNegInt,
  size: nonNegInt.nullable(),
  /** bytes read after the offset and held, waiting for the end of an alert (its newline, blank line or next alert) */
  pendingBytes: nonNegInt,
  alertsRead: nonNegInt,
  fimEvents: nonNegInt,
  errors: nonNegInt,
  oversizeLines: nonNegInt,
  lastAlertAt: isoTime.nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

const QuotaWindowSchema = z.object({
  used: nonNegInt,
  limit: nonNegInt,
  left: nonNegInt,
  /** when the next request slot frees in this window (null: a slot is free now) */
  resetsAt: isoTime.nullable(),
});
export const AllowanceSchema = z.object({
  readAt: isoTime,
  hourly: z.object({ allowed: nonNegInt, used: nonNegInt }).nullable(),
  daily: z.object({ allowed: nonNegInt, used: nonNegInt }).nullable(),
  monthly: z.object({ allowed: nonNegInt, used: nonNegInt }).nullable(),
});
export type Allowance = z.infer<typeof AllowanceSchema>;

export const StatsSchema = z.object({
  alertsRead: nonNegInt,
  fimEvents: nonNegInt,
  parseErrors: nonNegInt,
  uniqueHashes: nonNegInt,
  queue: nonNegInt,
  lookups: nonNegInt,
  cacheHits: nonNegInt,
  vtStatus: VtStatusSchema,
  sources: z.array(SourceStatusSchema),
  // extensions
  registryEvents: nonNegInt,
  otherAlerts: nonNegInt,
  oversizeLines: nonNegInt,
  wazuhVerdicts: nonNegInt,
  /** look-ups Wazuh's integration would have spent on the same alerts (one per alert with a hash) */
  wazuhEquivalentRequests: nonNegInt,
  vtStatusMessage: z.string(),
  /** rate-limited: when look-ups resume; offline: when the next try is */
  vtResumesAt: isoTime.nullable(),
  inFlight: nonNegInt,
  quota: z.object({
    minute: QuotaWindowSchema,
    day: QuotaWindowSchema,
    month: QuotaWindowSchema,
    allowance: AllowanceSchema.nullable(),
  }),
  files: z.object({
    malicious: nonNegInt,
    suspicious: nonNegInt,
    clean: nonNegInt,
    unknown: nonNegInt,
    error: nonNegInt,
    pending: nonNegInt,
  }),
  today: z.object({
    /** local midnight, as the analyst reads "today" */
    since: isoTime,
    alerts: nonNegInt,
    filesLookedUp: nonNegInt,
    malicious: nonNegInt,
    suspicious: nonNegInt,
    unknown: nonNegInt,
  }),
  demo: z.boolean(),
});
export type Stats = z.infer<typeof StatsSchema>;

export const EngineResultSchema = z.object({
  engine: z.string(),
  category: z.string(),
  result: z.string().nullable(),
  version: z.string().nullable(),
  update: z.string().nullable(),
});
export type EngineResult = z.infer<typeof EngineResultSchema>;

export const HistoryEntrySchema = z.object({
  id: nonNegInt,
  at: isoTime,
  origin: z.enum(['virustotal', 'wazuh']),
  reason: z.string().nullable(),
  api: z.string().nullable(),
  state: VerdictStateSchema,
  positives: nonNegInt.nullable(),
  total: nonNegInt.nullable(),
  scanDate: isoTime.nullable(),
  permalink: z.string().nullable(),
  error: z.string().nullable(),
  // the file this answer is about (History view)
  sha256: z.string().nullable(),
  sha1: z.string().nullable(),
  md5: z.string().nullable(),
  name: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const ReanalyseProgressSchema = z.object({
  hash: z.string(),
  status: z.enum(['requested', 'queued', 'in-progress', 'completed', 'failed', 'timed-out']),
  startedAt: isoTime,
  elapsedMs: nonNegInt,
  message: z.string(),
  /** when the report that followed the analysis was stored: the reanalysis is over (null until then) */
  reportAt: isoTime.nullable(),
});
export type ReanalyseProgress = z.infer<typeof ReanalyseProgressSchema>;

export const HashDetailSchema = z.object({
  sha256: z.string().nullable(),
  sha1: z.string().nullable(),
  md5: z.string().nullable(),
  names: z.array(z.string()),
  type: z.string().nullable(),
  size: z.number().nullable(),
  threatLabel: z.string().nullable(),
  reputation: z.number().nullable(),
  tags: z.array(z.string()),
  firstSeen: isoTime.nullable(),
  verdict: VerdictSchema,
  engines: z.array(EngineResultSchema),
  history: z.array(HistoryEntrySchema),
  alerts: z.array(AlertItemSchema),
  alertsTotal: nonNegInt,
  queued: z.object({ reason: z.string(), since: isoTime, nextAttemptAt: isoTime.nullable() }).nullable(),
  reanalyse: ReanalyseProgressSchema.nullable(),
});
export type HashDetail = z.infer<typeof HashDetailSchema>;

export const BackfillJobSchema = z.object({
  id: nonNegInt,
  sourceId: nonNegInt,
  from: z.string(),
  to: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  filesTotal: nonNegInt,
  filesDone: nonNegInt,
  bytesTotal: nonNegInt,
  bytesDone: nonNegInt,
  alertsRead: nonNegInt,
  fimEvents: nonNegInt,
  /** files of the range this source had read before (followed live, or imported): only the rest was taken */
  filesAlreadyRead: nonNegInt,
  currentFile: z.string().nullable(),
  message: z.string(),
});
export type BackfillJob = z.infer<typeof BackfillJobSchema>;

export const ParseErrorItemSchema = z.object({
  sourceId: nonNegInt.nullable(),
  sourcePath: z.string(),
  offset: nonNegInt,
  reason: z.string(),
  excerpt: z.string(),
  at: isoTime,
});

/** A calendar day as YYYY-MM-DD (2026-02-30 is refused, not rolled over to March). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'not a day of the calendar');
const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);
const offset = z.coerce.number().int().min(0).max(1e9).default(0);
const optionalText = z.string().trim().max(1000).optional();
const HistoryFilter = z.object({
  q: optionalText,
  state: VerdictStateSchema.optional(),
  origin: z.enum(['virustotal', 'wazuh']).optional(),
  from: day.optional(),
  to: day.optional(),
});

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  demo: z.boolean(),
  transport: z.enum(['ipc', 'http']),
  keyStorage: KeyStorage,
  licences: z.array(z.object({ name: z.string(), licence: z.string() })),
});

type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  http: readonly [HttpVerb, string];
  input: I;
  output: O;
}
const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;
const none = z.object({}).strict();

export const apiContract = {
  getInfo: method({ http: ['GET', '/api/info'], input: none, output: AppInfoSchema }),
  getStats: method({ http: ['GET', '/api/stats'], input: none, output: StatsSchema }),
  listAlerts: method({
    http: ['GET', '/api/alerts'],
    input: z.object({
      limit: limit(1000, 100),
      offset,
      q: optionalText,
      state: VerdictStateSchema.optional(),
      agent: z.string().trim().max(200).optional(),
      event: z.enum(['added', 'modified', 'deleted', 'unknown']).optional(),
      /** page a stable snapshot: only rows with id <= maxId (new rows arrive by events meanwhile) */
      maxId: z.coerce.number().int().min(0).optional(),
    }),
    output: z.object({ total: nonNegInt, items: z.array(AlertItemSchema), maxId: nonNegInt }),
  }),
  listAgents: method({
    http: ['GET', '/api/agents'],
    input: none,
    output: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), alerts: nonNegInt })),
  }),
  getHash: method({
    http: ['GET', '/api/hashes/:hash'],
    input: z.object({ hash: hashString }),
    output: HashDetailSchema,
  }),
  rescan: method({
    http: ['POST', '/api/rescan'],
    input: z.object({ hash: hashString, reanalyse: z.boolean().optional() }).strict(),
    output: z.object({ hash: z.string(), queued: z.boolean(), reanalyse: z.boolean(), message: z.string() }),
  }),
  lookupHashes: method({
    http: ['POST', '/api/lookup'],
    input: z.object({ text: z.string().max(2_000_000) }).strict(),
    output: z.object({
      accepted: z.array(z.object({ hash: z.string(), kind: z.enum(['md5', 'sha1', 'sha256']) })),
      /** the first 100 refused values, each cut to 80 characters ("…"): see LOOKUP_LIMITS */
      rejected: z.array(z.object({ input: z.string(), reason: z.string() })),
      /** how many were refused in all (more than `rejected` holds when the list was cut) */
      rejectedTotal: nonNegInt,
    }),
  }),
  listHistory: method({
    http: ['GET', '/api/history'],
    input: HistoryFilter.extend({ limit: limit(1000, 100), offset }),
    output: z.object({ total: nonNegInt, items: z.array(HistoryEntrySchema) }),
  }),
  exportHistory: method({
    http: ['GET', '/api/history/export'],
    input: HistoryFilter.extend({ format: z.enum(['csv', 'json']) }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string(), rows: nonNegInt }),
  }),
  historySummary: method({
    http: ['GET', '/api/history/summary'],
    input: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
    output: z.object({
      days: z.array(z.object({ day: z.string(), lookups: nonNegInt, malicious: nonNegInt, suspicious: nonNegInt })),
      topAgents: z.array(
        z.object({ agentId: z.string().nullable(), agentName: z.string().nullable(), maliciousFiles: nonNegInt }),
      ),
      totals: z.object({ answers: nonNegInt, fromWazuh: nonNegInt, malicious: nonNegInt, files: nonNegInt }),
    }),
  }),
  getSettings: method({ http: ['GET', '/api/settings'], input: none, output: SettingsView }),
  putSettings: method({ http: ['PUT', '/api/settings'], input: SettingsUpdate.strict(), output: SettingsView }),
  testKey: method({
    http: ['POST', '/api/settings/test-key'],
    input: z.object({ apiKey: z.string().max(512).optional() }).strict(),
    output: z.object({
      ok: z.boolean(),
      status: VtStatusSchema,
      message: z.string(),
      allowance: AllowanceSchema.nullable(),
      /** what the allowance looks like: 'public' (4/min, 500/day) or 'premium' */
      plan: z.enum(['public', 'premium']).nullable(),
    }),
  }),
  listSources: method({ http: ['GET', '/api/sources'], input: none, output: z.array(SourceStatusSchema) }),
  addSource: method({
    http: ['POST', '/api/sources'],
    input: z
      .object({ path: z.string().trim().min(1, 'a path is needed').max(4096), fromEnd: z.boolean().default(false) })
      .strict(),
    output: SourceStatusSchema,
  }),
  removeSource: method({
    http: ['DELETE', '/api/sources/:id'],
    input: z.object({ id: z.coerce.number().int().min(0) }),
    output: z.object({ removed: z.boolean() }),
  }),
  startBackfill: method({
    http: ['POST', '/api/sources/:id/backfill'],
    input: z.object({ id: z.coerce.number().int().min(0), from: day, to: day }),
    output: BackfillJobSchema,
  }),
  listBackfills: method({ http: ['GET', '/api/backfills'], input: none, output: z.array(BackfillJobSchema) }),
  getDiagnostics: method({
    http: ['GET', '/api/diagnostics'],
    input: none,
    output: z.object({
      parseErrors: z.array(ParseErrorItemSchema),
      sources: z.array(SourceStatusSchema),
      vtStatus: VtStatusSchema,
      vtStatusMessage: z.string(),
      lastVtError: z.string().nullable(),
      dataDir: z.string(),
      database: z.object({ sizeBytes: nonNegInt, alerts: nonNegInt, files: nonNegInt, lookups: nonNegInt }),
      /** the retention settings and what they remove next (files, verdicts and history are always kept) */
      retention: z.object({
        days: z.number().nullable(),
        maxGB: z.number().nullable(),
        /** bytes the database uses (its file can be larger until freed space is given back) */
        usedBytes: nonNegInt,
        /** alerts the rules remove next (by size: an estimate), all older than `before` */
        nextAlerts: nonNegInt,
        before: isoTime.nullable(),
        reason: z.enum(['age', 'size']).nullable(),
      }),
      /** things the analyst should know about this run (a damaged database rebuilt, ...) */
      notices: z.array(z.string()),
    }),
  }),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiContract[M]['output']>;

export const API_METHODS = Object.keys(apiContract) as ApiMethod[];

export const ApiEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('alerts'),
    /** the newest rows stored by one batch, newest first */
    items: z.array(AlertItemSchema),
    /** rows of the same batch left out of `items` (a large catch-up): refetch the page to see them */
    dropped: nonNegInt,
  }),
  z.object({
    type: z.literal('verdict'),
    sha256: z.string().nullable(),
    sha1: z.string().nullable(),
    md5: z.string().nullable(),
    verdict: VerdictSchema,
    /** the state before this answer: a notification fires when a file turns malicious */
    previousState: VerdictStateSchema.nullable(),
    /** a path this file was seen at, for notifications */
    path: z.string().nullable(),
  }),
  z.object({ type: z.literal('stats'), stats: StatsSchema }),
  z.object({ type: z.literal('source'), source: SourceStatusSchema }),
  z.object({ type: z.literal('backfill'), job: BackfillJobSchema }),
  z.object({ type: z.literal('reanalyse'), progress: ReanalyseProgressSchema }),
  z.object({ type: z.literal('open-file'), hash: z.string() }),
]);
export type ApiEvent = z.infer<typeof ApiEventSchema>;

export interface ApiErrorBody {
  code: 'bad-request' | 'not-found' | 'unauthorized' | 'forbidden' | 'conflict' | 'internal';
  message: string;
  /** field path -> message, for forms */
  fields?: Record<string, string>;
}

/** Every IPC reply and every transport result: never a thrown object across the boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** The renderer's view of the engine: the same object whichever transport is behind it. */
export type Api = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>>;
} & {
  subscribe(listener: (event: ApiEvent) => void): () => void;
};

/** An error thrown by an Api call in the renderer, carrying the server's message and field errors. */
export class ApiCallError extends Error {
  constructor(
    readonly body: ApiErrorBody,
    readonly method: string,
  ) {
    super(body.message);
    this.name = 'ApiCallError';
  }
}

/** zod issues -> a message and a field map (for "errors next to the field"). */
export function describeZodError(error: z.ZodError): ApiErrorBody {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(request)';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === '(request)' ? first[1] : `${first[0]}: ${first[1]}`) : 'invalid request';
  return { code: 'bad-request', message, fields };
}
