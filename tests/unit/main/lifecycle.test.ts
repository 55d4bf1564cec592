import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installGracefulQuit } from '../../../electron/main/lifecycle';

vi.mock('electron', () => ({}));

function fakeApp() {
  const app = Object.assign(new EventEmitter(), {
    quits: 0,
    quit() {
      app.quits += 1;
      app.emitQuit();
    },
    emitQuit() {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      app.emit('will-quit', event);
      return event.prevented;
    },
  });
  return app;
}

describe('graceful quit', () => {
  it('holds the quit until the engine has stopped, then quits once', async () => {
    const app = fakeApp();
    let release!: () => void;
    const stop = vi.fn(() => new Promise<void>((r) => (release = r)));
    installGracefulQuit(app as never, stop, { log: () => {} });
    expect(app.emitQuit()).toBe(true);
    expect(app.emitQuit()).toBe(true); // a second quit while stopping waits too
    expect(stop).toHaveBeenCalledTimes(1);
    expect(app.quits).toBe(0);
    release();
    await vi.waitFor(() => expect(app.quits).toBe(1));
  });

  it('quits anyway when the engine fails or hangs', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    const log = vi.fn();
    installGracefulQuit(app as never, () => new Promise(() => {}), { timeoutMs: 50, log });
    app.emitQuit();
    await vi.advanceTimersByTimeAsync(60);
    expect(app.quits).toBe(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('did not stop'));
    vi.useRealTimers();

    const app2 = fakeApp();
    installGracefulQuit(app2 as never, async () => Promise.reject(new Error('disk gone')), { log });
    app2.emitQuit();
    await vi.waitFor(() => expect(app2.quits).toBe(1));
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk gone'));
  });
});
