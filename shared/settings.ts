// Settings: one zod schema validates the form, the HTTP body, the IPC payload and what is stored.
import { z } from 'zod';
import { expandBraces, GLOB_LIMITS } from './glob';

export const QUOTA_PRESETS = {
  // VirusTotal's published public-key limits (docs.virustotal.com, "Public vs Premium API").
  public: { perMinute: 4, perDay: 500, perMonth: 15_500 },
} as const;

export const QuotaPlan = z.enum(['public', 'premium', 'custom']);
export type QuotaPlan = z.infer<typeof QuotaPlan>;

const count = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(1, `${label} must be at least 1`)
    .max(100_000_000, `${label} is too large`);

export const QuotaSettings = z.object({
  plan: QuotaPlan,
  perMinute: count('Requests per minute'),
  perDay: count('Requests per day'),
  perMonth: count('Requests per month'),
});
export type QuotaSettings = z.infer<typeof QuotaSettings>;

// Bounds on the patterns, so that filtering one alert stays cheap whatever is set (shared/glob.ts matches in
// linear time; these bound how many times over): see GLOB_LIMITS and LOCATION_LIMITS.
const { maxLength, maxPatterns, maxAlternatives, maxListAlternatives } = GLOB_LIMITS;
const globPattern = z
  .string()
  .trim()
  .min(1, 'empty pattern')
  .max(maxLength, `a pattern has at most ${maxLength} characters`)
  .refine(
    (g) => expandBraces(g) !== null,
    `its {a,b} braces stand for more than ${maxAlternatives} patterns: list them, or use fewer braces`,
  );
const globList = z
  .array(globPattern)
  .max(maxPatterns, `at most ${maxPatterns} patterns`)
  .refine(
    (list) => list.reduce((n, g) => n + (expandBraces(g)?.length ?? 0), 0) <= maxListAlternatives,
    `with their {a,b} braces, these patterns stand for more than ${maxListAlternatives}: use fewer`,
  );

export const LOCATION_LIMITS = { maxLength: 512, maxAlternatives: 32 } as const;
const locationPattern = z
  .string()
  .max(LOCATION_LIMITS.maxLength, `the location pattern has at most ${LOCATION_LIMITS.maxLength} characters`)
  .refine(
    (p) => p.split('|').length <= LOCATION_LIMITS.maxAlternatives,
    `the location pattern has at most ${LOCATION_LIMITS.maxAlternatives} alternatives (separated by |)`,
  );

export const FilterSettings = z.object({
  /** rule.groups must contain at least one of these (integratord's <group>); empty = any */
  groups: z.array(z.string().trim().min(1).max(100)).max(50),
  /** rule.level >= minLevel (integratord's <level>) */
  minLevel: z.number().int().min(0, 'levels run from 0 to 16').max(16, 'levels run from 0 to 16'),
  /** rule.id in this list (integratord's <rule_id>); empty = any */
  ruleIds: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{1,7}$/, 'a rule id is a number'),
    )
    .max(500),
  /** pattern on `location` (integratord's <event_location>): '|' separates alternatives, '*' matches anything; empty = any */
  location: locationPattern,
  /** only files with these extensions (".exe" or "exe", case-insensitive); empty = every file */
  extensions: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\.?[^\s./\\]{1,32}$/, 'an extension is like .exe'),
    )
    .max(200),
  /** globs on the file path: when includes are set a path must match one; a path matching an exclude is skipped */
  pathInclude: globList,
  pathExclude: globList,
});
export type FilterSettings = z.infer<typeof FilterSettings>;

export const FreshnessSettings = z.object({
  foundDays: z.number().min(0, 'cannot be negative').max(3650),
  notFoundHours: z
    .number()
    .min(0, 'cannot be negative')
    .max(24 * 3650),
});

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'a http(s) URL such as https://www.virustotal.com');

/** How long alerts are kept: removed once older than `days`, and oldest first while the database is over `maxGB`
 * (null: no limit of that kind). Files, their verdicts and answer history are kept whatever this says. */
export const RetentionSettings = z.object({
  days: z.number().int().min(1, 'at least 1 day').max(36_500).nullable(),
  maxGB: z.number().min(0.001, 'at least 0.001 GB (1 MB)').max(100_000).nullable(),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const Settings = z.object({
  apiVersion: z.enum(['v3', 'v2']),
  baseUrl: httpUrl,
  timeoutSeconds: z.number().int().min(1, 'at least 1 second').max(300, 'at most 300 seconds'),
  quota: QuotaSettings,
  freshness: FreshnessSettings,
  /** malicious when at least this many engines say malicious */
  threshold: z.number().int().min(1, 'at least 1 engine').max(200),
  filters: FilterSettings,
  /** append Wazuh-compatible JSON lines here; null = off */
  integrationLog: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'an absolute path')
    .nullable(),
  notifications: z.boolean(),
  theme: z.enum(['system', 'dark', 'light']),
  /** default: every alert is kept */
  retention: RetentionSettings,
});
export type Settings = z.infer<typeof Settings>;

/** Two base URLs name the same destination (case of the host, a final slash and default ports do not matter). */
export function sameDestination(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u.trim());
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return u.trim();
    }
  };
  return norm(a) === norm(b);
}

