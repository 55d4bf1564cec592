// The Wazuh indexer source (OpenSearch) as the renderer and the API contract will see it: its settings (never the
// password: write-only, like the VirusTotal key), the answer of "Test connection", and the source's state in words.
// Pure: zod only.
import { z } from 'zod';

/** How far back a new indexer source starts (without --from-end). */
export const INDEXER_START_BACK_MS = 24 * 3_600_000;
export const INDEXER_DEFAULTS = { pollSeconds: 10, overlapSeconds: 120 } as const;

/** Why an address cannot be an indexer URL, in words; null when it can. */
export function indexerUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'not a URL (expected https://host:9200)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only https:// (or http:// in a lab) is allowed';
  if (url.username || url.password) return 'no user or password in the URL: give them in their own fields';
  if (url.search || url.hash) return 'no query or fragment in the URL';
  if (!url.hostname) return 'no host';
  return null;
}

/** One form of an indexer URL, to compare destinations: scheme, host (lower case), port, path without a final /. */
export function indexerUrlKey(value: string): string {
  try {
    const url = new URL(value.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return value.trim();
  }
}

const IndexerUrl = z
  .string()
  .max(2048)
  .superRefine((v, ctx) => {
    const problem = indexerUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `${v}: ${problem}` });
  });

/** How the indexer's certificate is trusted: the system store, a CA file (Wazuh's root-ca.pem is self-signed), or not
 * checked at all (shown as insecure everywhere). */
export const IndexerTrust = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('system') }),
  z.object({ kind: z.literal('ca-file'), path: z.string().trim().min(1).max(4096) }),
  z.object({ kind: z.literal('insecure') }),
]);
export type IndexerTrust = z.infer<typeof IndexerTrust>;

export const WazuhVersionChoice = z.enum(['auto', '4', '5']);
export type WazuhVersionChoice = z.infer<typeof WazuhVersionChoice>;

export const IndexerSourceSettings = z.object({
  urls: z.array(IndexerUrl).min(1, 'at least one indexer URL').max(16),
  username: z.string().min(1, 'a user name is needed').max(256),
  trust: IndexerTrust,
  wazuhVersion: WazuhVersionChoice,
  pollSeconds: z.number().int().min(2).max(3600),
  /** how far back each poll re-reads for late documents; at least 2 minutes */
  overlapSeconds: z.number().int().min(120, 'the overlap is at least 2 minutes').max(86_400),
});
export type IndexerSourceSettings = z.infer<typeof IndexerSourceSettings>;

/** Where a password may go: the URLs it was given for and how their certificates are trusted. */
export interface IndexerDestination {
  urls: readonly string[];
  trust: IndexerTrust;
}

const sameTrust = (a: IndexerTrust, b: IndexerTrust) =>
  a.kind === b.kind && (a.kind !== 'ca-file' || (b.kind === 'ca-file' && a.path.trim() === b.path.trim()));

/** The same URLs (in any order) trusted the same way: a stored password may stay. */
export function sameIndexerDestination(a: IndexerDestination, b: IndexerDestination): boolean {
  const ka = new Set(a.urls.map(indexerUrlKey));
  const kb = new Set(b.urls.map(indexerUrlKey));
  return ka.size === kb.size && [...ka].every((k) => kb.has(k)) && sameTrust(a.trust, b.trust);
}

/**
 * Whether a password given for `givenFor` may be sent to `next`: only to URLs it was given for, trusted the same
 * way (another CA file, or "accept any certificate", would let someone else read it). Anything else needs the
 * password again (the rule that a credential is bound to the destination it was given for).
 */
export function passwordMayGoTo(givenFor: IndexerDestination, next: IndexerDestination): boolean {
  const allowed = new Set(givenFor.urls.map(indexerUrlKey));
  return (
    next.urls.length > 0 &&
    next.urls.every((u) => allowed.has(indexerUrlKey(u))) &&
    sameTrust(givenFor.trust, next.trust)
  );
}

