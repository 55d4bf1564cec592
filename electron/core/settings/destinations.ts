// The settings that decide where a credential goes or where the app writes files, declared once. The HTTP API
// (anyone holding the token) may not move a credential to a new destination without giving the credential for it in
// the same request, and may not choose where the app writes files; the desktop app's own Settings (IPC) and the
// command-line flags are the local user's, and a file destination they choose is checked before it is saved.
//
// A new credential or output path is one more entry (the indexer's URLs and trust with its password, MalwareBazaar's
// URL with its key): the guard below reads the table, and `lockedOverHttp` in the settings view is derived from it.
import {
  sameDestination,
  webhookUrlProblem,
  webhookUrlShownOverHttp,
  type Settings,
  type SettingsUpdate,
  type SettingsView,
} from '../../../shared/settings';
import { ApiError } from '../base/apiError';
import { integrationLogPathProblem } from '../output/logPath';
import { wazuhSocketPathProblem } from '../output/queueSocketPath';

/** A setting that decides where a credential is sent: changing it over HTTP needs the credential, given with it. */
export interface CredentialDestination<T, U> {
  kind: 'credential';
  /** the field of the update (and of T) that holds the destination */
  field: keyof T & keyof U & string;
  /** the write-only field of the update that carries the credential bound to it */
  credential: keyof U & string;
  /** two destinations that are the same place (a final slash, the case of the host...) */
  same(a: T[keyof T & keyof U & string], b: T[keyof T & keyof U & string]): boolean;
  /** why it was refused, and where it can be changed (the command-line flag, the desktop app) */
  refusal: string;
}

/**
 * A setting that decides where the app writes with its user's rights (a file, or Wazuh's queue socket): never set
 * over HTTP.
 */
export interface FileDestination<T, U> {
  kind: 'file';
  field: keyof T & keyof U & string;
  /** why this path cannot be written (checked when the local user chooses it), or null */
  problem(path: string): string | null;
  /** the sentence a bad path gets: "The integration log cannot be <path>" */
  what: string;
  refusal: string;
}

/**
 * A setting that decides where the app sends what it knows (the webhook's URL): never set over HTTP, so a token
 * holder cannot have the alerts sent to a server of theirs (or make the engine call one on the local network).
 */
export interface OutgoingDestination<T, U> {
  kind: 'outgoing';
  field: keyof T & keyof U & string;
  /** why this URL cannot be sent to (checked when the local user chooses it), or null */
  problem(url: string): string | null;
  /** how the HTTP API shows it (a secret part hidden): that value sent back means "unchanged" */
  shownOverHttp(url: string): string;
  what: string;
  refusal: string;
}

export type GuardedSetting<T, U> = CredentialDestination<T, U> | FileDestination<T, U> | OutgoingDestination<T, U>;

export const BASE_URL_REFUSAL =
  'Over the HTTP API the VirusTotal address can change only together with the key to use there (type it in the ' +
  'same form): a stored key is never sent to a new address. To keep your key, choose the address with --vt-url ' +
  'when you start FIM Verdict, or in the desktop app’s Settings.';

export const MALWAREBAZAAR_URL_REFUSAL =
  'Over the HTTP API the MalwareBazaar address can change only together with the Auth-Key to use there (type it in ' +
  'the same form): a stored key is never sent to a new address. To keep your key, choose the address with ' +
  '--malwarebazaar-url when you start FIM Verdict, or in the desktop app’s Settings.';

export const INTEGRATION_LOG_REFUSAL =
  'The integration log path cannot be changed over the HTTP API (the app writes to that file with your rights): ' +
  'set it with --integration-log when you start FIM Verdict, or in the desktop app’s Settings.';

export const WEBHOOK_REFUSAL =
  'The webhook URL cannot be changed over the HTTP API (the app would send what it knows there): set it with ' +
  '--webhook when you start FIM Verdict, or in the desktop app’s Settings.';

export const CIRCL_URL_REFUSAL =
  'The CIRCL hashlookup address cannot be changed over the HTTP API (FIM Verdict sends it the hash of every new ' +
  'file and trusts its "known good": a server of someone else\'s would learn your files and could keep them from ' +
  'VirusTotal): set it with --circl-url when you start FIM Verdict, or in the desktop app’s Settings.';

export const WAZUH_SOCKET_REFUSAL =
  'The Wazuh 5 queue socket cannot be changed over the HTTP API (the app would post what it knows there, as events ' +
  'of your Wazuh manager): set it with --wazuh-socket when you start FIM Verdict, or in the desktop app’s Settings.';

