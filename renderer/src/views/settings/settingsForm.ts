// The Settings form: every input as typed (strings), to and from the contract's SettingsView / SettingsUpdate.
// Validation is the shared zod schema (SettingsUpdate), plus "is this a number" before it; errors are keyed by
// field path ('quota.perMinute', 'filters.extensions'), the same keys the server's ApiCallError.body.fields uses.
import {
  QUOTA_PRESETS,
  SettingsUpdate,
  type QuotaPlan,
  type RemoteProvider,
  type SettingsView,
} from '../../../../shared/settings';

export interface SettingsForm {
  apiKey: string;
  apiVersion: 'v3' | 'v2';
  baseUrl: string;
  timeoutSeconds: string;
  plan: QuotaPlan;
  perMinute: string;
  perDay: string;
  perMonth: string;
  foundDays: string;
  notFoundHours: string;
  threshold: string;
  groups: string;
  minLevel: string;
  ruleIds: string;
  location: string;
  extensions: string;
  pathInclude: string;
  pathExclude: string;
  integrationLog: string;
  notifications: boolean;
  theme: 'system' | 'dark' | 'light';
  /** the remote providers switched on (each receives hashes only); VirusTotal is asked last */
  useCircl: boolean;
  useMalwareBazaar: boolean;
  useVirusTotal: boolean;
  circlUrl: string;
  malwareBazaarUrl: string;
  /** write-only, like apiKey */
  malwareBazaarKey: string;
  askVirusTotalAboutKnownGood: boolean;
  askVirusTotalAboutMalicious: boolean;
  webhookUrl: string;
  webhookFormat: 'json' | 'slack';
  webhookTriage: boolean;
  wazuhDashboardUrl: string;
  /** Wazuh 5's queue-http.sock; empty: off */
  wazuhSocket: string;
  /** empty: no limit */
  retentionDays: string;
  retentionGB: string;
}

export type FieldErrors = Record<string, string>;

const lines = (list: string[]) => list.join('\n');

export function formFromSettings(view: SettingsView): SettingsForm {
  return {
    apiKey: '',
    apiVersion: view.apiVersion,
    baseUrl: view.baseUrl,
    timeoutSeconds: String(view.timeoutSeconds),
    plan: view.quota.plan,
    perMinute: String(view.quota.perMinute),
    perDay: String(view.quota.perDay),
    perMonth: String(view.quota.perMonth),
    foundDays: String(view.freshness.foundDays),
    notFoundHours: String(view.freshness.notFoundHours),
    threshold: String(view.threshold),
    groups: lines(view.filters.groups),
    minLevel: String(view.filters.minLevel),
    ruleIds: lines(view.filters.ruleIds),
    location: view.filters.location,
    extensions: lines(view.filters.extensions),
    pathInclude: lines(view.filters.pathInclude),
    pathExclude: lines(view.filters.pathExclude),
    integrationLog: view.integrationLog ?? '',
    notifications: view.notifications,
    theme: view.theme,
    useCircl: view.providers.includes('circl'),
    useMalwareBazaar: view.providers.includes('malwarebazaar'),
    useVirusTotal: view.providers.includes('virustotal'),
    circlUrl: view.circlUrl,
    malwareBazaarUrl: view.malwareBazaarUrl,
    malwareBazaarKey: '',
    askVirusTotalAboutKnownGood: view.askVirusTotalAboutKnownGood,
    askVirusTotalAboutMalicious: view.askVirusTotalAboutMalicious,
    webhookUrl: view.webhookUrl ?? '',
    webhookFormat: view.webhookFormat,
    webhookTriage: view.webhookTriage,
    wazuhDashboardUrl: view.wazuhDashboardUrl ?? '',
    wazuhSocket: view.wazuhSocket ?? '',
    retentionDays: view.retention.days === null ? '' : String(view.retention.days),
    retentionGB: view.retention.maxGB === null ? '' : String(view.retention.maxGB),
  };
}

