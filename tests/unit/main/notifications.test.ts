import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../shared/contract';

const created: { options: { title: string; body: string }; handlers: Record<string, () => void>; shown: boolean }[] =
  [];
vi.mock('electron', () => ({
  Notification: class {
    static isSupported = () => true;
    handlers: Record<string, () => void> = {};
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      created.push(this as never);
    }
    on(name: string, fn: () => void) {
      this.handlers[name] = fn;
    }
    show() {
      this.shown = true;
    }
  },
}));

const { createMaliciousNotifier, describeMalicious, showNativeNotification, turnedMalicious } =
  await import('../../../electron/main/notifications');

const SHA = 'c'.repeat(64);
function verdict(state: string, previousState: string | null, extra: Partial<Record<string, unknown>> = {}): ApiEvent {
  return {
    type: 'verdict',
    sha256: SHA,
    sha1: null,
    md5: null,
    previousState,
    path: '/usr/bin/evil',
    verdict: {
      state,
      positives: 7,
      total: 70,
      permalink: null,
      scanDate: null,
      checkedAt: null,
      origin: 'virustotal',
      reason: null,
    },
    ...extra,
  } as ApiEvent;
}

describe('malicious notifications', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires only when a file turns malicious', () => {
    expect(turnedMalicious(verdict('malicious', null))).toBe(true);
    expect(turnedMalicious(verdict('malicious', 'clean'))).toBe(true);
    expect(turnedMalicious(verdict('malicious', 'pending'))).toBe(true);
    expect(turnedMalicious(verdict('malicious', 'malicious'))).toBe(false);
    expect(turnedMalicious(verdict('suspicious', 'clean'))).toBe(false);
    expect(turnedMalicious({ type: 'open-file', hash: 'x' })).toBe(false);
  });

  it('names the file and the score, and opens that file on click', async () => {
    const show = vi.fn();
    const openFile = vi.fn();
    const notifier = createMaliciousNotifier({ isEnabled: async () => true, show, openFile });
    await notifier.handle(verdict('malicious', 'clean'));
    await notifier.handle(verdict('malicious', 'malicious'));
    expect(show).toHaveBeenCalledTimes(1);
    const [spec, onClick] = show.mock.calls[0];
    expect(spec).toEqual({ title: 'Malicious file: evil', body: '/usr/bin/evil (7/70 engines)', hash: SHA });
    onClick();
    expect(openFile).toHaveBeenCalledWith(SHA);
    expect(
      describeMalicious(verdict('malicious', null, { path: null, sha256: null, md5: 'abc' }) as never),
    ).toMatchObject({
      title: 'Malicious file',
      body: 'abc (7/70 engines)',
      hash: 'abc',
    });
  });

  it('stays quiet when the setting is off', async () => {
    const show = vi.fn();
    const notifier = createMaliciousNotifier({ isEnabled: async () => false, show, openFile: vi.fn() });
    await notifier.handle(verdict('malicious', null));
    expect(show).not.toHaveBeenCalled();
  });

  it('caps a burst and summarises the rest in one notification', async () => {
    const show = vi.fn();
    const openFile = vi.fn();
    const notifier = createMaliciousNotifier({
      isEnabled: async () => true,
      show,
      openFile,
      burst: { max: 2, windowMs: 1000 },
    });
    for (let i = 0; i < 5; i++) await notifier.handle(verdict('malicious', null));
    expect(show).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(show).toHaveBeenCalledTimes(3);
    const [summary, onClick] = show.mock.calls[2];
    expect(summary.title).toBe('3 more files turned malicious');
    onClick();
    expect(openFile).toHaveBeenCalledWith(null);
    await notifier.handle(verdict('malicious', null));
    expect(show).toHaveBeenCalledTimes(4);
    notifier.dispose();
  });

  it('shows a native notification that survives until clicked', () => {
    const onClick = vi.fn();
    showNativeNotification({ title: 't', body: 'b', hash: null }, onClick);
    const n = created.at(-1)!;
    expect(n.shown).toBe(true);
    expect(n.options).toEqual({ title: 't', body: 'b' });
    n.handlers.click();
    expect(onClick).toHaveBeenCalled();
  });
});
