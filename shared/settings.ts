// Settings: one zod schema validates the form, the HTTP body, the IPC payload and what is stored.
import { z } from 'zod';
import { expandBraces, GLOB_LIMITS } from './glob';
import { hasControls } from './visibleText';

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

/**
 * The remote providers switched on, in the order files are asked (the allowlist and the empty file are always asked
 * first, on this machine). VirusTotal, when on, is asked last: the free sources save its quota.
 */
export const REMOTE_PROVIDER_NAMES = ['circl', 'malwarebazaar', 'virustotal'] as const;
export const RemoteProvider = z.enum(REMOTE_PROVIDER_NAMES);
export type RemoteProvider = z.infer<typeof RemoteProvider>;
export const ProviderOrder = z
  .array(RemoteProvider)
  .max(REMOTE_PROVIDER_NAMES.length)
  .refine((l) => new Set(l).size === l.length, 'each provider once')
  .refine(
    (l) => !l.includes('virustotal') || l[l.length - 1] === 'virustotal',
    'virustotal is asked last (the free sources first save its quota)',
  );
export const WEBHOOK_URL_MAX = 2048;

/**
 * Why `value` cannot be the webhook's URL, or null. It is a destination (the new malicious files are sent there): an
 * http(s) URL with a host, no control characters or spaces, and credentials in it (user:password@) only over https,
 * where they are not sent in clear.
 */
export function webhookUrlProblem(value: string): string | null {
  if (value.length > WEBHOOK_URL_MAX) return `at most ${WEBHOOK_URL_MAX} characters`;
  if (/\s/.test(value) || hasControls(value)) return 'a URL has no spaces or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL: write it in full, such as https://hooks.slack.com/services/…';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http:// and https:// URLs are sent to';
  if (!url.hostname) return 'the URL has no host';
  if ((url.username || url.password) && url.protocol !== 'https:')
    return 'credentials in the URL (user:password@) are refused over http://: use https://';
  return null;
}

/**
 * The webhook URL as the HTTP API shows it: its origin only ("https://hooks.slack.com/…"). A Slack URL's path is its
 * secret, and a URL may hold user:password@: neither is shown to a browser. Sent back unchanged, it means "keep".
 */
export function webhookUrlShownOverHttp(value: string): string {
  try {
    return `${new URL(value).origin}/…`;
  } catch {
    return '…';
  }
}

const webhookUrl = z
  .string()
  .trim()
  .min(1)
  .superRefine((v, ctx) => {
    const problem = webhookUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A Unix socket's path is at most 107 bytes on Linux (sun_path holds 108 with its NUL) and 103 on macOS: a longer one
 * cannot be connected to, whatever is there.
 */
export const WAZUH_SOCKET_MAX_BYTES = 107;

/**
 * Why `value` cannot be Wazuh 5's queue socket path, or null (the checks that need no file system; the engine adds
 * its own: electron/core/output/queueSocketPath.ts). The socket may be absent now: the output waits for it.
 */
export function wazuhSocketShapeProblem(value: string): string | null {
  if (hasControls(value)) return 'a path here has no control characters';
  if (!value.startsWith('/'))
    return 'not an absolute path (Wazuh 5’s is /var/wazuh-manager/queue/sockets/queue-http.sock)';
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > WAZUH_SOCKET_MAX_BYTES)
    return `a Unix socket path has at most ${WAZUH_SOCKET_MAX_BYTES} bytes; this one has ${bytes}`;
  return null;
}

const wazuhSocket = z
  .string()
  .trim()
  .min(1)
  .superRefine((v, ctx) => {
    const problem = wazuhSocketShapeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const WebhookFormat = z.enum(['json', 'slack']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;
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
  /** the remote providers switched on, in the order asked (each receives file hashes only) */
  providers: ProviderOrder,
  /** CIRCL hashlookup's address (no key) */
  circlUrl: httpUrl,
  /** MalwareBazaar's address: its key goes only there (bound like the VirusTotal key) */
  malwareBazaarUrl: httpUrl,
  /** a file a free source knows to be good is asked of VirusTotal anyway, at the lowest priority */
  askVirusTotalAboutKnownGood: z.boolean(),
  /** a file a free source says is malicious is asked of VirusTotal for its engine count, at a raised priority */
  askVirusTotalAboutMalicious: z.boolean(),
  /** POST each new malicious file here (a destination: never set over the HTTP API); null = off */
  webhookUrl: webhookUrl.nullable(),
  /** the body: FIM Verdict's own JSON, or Slack's incoming-webhook message ({"text": ...}) */
  webhookFormat: WebhookFormat,
  /** also POST each triage change (who marked which file what, and why) to the webhook; off by default */
  webhookTriage: z.boolean(),
  /**
   * The analyst's Wazuh dashboard (https://wazuh.example:443): the file page links each alert and hash into its
   * Threat Hunting and Discover (shared/wazuhDashboard.ts). Only links are made; nothing is sent there. null: none.
   */
  wazuhDashboardUrl: httpUrl.refine((v) => v.length <= 2048, 'at most 2048 characters').nullable(),
  /** default: every alert is kept */
  retention: RetentionSettings,
  /**
   * Wazuh 5's queue-http.sock: each alert's verdict is posted there as an event (output/wazuhQueueOutput.ts). Where
   * the app sends what it knows: never set over the HTTP API (destinations.ts). null: off.
   */
  wazuhSocket: wazuhSocket.nullable(),
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
  providers: ['virustotal'],
  circlUrl: 'https://hashlookup.circl.lu',
  malwareBazaarUrl: 'https://mb-api.abuse.ch',
  askVirusTotalAboutKnownGood: false,
  askVirusTotalAboutMalicious: true,
  webhookUrl: null,
  webhookFormat: 'json',
  webhookTriage: false,
  wazuhDashboardUrl: null,
  retention: { days: null, maxGB: null },
  wazuhSocket: null,
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
  /** MalwareBazaar's Auth-Key, write-only like apiKey (null removes the stored one) */
  malwareBazaarKey: ApiKey.nullable().optional(),
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
  /** settings fixed for this run by command-line flags (--vt-url, --quota-per-*, --integration-log, --webhook...): they win over saved values */
  overriddenByFlags: z.array(z.string()),
  /** a key exists but is not sent to baseUrl (it was set over the HTTP API without the key for it): why */
  apiKeyWithheld: z.string().nullable(),
  /** what the HTTP API may not change: where the key goes (without a new key) and where files are written */
  lockedOverHttp: z.array(
    z.enum(['baseUrl', 'integrationLog', 'malwareBazaarUrl', 'webhookUrl', 'circlUrl', 'wazuhSocket']),
  ),
  /** a MalwareBazaar key may go to malwareBazaarUrl (never shown) */
  malwareBazaarKeySet: z.boolean(),
  /** MALWAREBAZAAR_API_KEY in the environment wins over a stored key */
  malwareBazaarKeySource: z.enum(['env', 'stored']).nullable(),
  /** a MalwareBazaar key exists but is not sent to malwareBazaarUrl: why */
  malwareBazaarKeyWithheld: z.string().nullable(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** Merge a validated partial update into full settings (nested objects merge one level deep). */
export function mergeSettings(current: Settings, update: SettingsUpdate): Settings {
  const { apiKey: _ignored, malwareBazaarKey: _ignoredToo, ...rest } = update;
  return Settings.parse({
    ...current,
    ...rest,
    quota: rest.quota ?? current.quota,
    filters: { ...current.filters, ...rest.filters },
    freshness: { ...current.freshness, ...rest.freshness },
    retention: { ...current.retention, ...rest.retention },
  });
}
