// The settings service: the stored settings with this run's command-line flags over them, the key and where it may
// go, and every change checked (the declared destinations: destinations.ts), saved and told to whoever applies it
// (filters, quota, the VirusTotal client, the integration log). Owns the settings table and the key binding.
import {
  DEFAULT_SETTINGS,
  QUOTA_PRESETS,
  sameDestination,
  type RemoteProvider,
  SettingsUpdate,
  VIRUSTOTAL_BASE_URL,
  type Settings,
  type SettingsView,
} from '../../../shared/settings';
import { ApiError } from '../base/apiError';
import type { Db } from '../db/database';
import { KeyBindingStore, type KeyBinding } from '../store/keyBindingStore';
import { SettingsStore } from '../store/settingsStore';
import {
  checkLocalUpdate,
  guardHttpUpdate,
  lockedOverHttp,
  SETTINGS_DESTINATIONS,
  shownOverHttp,
} from './destinations';
import { chooseKey, type KeyChoice } from './keyBinding';

/** The settings row of MalwareBazaar's key binding (keyBindingStore.ts). */
const MB_BINDING_ROW = 'key-binding:malwarebazaar';
const MALWAREBAZAAR_BASE_URL = DEFAULT_SETTINGS.malwareBazaarUrl;
function memorySecret(): SecretStore {
  let value: string | null = null;
  return {
    kind: 'memory',
    encrypted: false,
    message: 'kept in memory until the app stops',
    get: () => value,
    set: (v) => void (value = v),
  };
}

/** Where a key typed in the app is kept: safeStorage in the desktop app, an owner-only file in headless mode. */
export interface SecretStore {
  readonly kind: 'safe-storage' | 'owner-only-file' | 'memory';
  /** false when the OS offers no keyring */
  readonly encrypted: boolean;
  /** one sentence for the settings view (e.g. what it means that no keyring exists) */
  readonly message: string;
  get(): string | null;
  set(value: string | null): void;
}

/** The settings fixed for this run by command-line flags, and the key from the environment. */
export interface SettingsFlags {
  /** --vt-url: overrides the stored base URL for this run */
  vtBaseUrl?: string;
  /** --quota-per-*: override the stored plan for this run */
  quota?: { perMinute?: number; perDay?: number; perMonth?: number };
  /** --integration-log: overrides the stored path for this run */
  integrationLog?: string;
  /** VT_API_KEY: wins over a stored key, never stored */
  apiKeyFromEnv?: string | null;
  /** --providers: the remote providers switched on for this run, in the order asked */
  providers?: RemoteProvider[];
  /** --circl-url, --malwarebazaar-url: their addresses for this run */
  circlUrl?: string;
  malwareBazaarUrl?: string;
  /** MALWAREBAZAAR_API_KEY: wins over a stored key, never stored */
  malwareBazaarKeyFromEnv?: string | null;
  /** --webhook, --webhook-format: override the stored webhook for this run */
  webhookUrl?: string;
  webhookFormat?: 'json' | 'slack';
  /** --wazuh-socket: overrides the stored queue socket for this run */
  wazuhSocket?: string;
  /** --webhook-triage: triage changes go to the webhook too, for this run */
  webhookTriage?: boolean;
}

/** Who changes the settings: the desktop app's own Settings (IPC) and the flags are the local user's. */
export type ChosenBy = 'local' | 'http';

export interface SettingsChange {
  settings: Settings;
  /** the key was set or removed: a new key is proven again, a refused one may work now */
  keyChanged: boolean;
  /** MalwareBazaar's key was set or removed */
  malwareBazaarKeyChanged?: boolean;
}

export interface SettingsServiceDeps {
  db: Db;
  flags: SettingsFlags;
  secrets: SecretStore;
  /** where MalwareBazaar's Auth-Key typed in Settings is kept (default: memory) */
  malwareBazaarSecrets?: SecretStore;
  /** the transport this run serves: the HTTP API may not change the declared destinations freely */
  transport: 'ipc' | 'http';
  /** the database is new (first start, or rebuilt): its saved base URL was not chosen by anyone yet */
  newDatabase: boolean;
  /** config.json is written after each change (settings/configMirror.ts) */
  mirror: { save(): void };
  /** before the settings are read: what the database lost comes back from config.json (mirrorAtStart.ts) */
  atStart?: (settings: Pick<SettingsService, 'restore' | 'readable'>) => void;
}

export class SettingsService {
  private readonly store: SettingsStore;
  private readonly bindings: KeyBindingStore;
  private binding: KeyBinding;
  private readonly mbBindings: KeyBindingStore;
  private mbBinding: KeyBinding;
  private readonly mbSecrets: SecretStore;
  private settings: Settings;
  private readonly listeners: ((change: SettingsChange) => void)[] = [];

