// The headless stop: orderly and exit 0, or, when the orderly stop is stuck, the lock released and out within the
// deadline; a second signal exits at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shutdownHandler, STOP_DEADLINE_MS } from '../../../electron/headless/shutdown';

function harness(stop: () => Promise<void>) {
  const out = { written: '', released: 0, exits: [] as number[] };
  const handler = shutdownHandler({
    stop,
    release: () => void out.released++,
    write: (m) => void (out.written += m),
    exit: (code) => void out.exits.push(code),
  });
  return { handler, out };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('shutdownHandler', () => {
  it('an orderly stop exits 0 (SIGTERM as systemd sends it)', async () => {
    const { handler, out } = harness(async () => {});
    handler('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(out.exits).toEqual([0]);
    expect(out.released).toBe(0); // the orderly stop released it itself
    expect(out.written).toBe('SIGTERM: stopping\n');
  });

  it('a stop that never ends: at the deadline the lock is released and the process exits', async () => {
    const { handler, out } = harness(() => new Promise(() => {}));
    handler('SIGINT');
    await vi.advanceTimersByTimeAsync(STOP_DEADLINE_MS - 1);
    expect(out.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(out.exits).toEqual([1]);
    expect(out.released).toBe(1);
    expect(out.written).toContain('the stop did not finish within 10 s: exiting now; what was stored is safe');
    expect(STOP_DEADLINE_MS).toBe(10_000);
  });

  it('a second signal exits at once, the lock released', async () => {
    const { handler, out } = harness(() => new Promise(() => {}));
    handler('SIGINT');
    handler('SIGINT');
    expect(out.exits).toEqual([1]);
    expect(out.released).toBe(1);
    expect(out.written).toContain('SIGINT again: exiting now');
    await vi.advanceTimersByTimeAsync(STOP_DEADLINE_MS);
    expect(out.exits).toEqual([1]); // once
  });

  it('a stop that fails: said, released, exit 1', async () => {
    const { handler, out } = harness(async () => {
      throw new Error('disk gone');
    });
    handler('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(out.exits).toEqual([1]);
    expect(out.released).toBe(1);
    expect(out.written).toContain('stopping failed: disk gone');
  });
});
