// A credential is bound to the destination it was given for. The VirusTotal key (VT_API_KEY, or the stored one)
// is sent only to a base URL the local user chose: VirusTotal's own, the --vt-url flag of this run, or one set in the
// desktop app's Settings (IPC). A base URL set over the HTTP API (anyone holding the token) gets only the key given
// with it in the same request; the key from VT_API_KEY never goes there, and neither does an older stored key.
// What was chosen where is kept in the settings table, so a restart does not turn an HTTP-set URL into a trusted one.
import { sameDestination, VIRUSTOTAL_BASE_URL } from '../../shared/settings';
import type { Db } from './db/database';

export interface KeyBinding {
  /** the last base URL the local user chose (default, or desktop Settings) */
  localBaseUrl: string;
  /** the base URL the stored key was given for; null: stored before bindings existed (bound to the saved URL) */
  storedKeyFor: string | null;
}

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
}

/** Which key may be sent to `baseUrl`, if any. */
export function chooseKey(i: KeyInputs): KeyChoice {
  const chosenLocally =
    i.baseUrlFromFlag ||
    sameDestination(i.baseUrl, VIRUSTOTAL_BASE_URL) ||
    sameDestination(i.baseUrl, i.binding.localBaseUrl);
  if (i.envKey && chosenLocally) return { key: i.envKey, source: 'env', withheld: null };
  const storedFor = i.binding.storedKeyFor;
  if (i.storedKey && (chosenLocally || (storedFor !== null && sameDestination(i.baseUrl, storedFor)))) {
    return { key: i.storedKey, source: 'stored', withheld: null };
  }
  if (i.envKey || i.storedKey) {
    return {
      key: null,
      source: null,
      withheld:
        `Look-ups go to ${i.baseUrl}, which was set over the HTTP API: the ${i.envKey ? 'key in VT_API_KEY' : 'stored key'} ` +
        'is not sent there. Give the key for that address in Settings, or choose the address with --vt-url or in the desktop app.',
    };
  }
  return { key: null, source: null, withheld: null };
}

const ROW = 'key-binding';

export class KeyBindingStore {
  private readonly read: () => string | undefined;
  private readonly write: (value: string) => void;

  constructor(db: Db) {
    const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    const put = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.read = () => get.get(ROW) as string | undefined;
    this.write = (value) => void put.run(ROW, value);
  }

  /** `savedBaseUrl`: what a database from before bindings had saved (the local user's choice then). */
  load(savedBaseUrl: string): KeyBinding {
    try {
      const raw = this.read();
      if (raw) {
        const v = JSON.parse(raw) as Partial<KeyBinding>;
        if (typeof v.localBaseUrl === 'string') {
          return {
            localBaseUrl: v.localBaseUrl,
            storedKeyFor: typeof v.storedKeyFor === 'string' ? v.storedKeyFor : null,
          };
        }
      }
    } catch {
      // unreadable: rebuilt below
    }
    const binding = { localBaseUrl: savedBaseUrl, storedKeyFor: savedBaseUrl };
    this.save(binding);
    return binding;
  }

  save(binding: KeyBinding): void {
    this.write(JSON.stringify(binding));
  }
}