  constructor(private readonly d: SettingsServiceDeps) {
    this.store = new SettingsStore(d.db);
    d.atStart?.({ restore: (saved) => this.store.save(saved), readable: () => this.readable() });
    this.bindings = new KeyBindingStore(d.db);
    // A new database (first start, damaged or missing one) may have had its settings restored from config.json,
    // which does not say who chose the saved base URL: only VirusTotal's own address counts as the local user's
    // choice until they choose again (a key is not sent to an address restored from a file).
    if (d.newDatabase) this.bindings.save({ localBaseUrl: VIRUSTOTAL_BASE_URL, storedKeyFor: null });
    this.binding = this.bindings.load(this.store.load().baseUrl);
    // MalwareBazaar's key, bound to its address by the same rule
    this.mbSecrets = d.malwareBazaarSecrets ?? memorySecret();
    this.mbBindings = new KeyBindingStore(d.db, MB_BINDING_ROW);
    if (d.newDatabase) this.mbBindings.save({ localBaseUrl: MALWAREBAZAAR_BASE_URL, storedKeyFor: null });
    this.mbBinding = this.mbBindings.load(this.store.load().malwareBazaarUrl);
    this.settings = this.withFlags(this.store.load());
  }

  /** Called with every saved change, in the order the services were wired. */
  onChange(listener: (change: SettingsChange) => void): void {
    this.listeners.push(listener);
  }

  /** The settings in force: the stored ones with this run's flags over them. */
  current(): Settings {
    return this.settings;
  }

  /** The settings as saved (config.json keeps these, not the flags of one run). */
  stored(): Settings {
    return this.store.load();
  }

  /** What config.json restores at start, before anything else reads the settings (atStart). */
  restore(saved: Settings): void {
    this.store.save(saved);
  }

  /** The stored settings row can be read (false: it is not JSON; the defaults are in force). */
  readable(): boolean {
    return this.store.readStored().readable;
  }

  /** The settings fixed by command-line flags for this run. */
  overriddenByFlags(): string[] {
    const f = this.d.flags;
    const out: string[] = [];
    if (f.vtBaseUrl) out.push('baseUrl');
    if (f.quota && Object.values(f.quota).some((v) => v !== undefined)) out.push('quota');
    if (f.integrationLog) out.push('integrationLog');
    if (f.providers) out.push('providers');
    if (f.circlUrl) out.push('circlUrl');
    if (f.malwareBazaarUrl) out.push('malwareBazaarUrl');
    if (f.webhookUrl) out.push('webhookUrl');
    if (f.webhookFormat) out.push('webhookFormat');
    if (f.wazuhSocket) out.push('wazuhSocket');
    if (f.webhookTriage) out.push('webhookTriage');
    return out;
  }

  private withFlags(s: Settings): Settings {
    const f = this.d.flags;
    const quota =
      f.quota && Object.values(f.quota).some((v) => v !== undefined)
        ? {
            plan: 'custom' as const,
            perMinute: f.quota.perMinute ?? s.quota.perMinute,
            perDay: f.quota.perDay ?? s.quota.perDay,
            perMonth: f.quota.perMonth ?? s.quota.perMonth,
          }
        : s.quota.plan === 'public'
          ? { plan: 'public' as const, ...QUOTA_PRESETS.public }
          : s.quota;
    return {
      ...s,
      baseUrl: f.vtBaseUrl ?? s.baseUrl,
      quota,
      integrationLog: f.integrationLog ?? s.integrationLog,
      providers: f.providers ?? s.providers,
      circlUrl: f.circlUrl ?? s.circlUrl,
      malwareBazaarUrl: f.malwareBazaarUrl ?? s.malwareBazaarUrl,
      webhookUrl: f.webhookUrl ?? s.webhookUrl,
      webhookFormat: f.webhookFormat ?? s.webhookFormat,
      wazuhSocket: f.wazuhSocket ?? s.wazuhSocket,
      webhookTriage: f.webhookTriage || s.webhookTriage,
    };
  }

  keyStorage(): SettingsView['keyStorage'] {
    const s = this.d.secrets;
    return { kind: s.kind, encrypted: s.encrypted, message: s.message };
  }

  /** The key that may go to where look-ups go now (keyBinding.ts), or why none may. */
  apiKey(): KeyChoice {
    return chooseKey({
      baseUrl: this.settings.baseUrl,
      baseUrlFromFlag: this.d.flags.vtBaseUrl !== undefined,
      envKey: this.d.flags.apiKeyFromEnv?.trim() || null,
      storedKey: this.d.secrets.get(),
      binding: this.binding,
    });
  }

  /** MalwareBazaar's Auth-Key that may go to its address now (the same rule as the VirusTotal key), or why none may. */
  malwareBazaarKey(): KeyChoice {
    return chooseKey({
      baseUrl: this.settings.malwareBazaarUrl,
      baseUrlFromFlag: this.d.flags.malwareBazaarUrl !== undefined,
      envKey: this.d.flags.malwareBazaarKeyFromEnv?.trim() || null,
      storedKey: this.mbSecrets.get(),
      binding: this.mbBinding,
      defaultUrl: MALWAREBAZAAR_BASE_URL,
      words: { env: 'MALWAREBAZAAR_API_KEY', flag: '--malwarebazaar-url' },
    });
  }

