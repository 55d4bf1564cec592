// fs.watch on the followed file and on its folder: the fast path that pokes the tailer. Network mounts miss these
// events, so the tailer's poll runs anyway; a watch that cannot be set up (missing folder, inotify limit) is
// tried again at the next cycle.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export class TailWatchers {
  private dir: FSWatcher | null = null;
  private file: FSWatcher | null = null;
  /** dev:ino of the file the file watcher follows */
  private fileKey: string | null = null;
  private active = false;

  constructor(
    private readonly filePath: string,
    private readonly enabled: boolean,
    private readonly onChange: () => void,
  ) {}

  activate(): void {
    this.active = this.enabled;
  }

  /** Watches the folder, and the file `identity` (the one being read at the path; null: none). */
  update(identity: { dev: number; ino: number } | null): void {
    if (!this.active) return;
    if (!this.dir) {
      const base = path.basename(this.filePath);
      this.dir = this.open(
        path.dirname(this.filePath),
        (name) => !name || name === base,
        () => (this.dir = null),
      );
    }
    const key = identity ? `${identity.dev}:${identity.ino}` : null;
    if (key === this.fileKey) return;
    this.file?.close();
    this.file = key
      ? this.open(
          this.filePath,
          () => true,
          () => {
            this.file = null;
            this.fileKey = null;
          },
        )
      : null;
    this.fileKey = this.file ? key : null;
  }

  close(): void {
    this.active = false;
    this.dir?.close();
    this.file?.close();
    this.dir = null;
    this.file = null;
    this.fileKey = null;
  }

  private open(p: string, filter: (name: string | null) => boolean, onLost: () => void): FSWatcher | null {
    try {
      const w = watch(p, { persistent: false }, (_event, name) => {
        if (filter(name)) this.onChange();
      });
      w.on('error', () => {
        w.close();
        onLost();
      });
      return w;
    } catch {
      return null;
    }
  }
}