/** What the settings make unsafe, in words (shown beside the source everywhere). */
export function indexerWarnings(s: Pick<IndexerSourceSettings, 'urls' | 'trust'>): string[] {
  const out: string[] = [];
  const plain = s.urls.filter((u) => u.trim().toLowerCase().startsWith('http:'));
  if (plain.length > 0)
    out.push(`plain http (${plain.join(', ')}): the password and the alerts cross the network unencrypted`);
  if (s.trust.kind === 'insecure')
    out.push('insecure: any certificate is accepted, so anyone on the path can read the password and the alerts');
  return out;
}

/** Why an indexer source cannot go on (null: it can). */
export const IndexerProblem = z.enum([
  'unreachable',
  'certificate',
  'credentials',
  'forbidden',
  'overloaded',
  'timeout',
  'server-error',
  'bad-request',
  'bad-answer',
  'no-index',
  'partial-shards',
  'config',
]);
export type IndexerProblem = z.infer<typeof IndexerProblem>;

export const IndexerSourceStatus = z.object({
  problem: IndexerProblem.nullable(),
  /** one sentence: "following", "cannot connect: ...", "credentials refused (401) ...", "3 of 5 shards answered ..." */
  message: z.string(),
  /** when the next attempt is due (epoch ms); null: no retry planned */
  retryAt: z.number().nullable(),
  /** a 401: nothing is retried until the user or the password changes */
  stoppedUntilCredentialsChange: z.boolean(),
});
export type IndexerSourceStatus = z.infer<typeof IndexerSourceStatus>;

/** An indexer source as the views see it (SourceStatus.indexer): its settings without the password, and how it goes. */
export const IndexerSourceView = z.object({
  urls: z.array(z.string()),
  /** '' until one is given (WAZUH_INDEXER_USER or Settings) */
  username: z.string(),
  trust: IndexerTrust,
  wazuhVersion: WazuhVersionChoice,
  pollSeconds: z.number().int().min(1),
  overlapSeconds: z.number().int().min(1),
  /** a password is there for these URLs (never the password itself) */
  passwordSet: z.boolean(),
  /** where the user and password in use come from: WAZUH_INDEXER_USER/PASSWORD (this run), Settings, or nowhere */
  credentialsFrom: z.enum(['env', 'stored']).nullable(),
  /** the Wazuh generation read (found, or chosen); null until known */
  versionFound: z.union([z.literal(4), z.literal(5)]).nullable(),
  /** the time of the newest document read (ISO) */
  lastEventAt: z.string().nullable(),
  /** how far behind now that document is, as of the last poll */
  lagMs: z.number().int().min(0).nullable(),
  /** any certificate is accepted: shown as insecure everywhere */
  insecure: z.boolean(),
  /** indexerWarnings(): plain http, any certificate accepted */
  warnings: z.array(z.string()),
  /** the poll's state in words, when the next try is, whether a 401 stopped it */
  status: IndexerSourceStatus,
});
export type IndexerSourceView = z.infer<typeof IndexerSourceView>;

export const IndexerCheckName = z.enum(['reachable', 'certificate', 'credentials', 'read', 'version', 'events']);

export const IndexerTestResult = z.object({
  /** every check passed (warnings aside) */
  ok: z.boolean(),
  /** one sentence: the result, or the first thing that failed */
  summary: z.string(),
  checks: z.array(
    z.object({
      check: IndexerCheckName,
      /** null: not checked (an earlier check failed, or nothing to check: plain http) */
      ok: z.boolean().nullable(),
      message: z.string(),
    }),
  ),
  wazuhVersion: z.union([z.literal(4), z.literal(5)]).nullable(),
  /** what GET / reports (a Wazuh 4.x indexer says 7.10.2); null when unknown */
  opensearchVersion: z.string().nullable(),
  fimEventsLast24h: z.number().int().min(0).nullable(),
  warnings: z.array(z.string()),
});
export type IndexerTestResult = z.infer<typeof IndexerTestResult>;

