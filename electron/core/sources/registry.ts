// The kinds of source, by the type stored in the sources table. Adding one: its folder under sources/ exports a
// SourceKind (alertSource.ts), and one line here.
import type { BackfillJob } from '../../../shared/contract';
import type { Clock } from '../base/runtime';
import type { SourceKind } from './alertSource';
import { fileSourceKind } from './file/fileSource';
import type { IndexerSecrets } from './indexer/credentials';
import { indexerSourceKind } from './indexer/indexerKind';

export interface KindDeps {
  clock: Clock;
  /** the file poll (default 1 s; tests make it shorter) */
  pollMs?: number;
  onBackfillJob(job: BackfillJob): void;
  /** the indexer sources' passwords (their secret slots) and a poll interval overriding theirs (tests) */
  indexer?: { secrets: IndexerSecrets; pollMs?: number };
}

export function sourceKinds(d: KindDeps): Map<string, SourceKind> {
  // one job id sequence for every kind's backfills (the list mixes them)
  let lastJobId = 0;
  const nextJobId = () => ++lastJobId;
  const kinds: SourceKind[] = [fileSourceKind({ ...d, nextJobId })];
  if (d.indexer)
    kinds.push(indexerSourceKind({ clock: d.clock, onBackfillJob: d.onBackfillJob, nextJobId, ...d.indexer }));
  return new Map(kinds.map((k) => [k.type, k]));
}
