// Settings live in one JSON row, validated on the way in and on the way out (a hand-edited or older value
// falls back to the defaults field by field instead of breaking the start: settingsFromStored).
import {
  DEFAULT_SETTINGS,
  FilterSettings,
  Settings,
  mergeSettings,
  type SettingsUpdate,
} from '../../../shared/settings';
import type { Db } from '../db/database';

export class SettingsStore {
  private readonly read: () => string | undefined;
  private readonly write: (value: string) => void;

  constructor(db: Db) {
    const get = db.prepare("SELECT value FROM settings WHERE key = 'settings'").pluck();
    const put = db.prepare(
      "INSERT INTO settings (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.read = () => get.get() as string | undefined;
    this.write = (value) => void put.run(value);
  }

  load(): Settings {
    return this.readStored().settings;
  }

  /** The stored settings, and whether the stored row could be read at all (false: not JSON; defaults given). */
  readStored(): { settings: Settings; readable: boolean } {
    const raw = this.read();
    if (!raw) return { settings: DEFAULT_SETTINGS, readable: true };
    let stored: unknown;
    try {
      stored = JSON.parse(raw);
    } catch {
      return { settings: DEFAULT_SETTINGS, readable: false };
    }
    return { settings: settingsFromStored(stored), readable: true };
  }

  save(update: SettingsUpdate): Settings {
    const next = mergeSettings(this.load(), update);
    this.write(JSON.stringify(next));
    return next;
  }
}

/**
 * Stored settings (the database's row, config.json's copy) as valid Settings: a hand-edited or older value falls
 * back to the default field by field, and a filter list saved before its bounds were set alone (the other filters
 * are kept).
 */
export function settingsFromStored(stored: unknown): Settings {
  const whole = Settings.safeParse(stored);
  if (whole.success) return whole.data;
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SETTINGS;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(stored)) {
    const field = fieldOf(Settings, key)?.safeParse(value);
    if (field?.success) merged[key] = field.data;
    else if (key === 'filters') merged.filters = validFilters(value);
  }
  return Settings.parse(merged);
}

type FieldSchema = { safeParse(v: unknown): { success: boolean; data?: unknown } };
const fieldOf = (schema: { shape: object }, key: string): FieldSchema | undefined =>
  Object.hasOwn(schema.shape, key) ? (schema.shape as Record<string, FieldSchema>)[key] : undefined;

function validFilters(stored: unknown): FilterSettings {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SETTINGS.filters;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS.filters };
  for (const [key, value] of Object.entries(stored)) {
    const field = fieldOf(FilterSettings, key)?.safeParse(value);
    if (field?.success) out[key] = field.data;
  }
  return FilterSettings.parse(out);
}
