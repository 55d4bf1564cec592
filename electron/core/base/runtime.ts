// The engine's sense of time and its voice: what every layer may be handed (the engine's own clock and log, or a
// test's fake ones). The floor of electron/core: imports nothing.

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Lets everything the event loop has waiting (a request, a timer) run before going on. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
