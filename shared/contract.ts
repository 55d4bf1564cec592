// The one API contract. Both transports (Electron IPC and HTTP + SSE) are built from this table: method names,
// zod schemas for every request and response, the HTTP route of each method, and the event payloads.
// Field names here are a public contract: extend them, never rename or drop them.
import { z } from 'zod';
import type { ApiErrorBody } from './apiError';
import { API_ROUTES, type HttpVerb } from './apiRoutes';
import {
  IndexerSourceInput,
  IndexerSourceUpdate,
  IndexerSourceView,
  IndexerTestInput,
  IndexerTestResult,
  SweepJobSchema,
} from './indexer';
import { ALLOWLIST_LIMITS, AllowlistEntrySchema, AllowlistWhy, AllowlistWho } from './allowlist';
import { ProviderAnswerSchema, ProviderStatsSchema } from './providers';
import { KeyStorage, SettingsUpdate, SettingsView } from './settings';
import { AnswerOriginSchema, VerdictSchema, VerdictStateSchema } from './verdict';
import { VtDetailsSchema } from './vtDetails';
import {
  FileRowSchema,
  FilesFilterSchema,
  FilePlaceSchema,
  SetTriageInput,
  SetTriageOutput,
  TriageChangeSchema,
  TriageSchema,
  TriageStateSchema,
} from './triage';

const nonNegInt = z.number().int().min(0);
const isoTime = z.string(); // ISO 8601, UTC
const hashString = z.string().max(200);

/** 'off': VirusTotal is switched off (Settings, or --providers without it): files wait for it, nothing is lost */
export const VtStatusSchema = z.enum(['ok', 'no-key', 'credentials', 'rate-limited', 'offline', 'off']);

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
  /** a file's or folder's path; an indexer source's URLs (comma-separated) */
  path: z.string(),
  /** file sources: a file or a logs/alerts folder; 'indexer': a Wazuh indexer (its details in `indexer`) */
  kind: z.enum(['file', 'folder', 'indexer']),
  /** the file actually followed (alerts.json inside a folder source) */
  followedPath: z.string(),
  /** json: alerts.json; log: alerts.log; event5: the Wazuh 5 engine's event output (one event a line) */
  format: z.enum(['json', 'log', 'event5']).nullable(),
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
  // extensions
  /** the kind of source (sources/registry.ts): 'file' follows alert files, 'indexer' polls a Wazuh indexer */
  type: z.enum(['file', 'indexer']).default('file'),
  /** an indexer source's settings (never its password), the Wazuh version found, the lag, its warnings; null for files */
  indexer: IndexerSourceView.nullable().default(null),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const WebhookDeliverySchema = z.object({
  id: nonNegInt,
  /** 'malicious' (a file turned malicious) or 'triage' */
  kind: z.string(),
  sha256: z.string().nullable(),
  createdAt: isoTime,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: nonNegInt,
  lastAttemptAt: isoTime.nullable(),
  /** the HTTP status of the last try (null: no answer) */
  httpStatus: z.number().int().nullable(),
  /** why the last try failed, in words */
  error: z.string().nullable(),
  deliveredAt: isoTime.nullable(),
  /** a pending delivery's next try */
  nextAttemptAt: isoTime.nullable(),
});
export const WebhookDiagnosticsSchema = z.object({
  configured: z.boolean(),
  target: z.string().nullable(),
  format: z.enum(['json', 'slack']),
  pending: nonNegInt,
  delivered: nonNegInt,
  failed: nonNegInt,
  recent: z.array(WebhookDeliverySchema),
});

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

