// The indexer source kind, as registry.ts registers it: a Wazuh indexer polled by an IndexerSource, backfilled by
// UTC day range, and shown with its settings (never the password), the Wazuh version found, the last event's time
// and the lag, its warnings (plain http, any certificate accepted) and its state in words.
import type { BackfillJob, SourceStatus } from '../../../../shared/contract';
import { indexerWarnings, type IndexerSourceView } from '../../../../shared/indexer';
import type { Clock } from '../../base/runtime';
import { parseIndexerCursor } from '../../indexer/cursor';
import type { SourceRecord } from '../../store/sourcesStore';
import type { AlertSource, SourceKind } from '../alertSource';
import type { IndexerSecrets } from './credentials';
import { IndexerBackfills } from './indexerBackfill';
import { INDEXER_TYPE, readIndexerConfig } from './indexerConfig';
import { IndexerSource } from './indexerSource';

export interface IndexerKindDeps {
  clock: Clock;
  secrets: IndexerSecrets;
  /** overrides every indexer source's poll interval (tests) */
  pollMs?: number;
  onBackfillJob(job: BackfillJob): void;
  nextJobId(): number;
}

function viewOf(record: SourceRecord, running: AlertSource | undefined, d: IndexerKindDeps): IndexerSourceView | null {
  const read = readIndexerConfig(record.config);
  if ('problem' in read) return null;
  const c = read.config;
  const cursor = record.cursor?.kind === 'json' ? parseIndexerCursor(record.cursor.json) : null;
  const live = running instanceof IndexerSource ? running.runInfo() : null;
  const credentials = d.secrets.describe(record.id, c);
  const lastMs = cursor?.after?.[0] ?? null;
  return {
    urls: c.urls,
    username: c.username,
    trust: c.trust,
    wazuhVersion: c.wazuhVersion,
    pollSeconds: c.pollSeconds,
    overlapSeconds: c.overlapSeconds,
    passwordSet: credentials.passwordSet,
    credentialsFrom: credentials.from,
    versionFound: live?.versionFound ?? cursor?.wazuh ?? null,
    lastEventAt: lastMs === null ? null : new Date(lastMs).toISOString(),
    lagMs: live?.lagMs ?? null,
    insecure: c.trust.kind === 'insecure',
    warnings: indexerWarnings(c),
    status: live?.status ?? {
      problem: null,
      message: 'stopped',
      retryAt: null,
      stoppedUntilCredentialsChange: false,
    },
  };
}

function configProblem(record: SourceRecord): string {
  const read = readIndexerConfig(record.config);
  return 'problem' in read ? read.problem : 'stopped';
}

export function indexerSourceKind(d: IndexerKindDeps): SourceKind {
  return {
    type: INDEXER_TYPE,
    open: (record, host) => new IndexerSource(record, host, { secrets: d.secrets, pollMs: d.pollMs }),
    backfill: new IndexerBackfills({ clock: d.clock, onJob: d.onBackfillJob, nextJobId: d.nextJobId }),
    statusFields: (record, running): Partial<SourceStatus> => {
      const view = viewOf(record, running, d);
      return {
        kind: 'indexer',
        type: 'indexer',
        followedPath: record.path,
        offset: 0,
        indexer: view,
        ...(view === null ? { message: configProblem(record) } : {}),
      };
    },
  };
}
