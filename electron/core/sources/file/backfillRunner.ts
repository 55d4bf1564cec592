// Backfill: import the dated ossec-alerts-DD(-NNN).json(.gz) files of a date range from a manager's
// logs/alerts folder (or the wazuh-standard-wazuh-events-v5-DD.json(.gz) of the 5.x event output's folder), one job at a time per source, with progress. What the source already read of a file (the
// tailer followed that day, or an earlier backfill imported it: readRangesStore.ts) is skipped, and the file the
// source follows now is left to its tailer past the cursor; so an overlapping range counts nothing twice. The
// store would not keep an alert twice anyway (same manager + alert id).
import type { BackfillJob } from '../../../../shared/contract';
import type { Clock } from '../../base/runtime';
import { readRecords } from './backfill';
import { contentPrefix, listDatedFiles, type DatedKind } from './datedFiles';
import { fingerprint, FINGERPRINT_BYTES } from './fileIdentity';
import type { TailBatch } from './tailerTypes';
import { MIN_CONTENT_KEY, unreadParts, type ByteRange } from '../../store/readRangesStore';
import type { StoredBatch } from '../alertSource';
import { startedBackfillJob } from '../backfillJob';
import type { ContentKey } from '../../base/contentKey';

/** What a source read of a file (joined ranges, in order); followedUntil: the file it follows, its cursor. */
export interface AlreadyRead {
  ranges: ByteRange[];
  /** the source follows this file: its tailer reads on from this offset (backfill takes only what lies before) */
  followedUntil: number | null;
}

export interface BackfillDeps {
  clock: Clock;
  onJob(job: BackfillJob): void;
  /** job ids shared by every kind of source (the list mixes them); default: this runner's own */
  nextJobId?: () => number;
}

/** What one backfill reads through: its source's store and what it read already. */
export interface BackfillIo {
  /** store one batch (one transaction, the source's counters and read range with it) */
  ingest(batch: TailBatch, content: ContentKey | null): StoredBatch;
  /** between two batches (SourceHost.settle) */
  settle?: () => Promise<void>;
  /** what the source read of the file whose first bytes are `prefix`, and whether it is the file it follows */
  alreadyRead(prefix: Buffer): AlreadyRead;
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

  /** Start importing [from, to] (inclusive days) from `folder`: alerts.json's dated files, or the 5.x event output's. */
  async start(
    sourceId: number,
    folder: string,
    from: string,
    to: string,
    io: BackfillIo,
    kind: Exclude<DatedKind, 'log'> = 'json',
  ): Promise<BackfillJob> {
    const files = await listDatedFiles(folder, from, to, kind);
    const job = startedBackfillJob({
      id: this.d.nextJobId?.() ?? this.nextId++,
      sourceId,
      from,
      to,
      filesTotal: files.length,
      bytesTotal: files.reduce((n, f) => n + f.sizeBytes, 0),
      message: files.length
        ? `importing ${files.length} file(s)`
        : `no dated alert files between ${from} and ${to} in ${folder}`,
    });
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
        const prefix = await contentPrefix(file.path, FINGERPRINT_BYTES);
        const content = prefix.length >= MIN_CONTENT_KEY ? { fpLen: prefix.length, fpHash: fingerprint(prefix) } : null;
        const read = content ? io.alreadyRead(prefix) : { ranges: [], followedUntil: null };
        if (read.ranges.length > 0 || read.followedUntil !== null) job.filesAlreadyRead++;
        for (const part of unreadParts(read.ranges, read.followedUntil ?? undefined)) {
          if (abort.signal.aborted) break;
          await readRecords(file.path, {
            format: kind,
            signal: abort.signal,
            startOffset: part.from,
            stopAt: part.to,
            settle: io.settle,
            onBatch: (batch) => {
              const result = io.ingest(batch, content);
              job.alertsRead += result.delta.alertsRead;
              job.fimEvents += result.insertedAlerts;
            },
            onProgress: ({ bytesDone }) => {
              job.bytesDone = doneBefore + Math.min(bytesDone, file.sizeBytes);
              emit();
            },
          });
        }
        doneBefore += file.sizeBytes;
        job.bytesDone = doneBefore;
        job.filesDone++;
      }
      job.currentFile = null;
      job.state = abort.signal.aborted ? 'cancelled' : 'done';
      job.message = abort.signal.aborted
        ? 'cancelled'
        : `imported ${job.filesDone} file(s): ${job.alertsRead} alerts read, ${job.fimEvents} new FIM events` +
          (job.filesAlreadyRead > 0
            ? `; ${job.filesAlreadyRead} already read by this source (only the rest taken)`
            : '');
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
