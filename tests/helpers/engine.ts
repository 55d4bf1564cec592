// Starts a real engine on a temporary data directory for integration tests, with helpers that wait on the
// engine's own events (no fixed sleeps).
import type { ApiEvent, Stats } from '../../shared/contract';
import { startEngine } from '../../electron/core/engine';
import { EngineCore } from '../../electron/core/engineCore';
import type { Engine, EngineOptions, SecretStore } from '../../electron/core/engineTypes';

export const GOOD_KEY = 'a'.repeat(64);

export function memorySecretStore(initial: string | null = null): SecretStore {
  let value = initial;
  return {
    kind: 'memory',
    encrypted: false,
    message: 'kept in memory (tests)',
    get: () => value,
    set: (v) => {
      value = v;
    },
  };
}

/**
 * The engine's core on a data directory (its migrations, settings and stores; no HTTP), at the clock the test sets:
 * what the store, migration and retention tests open. The test stops it (`await core.stop()`).
 */
export function openCore(dataDir: string, now: () => number): EngineCore {
  return new EngineCore({ dataDir, secrets: memorySecretStore(), transport: 'http', clock: { now } });
}

export interface TestEngine {
  engine: Engine;
  h: Engine['backend']['handlers'];
  events: ApiEvent[];
  stats(): Promise<Stats>;
  /** resolves when `check` passes, re-checked on every event and every 25 ms; rejects after `ms` with the last stats */
  until(check: (s: Stats) => boolean, ms?: number, what?: string): Promise<Stats>;
  stop(): Promise<void>;
}

export async function startTestEngine(options: Partial<EngineOptions> & { dataDir: string }): Promise<TestEngine> {
  const engine = await startEngine({
    secrets: memorySecretStore(),
    transport: 'http',
    ...options,
  });
  const h = engine.backend.handlers;
  const events: ApiEvent[] = [];
  const wakers = new Set<() => void>();
  engine.backend.subscribe((e) => {
    events.push(e);
    for (const w of wakers) w();
  });
  const stats = async () => await h.getStats({});
  return {
    engine,
    h,
    events,
    stats,
    async until(check, ms = 15_000, what = 'condition') {
      const deadline = Date.now() + ms;
      let last = await stats();
      while (!check(last)) {
        if (Date.now() > deadline) {
          throw new Error(
            `timed out waiting for ${what}; last stats: ${JSON.stringify({ ...last, sources: last.sources.map((s) => ({ state: s.state, message: s.message, offset: s.offset })) })}`,
          );
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(done, 25);
          function done() {
            clearTimeout(t);
            wakers.delete(done);
            resolve();
          }
          wakers.add(done);
        });
        last = await stats();
      }
      return last;
    },
    stop: () => engine.stop(),
  };
}
