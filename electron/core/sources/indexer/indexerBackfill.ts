// Backfill of an indexer source: every FIM document of a range of UTC days read again (indexer/backfill.ts: PIT +
// search_after), one job at a time per source, with progress (documents read of how many the range holds, new FIM
// events stored). What the live poll stored already is kept once by alert id and counted only when inserted.
import type { BackfillJob } from '../../../../shared/contract';
import { ApiError } from '../../base/apiError';
import type { Clock } from '../../base/runtime';
import { backfillRange } from '../../indexer/backfill';
import type { SourceRecord } from '../../store/sourcesStore';
import type { AlertSource, BackfillCapability, SourceHost } from '../alertSource';
import { startedBackfillJob } from '../backfillJob';
import { IndexerSource } from './indexerSource';

const DAY_MS = 86_400_000;

interface Job {
  job: BackfillJob;
  stop: () => void;
  done: Promise<void>;
}

export class IndexerBackfills implements BackfillCapability {
  private readonly jobs = new Map<number, Job>();

  constructor(private readonly d: { clock: Clock; onJob(job: BackfillJob): void; nextJobId(): number }) {}

  list(): BackfillJob[] {
    return [...this.jobs.values()].map((j) => j.job);
  }

  async start(
    record: SourceRecord,
    running: { source: AlertSource; host: SourceHost } | undefined,
    from: string,
    to: string,
  ): Promise<BackfillJob> {
    if (from > to) throw new ApiError('bad-request', 'the first day is after the last day', { from: 'after "to"' });
    if (this.list().some((j) => j.sourceId === record.id && j.state === 'running'))
      throw new ApiError('conflict', 'a backfill of this source is already running');
    const source = running?.source;
    if (!running || !(source instanceof IndexerSource)) throw new ApiError('conflict', 'this source is not running');
    const wait = source.backfillMustWait();
    const conn = source.connection();
    if (wait || !conn) throw new ApiError('conflict', wait ?? 'this source has not reached its indexer yet');
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    const toMs = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
    const job = startedBackfillJob({
      id: this.d.nextJobId(),
      sourceId: record.id,
      from,
      to,
      message: `reading ${from} to ${to} (UTC days) from the indexer`,
    });
    let stopped = false;
    const host = running.host;
    const emit = () => this.d.onJob({ ...job });
    const run = async () => {
      try {
        for await (const page of backfillRange(conn.api, { wazuh: conn.wazuh, fromMs, toMs, pit: conn.pit })) {
          if (stopped) {
            job.state = 'cancelled';
            job.message = `stopped after ${job.documentsRead} documents`;
            return;
          }
          if (!page.complete) {
            job.state = 'failed';
            job.message = `${page.shardsNote}: the range is incomplete; start the backfill again later`;
            return;
          }
          if (page.documents.length > 0) {
            const stored = host.deliver({
              records: {
                kind: 'parsed',
                records: page.documents.map((d) => ({ record: d.record, offset: 0, replay: true })),
              },
              origin: `${record.path} (backfill)`,
              reason: 'backfill',
              bytes: 0,
              commit: (delta) => host.count(delta),
            });
            job.alertsRead += stored.delta.alertsRead;
            job.fimEvents += stored.insertedAlerts;
          }
          job.documentsRead = page.progress.read;
          job.documentsTotal = page.progress.total;
          job.message = `read ${job.documentsRead}${job.documentsTotal === null ? '' : ` of ${job.documentsTotal}`} documents`;
          emit();
        }
        job.state = 'done';
        job.message = `read ${job.documentsRead} documents: ${job.fimEvents} new FIM events`;
      } catch (e) {
        job.state = stopped ? 'cancelled' : 'failed';
        job.message = stopped ? 'stopped' : (e as Error).message;
      } finally {
        emit();
      }
    };
    const entry: Job = { job, stop: () => (stopped = true), done: Promise.resolve() };
    this.jobs.set(job.id, entry);
    entry.done = run();
    emit();
    return { ...job };
  }

  async stopAll(): Promise<void> {
    for (const j of this.jobs.values()) j.stop();
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }
}