/** A password as typed: anything but NUL and line breaks (it goes in an HTTP header). */
export const IndexerPassword = z
  .string()
  .min(1, 'the password is empty')
  .max(1024, 'the password is too long')
  .refine((p) => !/[\0\r\n]/.test(p), 'the password holds a line break or a NUL character');

/** An indexer source as stored (sources.config): the settings, the user name possibly empty (given by env later). */
export const IndexerSourceConfig = IndexerSourceSettings.extend({
  username: z.string().max(256),
});
export type IndexerSourceConfig = z.infer<typeof IndexerSourceConfig>;

const UserName = z.string().trim().min(1, 'a user name is needed').max(256);

/** Adding an indexer source (Settings → Sources, POST /api/sources/indexer). */
export const IndexerSourceInput = z.object({
  urls: IndexerSourceSettings.shape.urls,
  username: UserName,
  password: IndexerPassword,
  trust: IndexerTrust,
  wazuhVersion: WazuhVersionChoice.default('auto'),
  pollSeconds: IndexerSourceSettings.shape.pollSeconds.default(INDEXER_DEFAULTS.pollSeconds),
  overlapSeconds: IndexerSourceSettings.shape.overlapSeconds.default(INDEXER_DEFAULTS.overlapSeconds),
  /** start from now instead of 24 hours back */
  fromEnd: z.boolean().default(false),
});
export type IndexerSourceInput = z.infer<typeof IndexerSourceInput>;

/**
 * Changing an indexer source: any of its settings, and the password (write-only). Over the HTTP API, other URLs or
 * another trust need the password in the same request (passwordMayGoTo).
 */
export const IndexerSourceUpdate = z.object({
  urls: IndexerSourceSettings.shape.urls.optional(),
  username: UserName.optional(),
  password: IndexerPassword.optional(),
  trust: IndexerTrust.optional(),
  wazuhVersion: WazuhVersionChoice.optional(),
  pollSeconds: IndexerSourceSettings.shape.pollSeconds.optional(),
  overlapSeconds: IndexerSourceSettings.shape.overlapSeconds.optional(),
});
export type IndexerSourceUpdate = z.infer<typeof IndexerSourceUpdate>;

/**
 * "Test connection" before or after adding: the settings to try, and the password; without one, the password
 * stored for `sourceId` is used only if it may go to these URLs trusted this way (passwordMayGoTo).
 */
export const IndexerTestInput = z.object({
  urls: IndexerSourceSettings.shape.urls,
  username: UserName,
  password: IndexerPassword.optional(),
  trust: IndexerTrust,
  wazuhVersion: WazuhVersionChoice.default('auto'),
  sourceId: z.number().int().min(0).optional(),
});
export type IndexerTestInput = z.infer<typeof IndexerTestInput>;

/** The Wazuh 5 FIM inventory sweep (wazuh-states-fim-files): its progress, as /api/stats and the views show it. */
export const SweepJobSchema = z.object({
  id: z.number().int().min(0),
  sourceId: z.number().int().min(0),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** state documents read (one per agent and file) */
  filesRead: z.number().int().min(0),
  /** how many the index holds (null until the indexer says) */
  filesTotal: z.number().int().min(0).nullable(),
  /** distinct hashes across agents */
  uniqueHashes: z.number().int().min(0),
  /** of those, answered before (a verdict is stored): not asked again */
  alreadyKnown: z.number().int().min(0),
  /** of those, waiting in the queue already (a live alert, a backfill): left where they are */
  alreadyQueued: z.number().int().min(0),
  /** of those, queued by this sweep, below live alerts */
  queued: z.number().int().min(0),
  /** documents that are not a file with an agent (counted, not used) */
  unreadable: z.number().int().min(0),
  message: z.string(),
});
export type SweepJob = z.infer<typeof SweepJobSchema>;