/** --wazuh-socket: verdicts posted to Wazuh 5's queue-http socket, from an outbox in SQLite. */
export const WazuhQueueStatusSchema = z.object({
  socket: z.string(),
  state: z.enum(['idle', 'sending', 'retrying']),
  /** "all sent", "sending 200 verdict events", "<path> does not exist: ...: retrying at hh:mm:ss" */
  message: z.string(),
  pending: nonNegInt,
  sent: nonNegInt,
  /** events Wazuh refused (400), kept with its message */
  setAside: nonNegInt,
  /** Wazuh's message for the last event it refused */
  lastSetAside: z.string().nullable(),
});
export type WazuhQueueStatus = z.infer<typeof WazuhQueueStatusSchema>;

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
    /** a free source, the allowlist or the app itself (the empty file) knows it: VirusTotal was not asked */
    knownGood: nonNegInt,
  }),
  today: z.object({
    /** local midnight, as the analyst reads "today" */
    since: isoTime,
    alerts: nonNegInt,
    filesLookedUp: nonNegInt,
    malicious: nonNegInt,
    suspicious: nonNegInt,
    unknown: nonNegInt,
    knownGood: nonNegInt,
  }),
  demo: z.boolean(),
  /** the Wazuh 5 FIM inventory sweeps of this run (newest first): files read, unique hashes, known, queued */
  sweeps: z.array(SweepJobSchema).default([]),
  /** the Wazuh 5 queue socket output (--wazuh-socket); null when not used */
  wazuhQueue: WazuhQueueStatusSchema.nullable().default(null),
  /**
   * Every provider, in the order files are asked (the app itself, the allowlist, the free sources, VirusTotal):
   * its status, requests sent and files it answered found. `lookups` and `vtStatus` above stay VirusTotal's.
   */
  providers: z.array(ProviderStatsSchema),
  /** files with a malicious or suspicious verdict whose triage is still new ("untriaged detections") */
  untriaged: nonNegInt,
});
export type Stats = z.infer<typeof StatsSchema>;
export { SweepJobSchema, type SweepJob } from './indexer';

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
  /** who answered: VirusTotal, Wazuh's own integration, CIRCL hashlookup, MalwareBazaar, the allowlist, the app */
  origin: AnswerOriginSchema,
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
  /** the answer in one line: "known good: NSRL, Windows 10 22H2", "not known to CIRCL hashlookup" */
  why: z.string().nullable().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** How risky a file looks from its alerts (electron/core/lookups/risk.ts): the queue asks about the riskiest first. */
export const RiskSchema = z.object({
  score: z.number().int().min(0).max(100),
  level: z.enum(['high', 'medium', 'low']),
  /** "high: executable in a user temp folder, first seen, one agent" */
  explanation: z.string(),
});
export type Risk = z.infer<typeof RiskSchema>;

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
  queued: z
    .object({
      reason: z.string(),
      since: isoTime,
      nextAttemptAt: isoTime.nullable(),
      /** the provider the file waits for (circl, malwarebazaar, virustotal...) */
      provider: z.string().optional(),
    })
    .nullable(),
  reanalyse: ReanalyseProgressSchema.nullable(),
  /** the highest risk its alerts gave it, and why (null: no alert gave one, e.g. a pasted hash) */
  risk: RiskSchema.nullable(),
  /** the newest found answer of each provider other than VirusTotal, with its details */
  answers: z.array(ProviderAnswerSchema),
  /** the allowlist entries that name this file (its hash, or a glob on a path it was seen at) */
  allowlisted: z.array(AllowlistEntrySchema),
  /** what VirusTotal's own page shows, read from the newest stored found answer (null: no such answer) */
  vt: VtDetailsSchema.nullable(),
  /** the analyst's decision about the file now, and every change of it (beside the verdicts' history) */
  triage: TriageSchema,
  triageHistory: z.array(TriageChangeSchema),
  /** the agents that have the file, each with its paths and times (prevalence) */
  places: z.array(FilePlaceSchema),
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
  // extensions: an indexer source's backfill reads documents, not files
  /** documents read from the indexer (0 for a file source's backfill) */
  documentsRead: nonNegInt.default(0),
  /** documents the range holds, as the indexer counted them (null: a file source's, or not known yet) */
  documentsTotal: nonNegInt.nullable().default(null),
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
/** The Live view's filters: the input of the list, its export and a row's position (each extends it). */
const AlertsFilterInput = z.object({
  q: optionalText,
  state: VerdictStateSchema.optional(),
  agent: z.string().trim().max(200).optional(),
  event: z.enum(['added', 'modified', 'deleted', 'unknown']).optional(),
  /** the triage state of the alert's file */
  triage: TriageStateSchema.optional(),
});
/** a snapshot of the Live rows: only rows with id <= maxId */
const snapshotMaxId = z.coerce.number().int().min(0).optional();
const HistoryFilter = z.object({
  q: optionalText,
  state: VerdictStateSchema.optional(),
  origin: AnswerOriginSchema.optional(),
  from: day.optional(),
  to: day.optional(),
});

