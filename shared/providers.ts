// Reputation providers as the renderer and the API show them: who answered, what they said (a verdict kind and
// a one-line "why"), and the provider's own details. The engine builds these from its clients' answers
// (electron/core/providers/); the renderer only reads them. Pure: zod and nothing else.
import { z } from 'zod';
import { PROVIDER_NAMES } from './providerInfo';

export {
  PROVIDER_INFO,
  PROVIDER_NAMES,
  REMOTE_PROVIDERS,
  type ProviderInfo,
  type ProviderName,
  type RemoteProviderName,
} from './providerInfo';
export const ProviderNameSchema = z.enum(PROVIDER_NAMES);

/**
 * What one provider says about a file: `known-good` (a vendor shipped it, or the analyst allowlisted it), or
 * VirusTotal's states. `unknown`: the provider knows the file but has no opinion (never "not found", which is no
 * answer at all).
 */
export const PROVIDER_VERDICTS = ['known-good', 'malicious', 'suspicious', 'clean', 'unknown'] as const;
export const ProviderVerdictSchema = z.enum(PROVIDER_VERDICTS);
export type ProviderVerdict = z.infer<typeof ProviderVerdictSchema>;

const text = z.string().max(1000);
const isoTime = z.string(); // ISO 8601, UTC

/** A CIRCL hashlookup record, the fields an analyst reads (the whole answer is kept as raw). */
export const CirclDetailsSchema = z.object({
  provider: z.literal('circl'),
  /** `source` and `db` as CIRCL names them ("NSRL", "nsrl_modern_rds", a distribution...) */
  source: text.nullable(),
  db: text.nullable(),
  fileName: text.nullable(),
  fileSize: z.number().int().min(0).nullable(),
  /** NSRL's ProductCode: product, version and vendor code */
  productName: text.nullable(),
  productVersion: text.nullable(),
  vendor: text.nullable(),
  /** a distribution package */
  packageName: text.nullable(),
  packageVersion: text.nullable(),
  mimeType: text.nullable(),
  /** hashlookup:trust, 0-100 (50 = no opinion); null when the answer carries none (bulk answers) */
  trust: z.number().min(0).max(100).nullable(),
  /** the sources that list the file as malicious (KnownMalicious); empty for a known-good file */
  knownMalicious: z.array(text).max(50),
});
export type CirclDetails = z.infer<typeof CirclDetailsSchema>;

/** A MalwareBazaar sample: confirmed malware. */
export const MalwareBazaarDetailsSchema = z.object({
  provider: z.literal('malwarebazaar'),
  /** the malware family ("AgentTesla"), when abuse.ch names one */
  signature: text.nullable(),
  tags: z.array(text).max(50),
  yaraRules: z.array(text).max(50),
  firstSeen: isoTime.nullable(),
  lastSeen: isoTime.nullable(),
  fileName: text.nullable(),
  fileType: text.nullable(),
  fileTypeMime: text.nullable(),
  fileSize: z.number().int().min(0).nullable(),
  reporter: text.nullable(),
});
export type MalwareBazaarDetails = z.infer<typeof MalwareBazaarDetailsSchema>;

/** Answered by the app itself, with the rule that decided. */
export const LocalDetailsSchema = z.object({
  provider: z.literal('local'),
  rule: z.enum(['empty-file']),
});
export type LocalDetails = z.infer<typeof LocalDetailsSchema>;

/** The allowlist entry that matched: what the analyst wrote, who, when and why. */
export const AllowlistDetailsSchema = z.object({
  provider: z.literal('allowlist'),
  entryId: z.number().int().min(0),
  kind: z.enum(['hash', 'path']),
  value: z.string().max(4096),
  who: text,
  why: text,
  addedAt: isoTime,
  /** for a path glob: the path of the file it matched */
  matchedPath: z.string().max(8192).nullable(),
});
export type AllowlistDetails = z.infer<typeof AllowlistDetailsSchema>;

/** One member per provider with details of its own; add one here for each new provider. */
export const ProviderDetailsSchema = z.discriminatedUnion('provider', [
  CirclDetailsSchema,
  MalwareBazaarDetailsSchema,
  LocalDetailsSchema,
  AllowlistDetailsSchema,
]);
export type ProviderDetails = z.infer<typeof ProviderDetailsSchema>;

/** One provider's answer about one file, as the file page and its history show it. */
export const ProviderAnswerSchema = z.object({
  provider: ProviderNameSchema,
  /** the hash that was sent (providers answer by one hash) */
  asked: z.object({ kind: z.enum(['md5', 'sha1', 'sha256']), hash: z.string().max(64) }).nullable(),
  verdict: ProviderVerdictSchema,
  /** one line: "known good: NSRL, Debian coreutils 9.1-1", "malicious: MalwareBazaar AgentTesla" */
  why: z.string().max(300),
  answeredAt: isoTime,
  /** the provider's page about the file (https only), if it has one */
  link: z.string().nullable(),
  details: ProviderDetailsSchema.nullable(),
});
export type ProviderAnswer = z.infer<typeof ProviderAnswerSchema>;

/**
 * A provider's state as the status bar and /api/stats show it: `off` until the analyst switches it on; `no-key`
 * switched on without its key; `credentials` the key was refused; `rate-limited` until `resumesAt`; `offline`
 * unreachable or failing (retried with backoff, without holding the other providers back).
 */
export const PROVIDER_STATUSES = ['ok', 'off', 'no-key', 'credentials', 'rate-limited', 'offline'] as const;
export const ProviderStatusSchema = z.enum(PROVIDER_STATUSES);
export type ProviderStatus = z.infer<typeof ProviderStatusSchema>;

/** One entry of /api/stats `providers` (`lookups` stays VirusTotal's count). */
export const ProviderStatsSchema = z.object({
  name: ProviderNameSchema,
  status: ProviderStatusSchema,
  /** one sentence for people (the last error's message, or what the status means) */
  statusMessage: z.string().max(500),
  resumesAt: isoTime.nullable(),
  /** requests sent (a bulk request counts once) */
  requests: z.number().int().min(0),
  /** files it answered found (known good or malicious) */
  hits: z.number().int().min(0),
});
export type ProviderStats = z.infer<typeof ProviderStatsSchema>;

// Remote text goes into a one-line "why": control characters (new lines included) and the bidirectional
// overrides that can make a name read backwards are replaced, so the line shows what it holds.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `value` as one visible line of at most `max` characters (an ellipsis marks a cut). */
export function oneLine(value: string, max = 120): string {
  const line = value.replace(/\s+/g, ' ').replace(UNSAFE_IN_LINE, '\ufffd').trim();
  if (line.length <= max) return line;
  // never cut a surrogate pair in half
  const cut = line.slice(0, Math.max(0, max - 1)).replace(/[\ud800-\udbff]$/, '');
  return `${cut.trimEnd()}\u2026`;
}
