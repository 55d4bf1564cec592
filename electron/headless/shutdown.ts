// How the headless process stops on SIGINT / SIGTERM: an orderly stop (the HTTP server, then the engine: the batch
// in progress is finished, the database closed, the data-dir lock released), exit 0. A stop always ends within
// the deadline: if something the stop waits for never comes back (a look-up in flight for its whole timeout, a
// file read that hangs), or a second signal arrives, the lock is released and the process exits at once, with 1.
// Nothing stored is lost then either: every batch is one SQLite transaction.

export const STOP_DEADLINE_MS = 10_000;

export interface ShutdownOptions {
  /** the orderly stop */
  stop(): Promise<void>;
  /** what a forced exit still does, synchronously: close the database, release the data-dir lock */
  release(): void;
  deadlineMs?: number;
  /** stderr */
  write(message: string): void;
  exit(code: number): void;
}

/** Returns the signal handler: install it for SIGINT and SIGTERM. */
export function shutdownHandler(o: ShutdownOptions): (signal: NodeJS.Signals) => void {
  const deadlineMs = o.deadlineMs ?? STOP_DEADLINE_MS;
  let stopping = false;
  let done = false;
  const finish = (code: number, forced: string | null) => {
    if (done) return;
    done = true;
    if (forced) {
      o.write(`${forced}: exiting now; what was stored is safe\n`);
      try {
        o.release();
      } catch (error) {
        o.write(`cannot release the data directory: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    o.exit(code);
  };
  return (signal) => {
    if (stopping) return finish(1, `${signal} again`);
    stopping = true;
    o.write(`${signal}: stopping\n`);
    const timer = setTimeout(
      () => finish(1, `the stop did not finish within ${Math.round(deadlineMs / 1000)} s`),
      deadlineMs,
    );
    o.stop().then(
      () => {
        clearTimeout(timer);
        finish(0, null);
      },
      (error: unknown) => {
        clearTimeout(timer);
        finish(1, `stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  };
}
