// Runs the tailer's cycle one at a time: on a poll timer that always runs, brought forward by kick() (fs.watch,
// poke), again at once when a cycle asks for it, and after an error only once its backoff (doubling) has passed.
// Never throws out of a timer: a cycle's error goes to onError.

export interface CycleRunnerOptions {
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  cycle(): Promise<void>;
  onError(e: unknown): Promise<void>;
}

export class CycleRunner {
  running = false;
  private loop: Promise<void> | null = null;
  private again = false;
  private soonMs: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private notBefore = 0;
  private errorDelay: number;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly o: CycleRunnerOptions) {
    this.errorDelay = o.retryBaseMs;
  }

  start(): void {
    this.running = true;
    this.notBefore = 0;
    this.kick();
  }

  /** No new cycle; sleeps end now; resolves when the cycle in progress is over. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const wake of [...this.sleepers]) wake();
    await this.loop?.catch(() => undefined);
  }

  /** Run a cycle now, or right after the one in progress (not before an error's backoff has passed). */
  readonly kick = (): void => {
    if (!this.running) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    const wait = this.notBefore - Date.now();
    if (wait > 0) {
      this.timer ??= setTimeout(this.onTimer, wait);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.loop = this.runLoop();
  };

  /** Like kick(), also during an error's backoff. */
  poke(): void {
    this.notBefore = 0;
    if (this.timer && !this.loop) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.kick();
  }

  /** From inside a cycle: run another one right after it. */
  runAgain(): void {
    this.again = true;
  }

  /** From inside a cycle: the next one is due within `ms` (sooner than the poll). */
  runWithin(ms: number | null): void {
    if (ms !== null) this.soonMs = Math.min(ms, this.soonMs ?? ms);
  }

  /** A sleep that stop() ends early. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(t);
        this.sleepers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private readonly onTimer = (): void => {
    this.timer = null;
    this.kick();
  };

  private async runLoop(): Promise<void> {
    let delay = this.o.pollMs;
    do {
      this.again = false;
      this.soonMs = null;
      try {
        await this.o.cycle();
        this.errorDelay = this.o.retryBaseMs;
        delay = Math.max(1, Math.min(this.o.pollMs, this.soonMs ?? this.o.pollMs));
      } catch (e) {
        if (!this.running) break;
        await this.o.onError(e);
        delay = this.errorDelay;
        this.errorDelay = Math.min(this.errorDelay * 2, this.o.retryMaxMs);
        this.notBefore = Date.now() + delay;
        this.again = false;
      }
    } while (this.again && this.running);
    this.loop = null;
    if (this.running) this.timer = setTimeout(this.onTimer, delay);
  }
}
