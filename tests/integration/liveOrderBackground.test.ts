// The Live order's anchors are kept by the engine in the background (AlertsService): a step that fails (a disk
// error) is said once in the log, with what it means, not once a second; the Live table still answers meanwhile;
// once a step works again, the next failure is said again.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../electron/core/base/runtime';
import { LiveOrderAnchors } from '../../electron/core/store/liveOrderAnchors';
import { startTestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the Live order anchors in the background', () => {
  it('a failing step is said once until one works again; the Live table answers meanwhile', async () => {
    const t = makeTempDir('fimv-live-order-bg-');
    cleanups.push(t.cleanup);
    const warnings: string[] = [];
    const log: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
    let failing = true;
    let calls = 0;
    const step = LiveOrderAnchors.prototype.step;
    vi.spyOn(LiveOrderAnchors.prototype, 'step').mockImplementation(function (this: LiveOrderAnchors, ms?: number) {
      calls++;
      if (failing) throw new Error('disk I/O error');
      return step.call(this, ms);
    });
    const e = await startTestEngine({ dataDir: path.join(t.dir, 'data'), log });
    cleanups.push(() => e.stop());

    await until(() => calls >= 3, 'three failing steps');
    const said = () => warnings.filter((w) => w.includes('live order anchors'));
    expect(said()).toEqual(['live order anchors: disk I/O error; deep pages walk the index meanwhile']);
    expect((await e.h.listAlerts({ limit: 10, offset: 0 })).total).toBe(0);

    failing = false;
    const worked = calls;
    await until(() => calls > worked, 'a step that works');
    failing = true;
    const again = calls;
    await until(() => calls > again + 1, 'two more failing steps');
    expect(said()).toHaveLength(2);
  });
});
