// When views hear that the store changed: at once for answers and the analyst's actions, at the next animation
// frame for events (one render for everything a frame brought, however many events), and never in the middle of
// a frame's work: the feed's batch and the store's events of one frame are drawn together, once.
export interface Frames {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
}

export class Drawing implements Frames {
  private frame = 0;
  private readonly tasks = new Map<number, () => void>();
  private nextTask = 1;
  private inFrame = false;
  private dirty = false;

  constructor(
    private readonly frames: Frames,
    private readonly draw: () => void,
  ) {}

  /** Something changed: `soon` (an event) draws at the next frame, otherwise now (or at the end of this frame). */
  changed(soon: boolean): void {
    this.dirty = true;
    if (soon) this.ask();
    else if (!this.inFrame) this.drawNow();
  }

  /** Run `task` at the next frame, with the store's own drawing. */
  readonly requestFrame = (task: () => void): number => {
    const handle = this.nextTask++;
    this.tasks.set(handle, task);
    this.ask();
    return handle;
  };

  readonly cancelFrame = (handle: number): void => {
    this.tasks.delete(handle);
  };

  stop(): void {
    if (this.frame) this.frames.cancelFrame(this.frame);
    this.frame = 0;
    this.tasks.clear();
  }

  private ask(): void {
    if (!this.frame) this.frame = this.frames.requestFrame(this.run);
  }

  private readonly run = (): void => {
    this.frame = 0;
    const tasks = [...this.tasks.values()];
    this.tasks.clear();
    this.inFrame = true;
    try {
      for (const task of tasks) task();
    } finally {
      this.inFrame = false;
    }
    if (this.dirty) this.drawNow();
  };

  private drawNow(): void {
    this.dirty = false;
    this.draw();
  }
}