export const DEFAULT_SETTINGS: Settings = {
  apiVersion: 'v3',
  baseUrl: 'https://www.virustotal.com',
  timeoutSeconds: 10,
  quota: { plan: 'public', ...QUOTA_PRESETS.public },
  freshness: { foundDays: 7, notFoundHours: 24 },
  threshold: 1,
  filters: {
    groups: ['syscheck'],
    minLevel: 0,
    ruleIds: [],
    location: '',
    extensions: [],
    pathInclude: [],
    pathExclude: [],
  },
  integrationLog: null,
  notifications: true,
  theme: 'system',
  retention: { days: null, maxGB: null },
};

export const VIRUSTOTAL_BASE_URL = DEFAULT_SETTINGS.baseUrl;

/** A key as typed: no spaces or control characters. VirusTotal keys are 64 hex digits, but a proxy may use its own. */
export const ApiKey = z
  .string()
  .trim()
  .min(1, 'the key is empty')
  .max(512, 'the key is too long')
  .regex(/^[\x21-\x7e]+$/, 'the key has spaces or characters that cannot be in a key');

/**
 * Why `key` cannot be a key for `baseUrl`, before anything is sent: the general rules (ApiKey), and for
 * VirusTotal itself its format, 64 hexadecimal digits. (A proxy at another base URL may take keys of its own.)
 */
export function apiKeyProblem(key: string, baseUrl: string): string | null {
  const checked = ApiKey.safeParse(key);
  if (!checked.success) return checked.error.issues[0]?.message ?? 'not a key';
  const value = checked.data;
  let host = '';
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    // not a URL: the form says so next to the base URL
  }
  if (host !== 'www.virustotal.com' && host !== 'virustotal.com') return null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) return null;
  return /^[0-9a-fA-F]+$/.test(value)
    ? `a VirusTotal API key has 64 hexadecimal digits; this one has ${value.length}`
    : 'a VirusTotal API key has 64 hexadecimal digits (0-9, a-f); this one has other characters';
}

/** PUT /api/settings: any part of the settings; apiKey is write-only (null removes the stored key). */
export const SettingsUpdate = Settings.partial().extend({
  apiKey: ApiKey.nullable().optional(),
  // strict: a misspelt field is refused with its name, not silently dropped
  quota: QuotaSettings.strict().optional(),
  filters: FilterSettings.partial().strict().optional(),
  freshness: FreshnessSettings.partial().strict().optional(),
  retention: RetentionSettings.partial().strict().optional(),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

export const KeyStorage = z.object({
  /** where a key set in the app is kept */
  kind: z.enum(['safe-storage', 'owner-only-file', 'memory']),
  /** false when the OS offers no keyring (the key is then only obfuscated on disk) */
  encrypted: z.boolean(),
  message: z.string(),
});

export const SettingsView = Settings.extend({
  apiKeySet: z.boolean(),
  /** where the key in use comes from: VT_API_KEY in the environment wins over a stored key */
  apiKeySource: z.enum(['env', 'stored']).nullable(),
  keyStorage: KeyStorage,
  /** settings fixed for this run by command-line flags (--vt-url, --quota-per-*, --integration-log): they win over saved values */
  overriddenByFlags: z.array(z.string()),
  /** a key exists but is not sent to baseUrl (it was set over the HTTP API without the key for it): why */
  apiKeyWithheld: z.string().nullable(),
  /** what the HTTP API may not change: where the key goes (without a new key) and where files are written */
  lockedOverHttp: z.array(z.enum(['baseUrl', 'integrationLog'])),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** Merge a validated partial update into full settings (nested objects merge one level deep). */
export function mergeSettings(current: Settings, update: SettingsUpdate): Settings {
  const { apiKey: _ignored, ...rest } = update;
  return Settings.parse({
    ...current,
    ...rest,
    quota: rest.quota ?? current.quota,
    filters: { ...current.filters, ...rest.filters },
    freshness: { ...current.freshness, ...rest.freshness },
    retention: { ...current.retention, ...rest.retention },
  });
}
