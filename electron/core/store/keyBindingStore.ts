// Where each credential may go (settings/keyBinding.ts decides): the destination the local user chose last and the
// one the stored credential was given for, kept in the settings table so a restart does not turn a destination set
// over the HTTP API into a trusted one.
import type { Db } from '../db/database';

export interface KeyBinding {
  /** the last base URL the local user chose (default, or desktop Settings) */
  localBaseUrl: string;
  /** the base URL the stored key was given for; null: stored before bindings existed (bound to the saved URL) */
  storedKeyFor: string | null;
}

/** The row of the VirusTotal key (named before other credentials existed). */
const VIRUSTOTAL_ROW = 'key-binding';

export class KeyBindingStore {
  private readonly read: () => string | undefined;
  private readonly write: (value: string) => void;

  constructor(db: Db) {
    const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    const put = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.read = () => get.get(VIRUSTOTAL_ROW) as string | undefined;
    this.write = (value) => void put.run(VIRUSTOTAL_ROW, value);
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