/** The providers switched on, in the order asked: the free sources first, VirusTotal last. */
export function providersOf(form: SettingsForm): RemoteProvider[] {
  const on: [boolean, RemoteProvider][] = [
    [form.useCircl, 'circl'],
    [form.useMalwareBazaar, 'malwarebazaar'],
    [form.useVirusTotal, 'virustotal'],
  ];
  return on.filter(([enabled]) => enabled).map(([, name]) => name);
}

/** The public plan's numbers are VirusTotal's: choosing it fills them. */
export function withPlan(form: SettingsForm, plan: QuotaPlan): SettingsForm {
  if (plan !== 'public') return { ...form, plan };
  const preset = QUOTA_PRESETS.public;
  return {
    ...form,
    plan,
    perMinute: String(preset.perMinute),
    perDay: String(preset.perDay),
    perMonth: String(preset.perMonth),
  };
}

/** "a, b\nc" -> ["a", "b", "c"] (comma or line separated) */
export const splitList = (text: string): string[] =>
  text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Globs may hold commas ({a,b}): one per line only. */
export const splitLines = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** A zod / server field path -> the form's error key: list items point at their list. */
export function errorKey(path: string): string {
  return path.replace(/\.\d+$/, '');
}

export function validate(form: SettingsForm): { update: SettingsUpdate | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (key: string, text: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) errors[key] = 'a number is needed';
    return value;
  };
  const optional = (key: string, text: string): number | null => (text.trim() === '' ? null : number(key, text));
  const lists = {
    groups: splitList(form.groups),
    ruleIds: splitList(form.ruleIds),
    extensions: splitList(form.extensions),
    pathInclude: splitLines(form.pathInclude),
    pathExclude: splitLines(form.pathExclude),
  };
  const update = {
    ...(form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : {}),
    apiVersion: form.apiVersion,
    baseUrl: form.baseUrl.trim(),
    timeoutSeconds: number('timeoutSeconds', form.timeoutSeconds),
    quota: {
      plan: form.plan,
      perMinute: number('quota.perMinute', form.perMinute),
      perDay: number('quota.perDay', form.perDay),
      perMonth: number('quota.perMonth', form.perMonth),
    },
    freshness: {
      foundDays: number('freshness.foundDays', form.foundDays),
      notFoundHours: number('freshness.notFoundHours', form.notFoundHours),
    },
    threshold: number('threshold', form.threshold),
    filters: { ...lists, minLevel: number('filters.minLevel', form.minLevel), location: form.location.trim() },
    integrationLog: form.integrationLog.trim() || null,
    notifications: form.notifications,
    theme: form.theme,
    providers: providersOf(form),
    circlUrl: form.circlUrl.trim(),
    malwareBazaarUrl: form.malwareBazaarUrl.trim(),
    ...(form.malwareBazaarKey.trim() ? { malwareBazaarKey: form.malwareBazaarKey.trim() } : {}),
    askVirusTotalAboutKnownGood: form.askVirusTotalAboutKnownGood,
    askVirusTotalAboutMalicious: form.askVirusTotalAboutMalicious,
    webhookUrl: form.webhookUrl.trim() || null,
    webhookFormat: form.webhookFormat,
    webhookTriage: form.webhookTriage,
    wazuhDashboardUrl: form.wazuhDashboardUrl.trim() || null,
    wazuhSocket: form.wazuhSocket.trim() || null,
    retention: {
      days: optional('retention.days', form.retentionDays),
      maxGB: optional('retention.maxGB', form.retentionGB),
    },
  };
  const result = SettingsUpdate.strict().safeParse(update);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      const key = errorKey(path);
      if (errors[key]) continue;
      // a list item: name the item
      const index = /\.(\d+)$/.exec(path)?.[1];
      const listName = key.split('.').pop() as keyof typeof lists;
      const item = index !== undefined ? lists[listName]?.[Number(index)] : undefined;
      errors[key] = item !== undefined ? `“${item}”: ${issue.message}` : issue.message;
    }
  }
  return Object.keys(errors).length ? { update: null, errors } : { update: result.data ?? null, errors };
}

/** Server field errors (ApiCallError.body.fields) -> form keys. */
export function serverErrors(fields: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) out[errorKey(path)] ??= message;
  return out;
}