  /** The settings form's view: the settings, whether a key is set and from where, what the flags and HTTP fix. */
  view(): SettingsView {
    const key = this.apiKey();
    const mb = this.malwareBazaarKey();
    const overHttp = this.d.transport === 'http';
    return {
      // the webhook URL's secret part is not shown to a browser (destinations.ts)
      ...(overHttp ? shownOverHttp(SETTINGS_DESTINATIONS, this.settings) : this.settings),
      apiKeySet: key.key !== null,
      apiKeySource: key.source,
      keyStorage: this.keyStorage(),
      overriddenByFlags: this.overriddenByFlags(),
      apiKeyWithheld: key.withheld,
      lockedOverHttp: this.d.transport === 'http' ? lockedOverHttp(SETTINGS_DESTINATIONS) : [],
      malwareBazaarKeySet: mb.key !== null,
      malwareBazaarKeySource: mb.source,
      malwareBazaarKeyWithheld: mb.withheld,
    };
  }

  /**
   * A change from the settings form, checked against the contract and the declared destinations (the transport of
   * this run decides who is asking: the HTTP API, or the local user), saved, and applied without a restart.
   */
  change(update: unknown): Settings {
    const checked = SettingsUpdate.safeParse(update);
    if (!checked.success) throw new ApiError('bad-request', checked.error.issues[0]?.message ?? 'invalid settings');
    const overHttp = this.d.transport === 'http';
    const allowed = overHttp
      ? guardHttpUpdate(SETTINGS_DESTINATIONS, checked.data, this.settings)
      : (checkLocalUpdate(SETTINGS_DESTINATIONS, checked.data, this.settings), checked.data);
    try {
      return this.update(allowed, overHttp ? 'http' : 'local');
    } catch (error) {
      const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
      if (issues) {
        const fields = Object.fromEntries(issues.map((i) => [i.path.map(String).join('.'), i.message]));
        throw new ApiError('bad-request', issues[0].message, fields);
      }
      throw error;
    }
  }

  /**
   * Save, then tell the services. `chosenBy`: 'local' for the desktop app's own Settings (IPC), 'http' for the
   * HTTP API, whose updates were checked by guardHttpUpdate().
   */
  update(update: SettingsUpdate, chosenBy: ChosenBy = 'local'): Settings {
    const { apiKey, malwareBazaarKey, ...rest } = update;
    if (apiKey !== undefined) this.d.secrets.set(apiKey);
    if (malwareBazaarKey !== undefined) this.mbSecrets.set(malwareBazaarKey);
    const before = this.store.load();
    const saved = this.store.save(rest);
    // The local user chooses an address by changing it: the desktop form sends every field back on any save, and
    // saving the theme is no consent to send the key to an address someone set over the HTTP API meanwhile.
    const changedLocally = (field: 'baseUrl' | 'malwareBazaarUrl') =>
      chosenBy === 'local' && rest[field] !== undefined && !sameDestination(rest[field], before[field]);
    const mbBinding = { ...this.mbBinding };
    if (changedLocally('malwareBazaarUrl')) {
      mbBinding.localBaseUrl = saved.malwareBazaarUrl;
      mbBinding.storedKeyFor = saved.malwareBazaarUrl;
    }
    if (typeof malwareBazaarKey === 'string')
      mbBinding.storedKeyFor = rest.malwareBazaarUrl ?? this.settings.malwareBazaarUrl;
    if (
      mbBinding.localBaseUrl !== this.mbBinding.localBaseUrl ||
      mbBinding.storedKeyFor !== this.mbBinding.storedKeyFor
    ) {
      this.mbBindings.save(mbBinding);
      this.mbBinding = mbBinding;
    }
    const binding = { ...this.binding };
    if (changedLocally('baseUrl')) {
      binding.localBaseUrl = saved.baseUrl;
      binding.storedKeyFor = saved.baseUrl;
    }
    if (typeof apiKey === 'string') binding.storedKeyFor = rest.baseUrl ?? this.settings.baseUrl;
    if (binding.localBaseUrl !== this.binding.localBaseUrl || binding.storedKeyFor !== this.binding.storedKeyFor) {
      this.bindings.save(binding);
      this.binding = binding;
    }
    this.settings = this.withFlags(saved);
    this.d.mirror.save();
    const change = {
      settings: this.settings,
      keyChanged: apiKey !== undefined,
      malwareBazaarKeyChanged: malwareBazaarKey !== undefined,
    };
    for (const listener of this.listeners) listener(change);
    return this.settings;
  }
}
