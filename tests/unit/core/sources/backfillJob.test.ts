// A backfill job as it starts: a job of the contract, running, nothing read, with what its kind knows at the start.
import { describe, expect, it } from 'vitest';
import { BackfillJobSchema } from '../../../../shared/contract';
import { startedBackfillJob } from '../../../../electron/core/sources/backfillJob';

describe('a started backfill job', () => {
  it('is running with nothing read, and keeps what it is given', () => {
    const job = startedBackfillJob({ id: 3, sourceId: 7, from: '2026-01-01', to: '2026-01-02', message: 'go' });
    expect(BackfillJobSchema.strict().parse(job)).toEqual(job);
    expect(job).toMatchObject({ id: 3, sourceId: 7, state: 'running', filesTotal: 0, documentsTotal: null });
    expect(job.alertsRead + job.fimEvents + job.filesDone + job.bytesDone + job.documentsRead).toBe(0);
    const files = startedBackfillJob({ ...job, filesTotal: 4, bytesTotal: 4096 });
    expect(files).toMatchObject({ filesTotal: 4, bytesTotal: 4096, filesDone: 0, bytesDone: 0 });
  });
});
