// Quitting waits for the engine: 'will-quit' is held until engine.stop() resolves (the transaction in progress
// finishes, the database closes), with a time limit so a stuck stop cannot keep the app alive.
import type { App } from 'electron';

export interface GracefulQuitOptions {
  timeoutMs?: number;
  log?: (message: string) => void;
}

export function installGracefulQuit(
  app: Pick<App, 'on' | 'quit'>,
  stop: () => Promise<void>,
  options: GracefulQuitOptions = {},
): void {
  const { timeoutMs = 10_000, log = (m: string) => console.warn(m) } = options;
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`[app] the engine did not stop within ${timeoutMs} ms; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    Promise.race([stop(), limit])
      .catch((error: unknown) => log(`[app] the engine failed to stop cleanly: ${(error as Error).message}`))
      .finally(() => {
        clearTimeout(timer);
        state = 'stopped';
        app.quit();
      });
  });
}