/**
 * The whole-file check of the database (PRAGMA quick_check): at start after a run that did not stop cleanly, else
 * in the background while the engine serves. `damaged`: the next start moves the file aside and rebuilds it.
 */
export const DatabaseCheckSchema = z.object({
  when: z.enum(['at-start', 'background']),
  state: z.enum(['running', 'ok', 'damaged', 'failed']),
  /** why it ran when it did */
  reason: z.string(),
  /** what it found or why it could not run */
  message: z.string().nullable(),
  finishedAt: isoTime.nullable(),
});
export type DatabaseCheck = z.infer<typeof DatabaseCheckSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  demo: z.boolean(),
  transport: z.enum(['ipc', 'http']),
  keyStorage: KeyStorage,
  licences: z.array(z.object({ name: z.string(), licence: z.string() })),
});

interface MethodSpec<I extends z.ZodType, O extends z.ZodType> {
  http: readonly [HttpVerb, string];
  input: I;
  output: O;
}
const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;
const none = z.object({}).strict();

export const apiContract = {
  getInfo: method({ http: API_ROUTES.getInfo, input: none, output: AppInfoSchema }),
  getStats: method({ http: API_ROUTES.getStats, input: none, output: StatsSchema }),
  listAlerts: method({
    http: API_ROUTES.listAlerts,
    input: AlertsFilterInput.extend({
      limit: limit(1000, 100),
      offset,
      /** page a stable snapshot: only rows with id <= maxId (new rows arrive by events meanwhile) */
      maxId: snapshotMaxId,
    }),
    output: z.object({ total: nonNegInt, items: z.array(AlertItemSchema), maxId: nonNegInt }),
  }),
  exportAlerts: method({
    http: API_ROUTES.exportAlerts,
    input: AlertsFilterInput.extend({
      format: z.enum(['csv', 'json']),
      /** only alerts with id <= maxId (the snapshot a count from /api/alerts gave); absent: those stored now */
      maxId: snapshotMaxId,
    }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string(), rows: nonNegInt }),
  }),
  /**
   * Where one alert stands in the Live table (the offset /api/alerts would give it, under the same filters and
   * `maxId`): the newest alert at or before `at` (an ISO time, or a day: the end of that day, the server's time),
   * or the alert with a Wazuh alert id. 404 when none of the rows shown is the one asked.
   */
  locateAlert: method({
    http: API_ROUTES.locateAlert,
    input: AlertsFilterInput.extend({
      at: z
        .string()
        .trim()
        .max(40)
        .refine((t) => !Number.isNaN(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00` : t)), {
          message: 'a date (YYYY-MM-DD) or an ISO 8601 time',
        })
        .optional(),
      alertId: z
        .string()
        .trim()
        .min(1)
        .max(64)
        .regex(/^[\w.:-]+$/, 'a Wazuh alert id, like 1717171717.123456')
        .optional(),
      maxId: snapshotMaxId,
    }).refine((x) => (x.at === undefined) !== (x.alertId === undefined), {
      message: 'give either at (a date or time) or alertId',
      path: ['at'],
    }),
    output: z.object({
      /** the row's index among the rows /api/alerts pages through (newest first) */
      offset: nonNegInt,
      id: nonNegInt,
      alertId: z.string(),
      epochMs: z.number(),
    }),
  }),
  listAgents: method({
    http: API_ROUTES.listAgents,
    input: none,
    output: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), alerts: nonNegInt })),
  }),
  getHash: method({
    http: API_ROUTES.getHash,
    input: z.object({ hash: hashString }),
    output: HashDetailSchema,
  }),
  rescan: method({
    http: API_ROUTES.rescan,
    input: z.object({ hash: hashString, reanalyse: z.boolean().optional() }).strict(),
    output: z.object({ hash: z.string(), queued: z.boolean(), reanalyse: z.boolean(), message: z.string() }),
  }),
  lookupHashes: method({
    http: API_ROUTES.lookupHashes,
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
    http: API_ROUTES.listHistory,
    input: HistoryFilter.extend({ limit: limit(1000, 100), offset }),
    output: z.object({ total: nonNegInt, items: z.array(HistoryEntrySchema) }),
  }),
  exportHistory: method({
    http: API_ROUTES.exportHistory,
    input: HistoryFilter.extend({ format: z.enum(['csv', 'json']) }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string(), rows: nonNegInt }),
  }),
  historySummary: method({
    http: API_ROUTES.historySummary,
    input: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
    output: z.object({
      days: z.array(z.object({ day: z.string(), lookups: nonNegInt, malicious: nonNegInt, suspicious: nonNegInt })),
      topAgents: z.array(
        z.object({ agentId: z.string().nullable(), agentName: z.string().nullable(), maliciousFiles: nonNegInt }),
      ),
      totals: z.object({ answers: nonNegInt, fromWazuh: nonNegInt, malicious: nonNegInt, files: nonNegInt }),
    }),
  }),
  setTriage: method({ http: API_ROUTES.setTriage, input: SetTriageInput, output: SetTriageOutput }),
  listFiles: method({
    http: API_ROUTES.listFiles,
    input: FilesFilterSchema.extend({ limit: limit(1000, 100), offset }),
    output: z.object({ total: nonNegInt, items: z.array(FileRowSchema) }),
  }),
  exportFiles: method({
    http: API_ROUTES.exportFiles,
    input: FilesFilterSchema.extend({
      format: z.enum(['csv', 'json']),
      /** only these files (a selection), comma-separated (at most 200); absent: every file the filters match */
      hashes: z
        .union([z.string().max(20_000), z.array(z.string().max(20_000)).max(200)])
        .transform((v) =>
          (Array.isArray(v) ? v : [v])
            .flatMap((h) => h.split(','))
            .map((h) => h.trim())
            .filter(Boolean),
        )
        .refine((list) => list.length <= 200, 'at most 200 files at a time: export the filtered list instead')
        .optional(),
    }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string(), rows: nonNegInt }),
  }),
  getSettings: method({ http: API_ROUTES.getSettings, input: none, output: SettingsView }),
  putSettings: method({ http: API_ROUTES.putSettings, input: SettingsUpdate.strict(), output: SettingsView }),
  testKey: method({
    http: API_ROUTES.testKey,
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
  listSources: method({ http: API_ROUTES.listSources, input: none, output: z.array(SourceStatusSchema) }),
  addSource: method({
    http: API_ROUTES.addSource,
    input: z
      .object({ path: z.string().trim().min(1, 'a path is needed').max(4096), fromEnd: z.boolean().default(false) })
      .strict(),
    output: SourceStatusSchema,
  }),
  removeSource: method({
    http: API_ROUTES.removeSource,
    input: z.object({ id: z.coerce.number().int().min(0) }),
    output: z.object({ removed: z.boolean() }),
  }),
  startBackfill: method({
    http: API_ROUTES.startBackfill,
    input: z.object({ id: z.coerce.number().int().min(0), from: day, to: day }),
    output: BackfillJobSchema,
  }),
  listBackfills: method({ http: API_ROUTES.listBackfills, input: none, output: z.array(BackfillJobSchema) }),
  addIndexerSource: method({
    http: API_ROUTES.addIndexerSource,
    input: IndexerSourceInput.strict(),
    output: SourceStatusSchema,
  }),
  updateIndexerSource: method({
    http: API_ROUTES.updateIndexerSource,
    input: IndexerSourceUpdate.extend({ id: z.coerce.number().int().min(0) }).strict(),
    output: SourceStatusSchema,
  }),
  testIndexerSource: method({
    http: API_ROUTES.testIndexerSource,
    input: IndexerTestInput.strict(),
    output: IndexerTestResult,
  }),
  startSweep: method({
    http: API_ROUTES.startSweep,
    input: z.object({ id: z.coerce.number().int().min(0) }),
    output: SweepJobSchema,
  }),
  listSweeps: method({ http: API_ROUTES.listSweeps, input: none, output: z.array(SweepJobSchema) }),
  listAllowlist: method({
    http: API_ROUTES.listAllowlist,
    input: z.object({ limit: limit(1000, 100), offset, q: optionalText }),
    output: z.object({
      total: nonNegInt,
      items: z.array(AllowlistEntrySchema),
      /** how many entries of each kind there are, and may be */
      counts: z.object({ hashes: nonNegInt, paths: nonNegInt, maxHashes: nonNegInt, maxPaths: nonNegInt }),
    }),
  }),
  addAllowlist: method({
    http: API_ROUTES.addAllowlist,
    input: z
      .object({
        /** hashes and path globs (a file page: one hash; a selection of rows: their hashes) */
        values: z.array(z.string().max(4096)).min(1, 'nothing to add').max(ALLOWLIST_LIMITS.maxValuesPerRequest),
        why: AllowlistWhy,
        /** who marks them (default: the user the app runs as) */
        who: AllowlistWho.optional(),
      })
      .strict(),
    output: z.object({
      added: z.array(AllowlistEntrySchema),
      /** values already on the list (kept as they were) */
      existing: nonNegInt,
      rejected: z.array(z.object({ input: z.string(), reason: z.string() })),
      /** files whose verdict became "allowlisted" at once */
      filesAllowlisted: nonNegInt,
    }),
  }),
  importAllowlist: method({
    http: API_ROUTES.importAllowlist,
    input: z
      .object({
        /** a text file: one hash or path glob a line, "# why" after it, lines starting with # are comments */
        text: z.string().max(ALLOWLIST_LIMITS.maxImportChars, 'the file is too large: split it'),
        /** the why of lines that give none */
        why: AllowlistWhy,
        who: AllowlistWho.optional(),
      })
      .strict(),
    output: z.object({
      added: nonNegInt,
      existing: nonNegInt,
      rejected: z.array(z.object({ line: nonNegInt, input: z.string(), reason: z.string() })),
      rejectedTotal: nonNegInt,
      filesAllowlisted: nonNegInt,
    }),
  }),
  removeAllowlist: method({
    http: API_ROUTES.removeAllowlist,
    input: z.object({ id: z.coerce.number().int().min(0) }),
    output: z.object({
      removed: z.boolean(),
      /** files it had allowlisted that no other entry does: queued to be asked again */
      filesRequeued: nonNegInt,
    }),
  }),
  getDiagnostics: method({
    http: API_ROUTES.getDiagnostics,
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
      /** the outgoing webhook: where it posts (scheme, host and port only), counts, and the last 50 deliveries */
      webhook: WebhookDiagnosticsSchema,
      databaseCheck: DatabaseCheckSchema,
    }),
  }),
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<ApiContract[M]['output']>;

// the routes' table and the contract name the same methods (a method in one and not the other does not compile)
const sameMethods: [Record<keyof typeof API_ROUTES, unknown>, Record<ApiMethod, unknown>] = [apiContract, API_ROUTES];
void sameMethods;

// the methods and the error type live apart from the schemas (the renderer needs them at start); re-exported here
export { API_METHODS, API_ROUTES } from './apiRoutes';
export { ApiCallError, type ApiErrorBody } from './apiError';

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
  z.object({ type: z.literal('sweep'), job: SweepJobSchema }),
  z.object({ type: z.literal('reanalyse'), progress: ReanalyseProgressSchema }),
  z.object({ type: z.literal('open-file'), hash: z.string() }),
  z.object({
    type: z.literal('triage'),
    /** the files whose triage changed, with their triage now */
    files: z.array(
      z.object({
        sha256: z.string().nullable(),
        sha1: z.string().nullable(),
        md5: z.string().nullable(),
        triage: TriageSchema,
      }),
    ),
    /** set by FIM Verdict (a closed file that turned more malicious went back to new), not by the analyst */
    reopened: z.boolean(),
    untriaged: nonNegInt,
  }),
]);
export type ApiEvent = z.infer<typeof ApiEventSchema>;

/** Every IPC reply and every transport result: never a thrown object across the boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** The renderer's view of the engine: the same object whichever transport is behind it. */
export type Api = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>>;
} & {
  subscribe(listener: (event: ApiEvent) => void): () => void;
};

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
