// Settings live in one JSON row, validated on the way in and on the way out (a hand-edited or older value
// falls back to the defaults field by field instead of breaking the start).
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
    const raw = this.read();
    if (!raw) return DEFAULT_SETTINGS;
    let stored: unknown;
    try {
      stored = JSON.parse(raw);
    } catch {
      return DEFAULT_SETTINGS;
    }
    const whole = Settings.safeParse(stored);
    if (whole.success) return whole.data;
    // keep each top-level field that is still valid
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    const shape = Settings.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
    for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
      const field = shape[key]?.safeParse(value);
      if (field?.success) merged[key] = field.data;
      else if (key === 'filters') merged.filters = validFilters(value);
    }
    return Settings.parse(merged);
  }

  save(update: SettingsUpdate): Settings {
    const next = mergeSettings(this.load(), update);
    this.write(JSON.stringify(next));
    return next;
  }
}

/** Each filter that is still valid (a list saved before its bounds were set keeps the others). */
function validFilters(stored: unknown): FilterSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS.filters };
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SETTINGS.filters;
  const shape = FilterSettings.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  for (const [key, value] of Object.entries(stored)) {
    const field = shape[key]?.safeParse(value);
    if (field?.success) out[key] = field.data;
  }
  return FilterSettings.parse(out);
}