/**
 * The engine's settings: where the VirusTotal key goes, where the integration log is written, where the webhook and
 * the Wazuh 5 queue socket post.
 */
export const SETTINGS_DESTINATIONS: readonly (GuardedSetting<Settings, SettingsUpdate> & {
  field: SettingsView['lockedOverHttp'][number];
})[] = [
  {
    kind: 'credential',
    field: 'baseUrl',
    credential: 'apiKey',
    same: (a, b) => sameDestination(String(a), String(b)),
    refusal: BASE_URL_REFUSAL,
  },
  {
    kind: 'file',
    field: 'integrationLog',
    problem: integrationLogPathProblem,
    what: 'The integration log',
    refusal: INTEGRATION_LOG_REFUSAL,
  },
  {
    kind: 'credential',
    field: 'malwareBazaarUrl',
    credential: 'malwareBazaarKey',
    same: (a, b) => sameDestination(String(a), String(b)),
    refusal: MALWAREBAZAAR_URL_REFUSAL,
  },
  {
    kind: 'outgoing',
    field: 'webhookUrl',
    problem: webhookUrlProblem,
    shownOverHttp: webhookUrlShownOverHttp,
    what: 'The webhook URL',
    refusal: WEBHOOK_REFUSAL,
  },
  {
    // no credential goes there, but the hashes do, and its "known good" decides what VirusTotal is asked
    kind: 'outgoing',
    field: 'circlUrl',
    problem: () => null, // the settings schema already takes only an http(s) address without user:password
    shownOverHttp: (url) => url,
    what: 'The CIRCL hashlookup address',
    refusal: CIRCL_URL_REFUSAL,
  },
  {
    kind: 'file',
    field: 'wazuhSocket',
    problem: wazuhSocketPathProblem,
    what: 'The Wazuh 5 queue socket',
    refusal: WAZUH_SOCKET_REFUSAL,
  },
];

/**
 * An update from the HTTP API, checked: an unchanged destination is dropped (a form sends every field), a changed
 * credential destination needs its credential in the same update (it replaces the stored one, bound to the new
 * destination), and a changed file destination is refused. Throws ApiError('forbidden') with the field and where it
 * can be changed.
 */
export function guardHttpUpdate<T extends object, U extends object>(
  rules: readonly GuardedSetting<T, U>[],
  update: U,
  current: T,
): U {
  const checked = { ...update } as Record<string, unknown>;
  for (const rule of rules) {
    const next = checked[rule.field];
    if (next === undefined) continue;
    const now = current[rule.field as keyof T];
    const unchanged =
      rule.kind === 'credential'
        ? rule.same(next as never, now as never)
        : next === now || (rule.kind === 'outgoing' && typeof now === 'string' && next === rule.shownOverHttp(now));
    if (unchanged) delete checked[rule.field];
    else if (rule.kind !== 'credential' || typeof checked[rule.credential] !== 'string')
      throw new ApiError('forbidden', rule.refusal, { [rule.field]: rule.refusal });
  }
  return checked as U;
}

/** The local user's update: a new file destination is checked before it is saved. */
export function checkLocalUpdate<T extends object, U extends object>(
  rules: readonly GuardedSetting<T, U>[],
  update: U,
  current: T,
): void {
  for (const rule of rules) {
    if (rule.kind === 'credential') continue;
    const path = (update as Record<string, unknown>)[rule.field];
    if (typeof path !== 'string' || path === current[rule.field as keyof T]) continue;
    const problem = rule.problem(path);
    if (problem) {
      const message = `${rule.what} cannot be ${path}: ${problem}.`;
      throw new ApiError('bad-request', message, { [rule.field]: message });
    }
  }
}

/** The settings as the HTTP API shows them: an outgoing destination with its secret part hidden. */
export function shownOverHttp<T extends object, U>(rules: readonly GuardedSetting<T, U>[], settings: T): T {
  const out = { ...settings } as Record<string, unknown>;
  for (const rule of rules) {
    const value = out[rule.field];
    if (rule.kind === 'outgoing' && typeof value === 'string') out[rule.field] = rule.shownOverHttp(value);
  }
  return out as T;
}

/** The fields the HTTP API may not change freely (the settings view says so). */
export function lockedOverHttp<T, U, F extends string>(rules: readonly (GuardedSetting<T, U> & { field: F })[]): F[] {
  return rules.map((r) => r.field);
}
