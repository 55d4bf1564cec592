// Backfill: import the dated ossec-alerts-DD(-NNN).json(.gz) files of a date range from a manager's
// logs/alerts folder, one job at a time per source, with progress. Alerts already stored are skipped by the
// store (same manager + alert id), so a range that overlaps what the tailer read costs nothing.
import type { BackfillJob } from '../../../shared/contract';
import type { Clock } from '../engineTypes';
import { listDatedFiles, readRecords } from '../sources/backfill';
import type { TailBatch } from '../sources/tailerTypes';
import type { IngestResult } from './ingestor';

export interface BackfillDeps {
  clock: Clock;
  ingest(sourceId: number, batch: TailBatch): IngestResult;
  onJob(job: BackfillJob): void;
}

interface RunningJob {
  job: BackfillJob;
  abort: AbortController;
  done: Promise<void>;
}

export class BackfillRunner {
  private nextId = 1;
  private readonly jobs = new Map<number, RunningJob>();

  constructor(private readonly d: BackfillDeps) {}

  list(): BackfillJob[] {
    return [...this.jobs.values()].map((j) => j.job).sort((a, b) => b.id - a.id);
  }

  running(sourceId: number): BackfillJob | undefined {
    return this.list().find((j) => j.sourceId === sourceId && j.state === 'running');
  }

  /** Start importing [from, to] (inclusive days) from `folder`. */
  async start(sourceId: number, folder: string, from: string, to: string): Promise<BackfillJob> {
    const files = await listDatedFiles(folder, from, to);
    const job: BackfillJob = {
      id: this.nextId++,
      sourceId,
      from,
      to,
      state: 'running',
      filesTotal: files.length,
      filesDone: 0,
      bytesTotal: files.reduce((n, f) => n + f.sizeBytes, 0),
      bytesDone: 0,
      alertsRead: 0,
      fimEvents: 0,
      currentFile: null,
      message: files.length
        ? `importing ${files.length} file(s)`
        : `no dated alert files between ${from} and ${to} in ${folder}`,
    };
    const abort = new AbortController();
    let lastEmit = 0;
    const emit = (force = false) => {
      const now = this.d.clock.now();
      if (force || now - lastEmit > 250) {
        lastEmit = now;
        this.d.onJob({ ...job });
      }
    };
    const run = async () => {
      let doneBefore = 0;
      for (const file of files) {
        if (abort.signal.aborted) break;
        job.currentFile = file.path;
        emit(true);
        await readRecords(file.path, {
          signal: abort.signal,
          onBatch: (batch) => {
            const result = this.d.ingest(sourceId, batch);
            job.alertsRead += result.delta.alertsRead;
            job.fimEvents += result.insertedAlerts;
          },
          onProgress: ({ bytesDone }) => {
            job.bytesDone = doneBefore + bytesDone;
            emit();
          },
        });
        doneBefore += file.sizeBytes;
        job.bytesDone = doneBefore;
        job.filesDone++;
      }
      job.currentFile = null;
      job.state = abort.signal.aborted ? 'cancelled' : 'done';
      job.message = abort.signal.aborted
        ? 'cancelled'
        : `imported ${job.filesDone} file(s): ${job.alertsRead} alerts read, ${job.fimEvents} new FIM events`;
    };
    const done = run()
      .catch((error: unknown) => {
        job.state = 'failed';
        job.message = `backfill stopped: ${(error as Error).message}`;
      })
      .finally(() => emit(true));
    this.jobs.set(job.id, { job, abort, done });
    emit(true);
    return { ...job };
  }

  async stopAll(): Promise<void> {
    for (const j of this.jobs.values()) j.abort.abort();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
  }
}
