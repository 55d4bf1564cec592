// A backfill job as it starts, nothing read yet: the one shape both kinds of backfill (a file source's dated files,
// an indexer source's documents) begin from and move as they read.
import type { BackfillJob } from '../../../shared/contract';

export function startedBackfillJob(
  job: Pick<BackfillJob, 'id' | 'sourceId' | 'from' | 'to' | 'message'> &
    Partial<Pick<BackfillJob, 'filesTotal' | 'bytesTotal'>>,
): BackfillJob {
  return {
    state: 'running',
    filesTotal: 0,
    filesDone: 0,
    bytesTotal: 0,
    bytesDone: 0,
    alertsRead: 0,
    fimEvents: 0,
    filesAlreadyRead: 0,
    currentFile: null,
    documentsRead: 0,
    documentsTotal: null,
    ...job,
  };
}
