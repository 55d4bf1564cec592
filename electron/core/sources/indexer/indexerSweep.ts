// The Wazuh 5 FIM inventory sweep of an indexer source: every agent's current files (wazuh-states-fim-files, read
// with PIT + search_after by indexer/fimSweep.ts), their hashes deduplicated across agents, and each hash not
// answered yet queued below live alerts (the look-ups' queueSweep). One job at a time per source, with progress
// (files read, unique hashes, already known, already queued, queued) for the views and /api/stats.
import type { FileHashes } from '../../../../shared/hashes';
import type { SweepJob } from '../../../../shared/indexer';
import { ApiError } from '../../base/apiError';
import type { Clock } from '../../base/runtime';
import { sweepFimStates } from '../../indexer/fimSweep';
import type { SourcesService } from '../sourcesService';
import { INDEXER_TYPE } from './indexerConfig';
import { IndexerSource } from './indexerSource';

export interface SweepQueue {
  queueSweep(files: readonly FileHashes[]): { alreadyKnown: number; alreadyQueued: number; queued: number };
}

export class IndexerSweeps {
  private readonly jobs: { job: SweepJob; stop(): void; done: Promise<void> }[] = [];
  private lastId = 0;

  constructor(
    private readonly d: {
      sources: SourcesService;
      queue: SweepQueue;
      clock: Clock;
      onJob(job: SweepJob): void;
    },
  ) {}

  list(): SweepJob[] {
    return this.jobs.map((j) => ({ ...j.job })).sort((a, b) => b.id - a.id);
  }

  start(sourceId: number): SweepJob {
    const record = this.d.sources.record(sourceId);
    if (!record) throw new ApiError('not-found', `no source ${sourceId}`);
    if (record.type !== INDEXER_TYPE)
      throw new ApiError('bad-request', 'the FIM inventory sweep reads a Wazuh indexer');
    if (this.jobs.some((j) => j.job.sourceId === sourceId && j.job.state === 'running'))
      throw new ApiError('conflict', 'a sweep of this source is already running');
    const source = this.d.sources.runningSource(sourceId);
    const conn = source instanceof IndexerSource ? source.connection() : null;
    if (!conn)
      throw new ApiError('conflict', 'this source has not reached its indexer yet: sweep once it is following');
    if (conn.wazuh !== 5)
      throw new ApiError(
        'bad-request',
        'the FIM inventory (wazuh-states-fim-files) exists from Wazuh 5 on; this indexer serves Wazuh 4',
      );
    const job: SweepJob = {
      id: ++this.lastId,
      sourceId,
      state: 'running',
      startedAt: new Date(this.d.clock.now()).toISOString(),
      finishedAt: null,
      filesRead: 0,
      filesTotal: null,
      uniqueHashes: 0,
      alreadyKnown: 0,
      alreadyQueued: 0,
      queued: 0,
      unreadable: 0,
      message: 'reading wazuh-states-fim-files',
    };
    let stopped = false;
    const emit = () => this.d.onJob({ ...job });
    const finish = (state: SweepJob['state'], message: string) => {
      job.state = state;
      job.message = message;
      job.finishedAt = new Date(this.d.clock.now()).toISOString();
    };
    const run = async () => {
      try {
        for await (const page of sweepFimStates(conn.api, { pit: conn.pit })) {
          if (stopped) return finish('cancelled', `stopped after ${job.filesRead} files`);
          if (!page.complete)
            return finish('failed', `${page.shardsNote}: the inventory is incomplete; sweep again later`);
          const counts = this.d.queue.queueSweep(page.newHashes.map((f) => f.hashes));
          job.alreadyKnown += counts.alreadyKnown;
          job.alreadyQueued += counts.alreadyQueued;
          job.queued += counts.queued;
          job.unreadable += page.unreadable;
          job.filesRead = page.progress.filesRead;
          job.uniqueHashes = page.progress.uniqueHashes;
          job.filesTotal = page.progress.total;
          job.message = `read ${job.filesRead}${job.filesTotal === null ? '' : ` of ${job.filesTotal}`} files`;
          emit();
        }
        finish(
          'done',
          `${job.filesRead} files, ${job.uniqueHashes} distinct hashes: ${job.alreadyKnown} known, ` +
            `${job.alreadyQueued} waiting already, ${job.queued} queued`,
        );
      } catch (e) {
        finish(stopped ? 'cancelled' : 'failed', stopped ? 'stopped' : (e as Error).message);
      } finally {
        emit();
      }
    };
    const entry = { job, stop: () => void (stopped = true), done: Promise.resolve() };
    this.jobs.push(entry);
    entry.done = run();
    emit();
    return { ...job };
  }

  async stopAll(): Promise<void> {
    for (const j of this.jobs) j.stop();
    await Promise.all(this.jobs.map((j) => j.done));
  }
}
