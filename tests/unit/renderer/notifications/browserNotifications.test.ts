// Browser notifications: one per file that turns malicious, only once allowed, not when the setting is off or this
// browser is silenced, a click opening the file's page; the "silenced" switch survives in the browser's storage.
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../shared/contract';
import {
  createBrowserNotifier,
  isSilenced,
  setSilenced,
  type BrowserPermission,
  type NotificationHost,
} from '../../../../renderer/src/notifications/browserNotifications';

const verdict = (hash: string, state: string, previousState: string | null): ApiEvent =>
  ({
    type: 'verdict',
    sha256: hash,
    sha1: null,
    md5: null,
    previousState,
    path: `/tmp/${hash.slice(0, 4)}.exe`,
    verdict: {
      state,
      positives: 9,
      total: 71,
      permalink: null,
      scanDate: null,
      checkedAt: null,
      origin: 'virustotal',
      reason: null,
    },
  }) as ApiEvent;

function harness(o: { permission?: BrowserPermission; setting?: boolean; silenced?: boolean } = {}) {
  const shown: { title: string; body: string; tag: string; click: () => void }[] = [];
  const opened: (string | null)[] = [];
  let permission = o.permission ?? 'granted';
  const host: NotificationHost = {
    permission: () => permission,
    request: async () => (permission = 'granted'),
    show: (title, options, onClick) => shown.push({ title, ...options, click: onClick }),
  };
  const notifier = createBrowserNotifier({
    host,
    settingEnabled: async () => o.setting ?? true,
    silenced: () => o.silenced ?? false,
    open: (hash) => opened.push(hash),
  });
  return { notifier, shown, opened, host };
}

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('browser notifications', () => {
  it('one per new malicious file, naming it, a click opening its page', async () => {
    const h = harness();
    await h.notifier.handle(verdict(A, 'malicious', 'pending'));
    await h.notifier.handle(verdict(A, 'malicious', null)); // the same file again: no second one
    await h.notifier.handle(verdict(B, 'clean', 'pending'));
    expect(h.shown).toHaveLength(1);
    expect(h.shown[0]).toMatchObject({
      title: 'Malicious file: aaaa.exe',
      body: '/tmp/aaaa.exe (9/71 engines)',
      tag: A,
    });
    h.shown[0].click();
    expect(h.opened).toEqual([A]);
    // clean in between: malicious again is a new one
    await h.notifier.handle(verdict(A, 'clean', 'malicious'));
    await h.notifier.handle(verdict(A, 'malicious', 'clean'));
    expect(h.shown).toHaveLength(2);
    h.notifier.dispose();
  });

  it('shows none until allowed, when the setting is off, or when this browser is silenced', async () => {
    for (const o of [
      { permission: 'default' as const },
      { permission: 'denied' as const },
      { setting: false },
      { silenced: true },
    ]) {
      const h = harness(o);
      await h.notifier.handle(verdict(A, 'malicious', 'pending'));
      expect(h.shown, JSON.stringify(o)).toHaveLength(0);
      h.notifier.dispose();
    }
  });

  it('keeps "silenced" in the storage it is given, and survives a storage that refuses', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    expect(isSilenced(storage)).toBe(false);
    setSilenced(storage, true);
    expect(isSilenced(storage)).toBe(true);
    setSilenced(storage, false);
    expect(isSilenced(storage)).toBe(false);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(isSilenced(refusing)).toBe(false);
    expect(() => setSilenced(refusing, true)).not.toThrow();
  });
});
