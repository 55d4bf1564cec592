// Desktop notifications in browser mode, through the browser's Notification API once the analyst allows them
// (Settings → "Allow notifications in this browser"): one for each file that turns malicious (the same rule, words
// and burst cap as the desktop app's, shared/maliciousNotice.ts), a click opening its page. The engine's
// `notifications` setting still switches them off, and the analyst can silence this browser alone (kept in its
// localStorage). The browser's API is reached through NotificationHost, so the rules are tested without one.
import type { ApiEvent } from '../../../shared/contract';
import { createMaliciousNotifier, turnedMalicious } from '../../../shared/maliciousNotice';

export type BrowserPermission = 'unsupported' | 'default' | 'granted' | 'denied';

/** What is needed of the browser's Notification API (a test gives its own). */
export interface NotificationHost {
  permission(): BrowserPermission;
  request(): Promise<BrowserPermission>;
  show(title: string, options: { body: string; tag: string }, onClick: () => void): void;
}

/** Where "silenced in this browser" is kept. */
export const SILENCED_KEY = 'fimv-browser-notifications-off';

export interface SwitchStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage, or null where the page may not use it (reading the property itself can throw) */
export function localStorageOrNull(): SwitchStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function isSilenced(storage: SwitchStorage | null): boolean {
  try {
    return storage?.getItem(SILENCED_KEY) === '1';
  } catch {
    return false;
  }
}

export function setSilenced(storage: SwitchStorage | null, silenced: boolean): void {
  try {
    if (silenced) storage?.setItem(SILENCED_KEY, '1');
    else storage?.removeItem(SILENCED_KEY);
  } catch {
    // storage refused (private mode): the switch lasts for this page only
  }
}

/** The page's own Notification API; 'unsupported' where there is none (an old browser, an insecure address). */
export function browserNotificationHost(win: Window & typeof globalThis = window): NotificationHost {
  const api = (win as { Notification?: typeof Notification }).Notification;
  return {
    permission: () => (api ? (api.permission as BrowserPermission) : 'unsupported'),
    request: async () => (api ? ((await api.requestPermission()) as BrowserPermission) : 'unsupported'),
    show(title, options, onClick) {
      if (!api || api.permission !== 'granted') return;
      const n = new api(title, options);
      n.onclick = () => {
        win.focus();
        n.close();
        onClick();
      };
    },
  };
}

export interface BrowserNotifierDeps {
  host: NotificationHost;
  /** the engine's `notifications` setting (asked each time: a change applies at once) */
  settingEnabled(): Promise<boolean>;
  silenced(): boolean;
  /** open a file's page (null: the Live view) */
  open(hash: string | null): void;
  burst?: { max: number; windowMs: number };
}

/** Hears the engine's events (the store passes each 'verdict' event on) and shows one notification per new malicious file. */
export function createBrowserNotifier(d: BrowserNotifierDeps): {
  handle(event: ApiEvent): Promise<void>;
  dispose(): void;
} {
  // a file is announced once while it stays malicious, whatever repeats its verdict (another tab's look-up, a refresh)
  const told = new Set<string>();
  const notifier = createMaliciousNotifier({
    isEnabled: async () => d.host.permission() === 'granted' && !d.silenced() && (await d.settingEnabled()),
    show: (spec, onClick) =>
      d.host.show(spec.title, { body: spec.body, tag: spec.hash ?? 'fim-verdict-summary' }, onClick),
    openFile: d.open,
    burst: d.burst,
  });
  return {
    async handle(event) {
      if (event.type !== 'verdict') return;
      const hash = event.sha256 ?? event.sha1 ?? event.md5;
      if (!hash) return;
      if (event.verdict.state !== 'malicious') {
        if (event.verdict.state !== 'pending' && event.verdict.state !== 'error') told.delete(hash);
        return;
      }
      if (!turnedMalicious(event) || told.has(hash)) return;
      told.add(hash);
      await notifier.handle(event);
    },
    dispose: () => notifier.dispose(),
  };
}
