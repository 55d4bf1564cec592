// A credential is bound to the destination it was given for. The VirusTotal key (VT_API_KEY, or the stored one)
// is sent only to a base URL the local user chose: VirusTotal's own, the --vt-url flag of this run, or one the
// desktop app's Settings (IPC) changed to (saving that form unchanged chooses nothing). A base URL set over the HTTP
// API (anyone holding the token) gets only the key given with it in the same request; the key from VT_API_KEY never
// goes there, and neither does an older stored key.
// What was chosen where is kept in the settings table, so a restart does not turn an HTTP-set URL into a trusted one.
import { sameDestination, VIRUSTOTAL_BASE_URL } from '../../../shared/settings';

import type { KeyBinding } from '../store/keyBindingStore';

export type { KeyBinding } from '../store/keyBindingStore';

export type KeyChoice =
  | { key: string; source: 'env' | 'stored'; withheld: null }
  /** withheld: a key exists but may not go to this destination (why, in one sentence) */
  | { key: null; source: null; withheld: string | null };

export interface KeyInputs {
  /** where look-ups go now */
  baseUrl: string;
  /** --vt-url was given: the local user chose this destination at start */
  baseUrlFromFlag: boolean;
  envKey: string | null;
  storedKey: string | null;
  binding: KeyBinding;
  /** the service's own address (always the local user's choice); default VirusTotal's */
  defaultUrl?: string;
  /** how the message names the key's sources and the flag (default VirusTotal's) */
  words?: { env: string; flag: string };
}

/** Which key may be sent to `baseUrl`, if any. */
export function chooseKey(i: KeyInputs): KeyChoice {
  const chosenLocally =
    i.baseUrlFromFlag ||
    sameDestination(i.baseUrl, i.defaultUrl ?? VIRUSTOTAL_BASE_URL) ||
    sameDestination(i.baseUrl, i.binding.localBaseUrl);
  if (i.envKey && chosenLocally) return { key: i.envKey, source: 'env', withheld: null };
  const storedFor = i.binding.storedKeyFor;
  if (i.storedKey && (chosenLocally || (storedFor !== null && sameDestination(i.baseUrl, storedFor)))) {
    return { key: i.storedKey, source: 'stored', withheld: null };
  }
  if (i.envKey || i.storedKey) {
    const words = i.words ?? { env: 'VT_API_KEY', flag: '--vt-url' };
    return {
      key: null,
      source: null,
      withheld:
        `Look-ups go to ${i.baseUrl}, which was set over the HTTP API: the ${i.envKey ? `key in ${words.env}` : 'stored key'} ` +
        `is not sent there. Give the key for that address in Settings, or start FIM Verdict with ${words.flag} and that address.`,
    };
  }
  return { key: null, source: null, withheld: null };
}
