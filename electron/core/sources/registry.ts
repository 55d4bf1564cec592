// The kinds of source, by the type stored in the sources table. Adding one (the Wazuh indexer): its folder under
// sources/ exports a SourceKind (alertSource.ts), and one line here.
import type { BackfillJob } from '../../../shared/contract';
import type { Clock } from '../base/runtime';
import type { SourceKind } from './alertSource';
import { fileSourceKind } from './file/fileSource';

export interface KindDeps {
  clock: Clock;
  /** the file poll (default 1 s; tests make it shorter) */
  pollMs?: number;
  onBackfillJob(job: BackfillJob): void;
}

export function sourceKinds(d: KindDeps): Map<string, SourceKind> {
  const kinds: SourceKind[] = [fileSourceKind(d)];
  return new Map(kinds.map((k) => [k.type, k]));
}
