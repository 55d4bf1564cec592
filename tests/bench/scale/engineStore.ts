// The one place the scale builder touches the engine: it opens a data directory as the app does (EngineCore: the
// migrations, settings, config.json), stores chunks through the alerts service's sink (AlertsService.store: parse,
// then one transaction with files, alerts, planner, queue, counters and the source's commit), and records
// VirusTotal answers through the one answer path (lookups/answers.ts) and the scheduler's store calls for a failure.
// When the engine's storage changes, repoint this file and nothing else.
import { createHash } from 'node:crypto';
import type { FimEvent, ParsedRecord } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import { backoffDelay, FILE_RETRY } from '../../../electron/core/base/backoff';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { EngineCore } from '../../../electron/core/engineCore';
import { Answers } from '../../../electron/core/lookups/answers';
import type { SourceBatch } from '../../../electron/core/sources/alertSource';
import { CountersStore } from '../../../electron/core/store/countersStore';
import { FilesStore } from '../../../electron/core/store/filesStore';
import { LookupsStore } from '../../../electron/core/store/lookupsStore';
import { QueueStore } from '../../../electron/core/store/queueStore';
import { SourcesStore } from '../../../electron/core/store/sourcesStore';
import { parseV3File } from '../../../electron/core/vt/report';
import { vtFindingOf } from '../../../electron/core/lookups/providers/virustotal/virusTotalProvider';
import { parseJsonAlert } from '../../../electron/core/wazuh/alertsJson';
import { memorySecretStore } from '../../helpers/engine';
import type { ScaleStore } from './simulate';
import type { VtAnswer } from './vtAnswers';

/** Changes when the schema does: a cached data directory of another schema is not reused. */
export function schemaKey(): string {
  const h = createHash('sha256');
  for (const m of MIGRATIONS) h.update(`${m.version}\n${m.sql}\n`);
  return `${MIGRATIONS.length}-${h.digest('hex').slice(0, 8)}`;
}

/** A FIM alert is ~1.2 kB of alerts.json: what the source's byte counter would have read. */
const BYTES_PER_FIM_LINE = 1_200;

export interface DiskUsage {
  /** database + WAL after a checkpoint */
  bytes: number;
  /** pages of each table and index (SQLite's dbstat), largest first */
  objects: { name: string; bytes: number }[];
}

export class EngineStore implements ScaleStore {
  private readonly core: EngineCore;
  private readonly clock = { t: 0, now: () => this.clock.t };
  private readonly sources: SourcesStore;
  private readonly files: FilesStore;
  private readonly queue: QueueStore;
  private readonly counters: CountersStore;
  private readonly answers: Answers;
  private sourceId = 0;

  constructor(dataDir: string, startMs: number) {
    this.clock.t = startMs;
    this.core = new EngineCore({ dataDir, secrets: memorySecretStore(), transport: 'http', clock: this.clock });
    const db = this.core.db;
    // this connection only, while building: a crash loses the build, which is thrown away anyway (built aside)
    db.pragma('synchronous = OFF');
    // 4 GB: at 10M alerts the indexes keyed by file outgrow 1 GB (the machine's memory is the bench's, not a laptop's)
    db.pragma('cache_size = -4000000');
    // the look-ups' tables, as the scheduler's answer path writes them (the service keeps its stores to itself)
    this.sources = new SourcesStore(db);
    this.files = new FilesStore(db);
    this.queue = new QueueStore(db);
    this.counters = new CountersStore(db);
    this.answers = new Answers({
      db,
      files: this.files,
      lookups: new LookupsStore(db),
      queue: this.queue,
      settings: () => this.core.settings.current(),
      now: () => this.clock.t,
    });
  }

  /** The alerts.json the stored alerts were read from (a source as `--alerts` adds it; not started here). */
  addSource(path: string): void {
    this.core.sources.addAtStart(path, false);
    this.sourceId = this.sources.byPath(path)!.id;
    this.core.saveMirror();
  }

  storeChunk(items: ({ kind: 'fim'; event: FimEvent } | { kind: 'wazuh-vt'; line: string })[], nowMs: number): void {
    this.clock.t = nowMs;
    const records: { record: ParsedRecord; offset: number }[] = [];
    let bytes = 0;
    for (const item of items) {
      if (item.kind === 'fim') {
        records.push({ record: { kind: 'fim', event: item.event }, offset: bytes });
        bytes += BYTES_PER_FIM_LINE;
        continue;
      }
      const parsed = parseJsonAlert(item.line);
      if (parsed.kind !== 'wazuh-vt') throw new Error(`not a Wazuh VirusTotal alert: ${item.line.slice(0, 200)}`);
      records.push({ record: parsed, offset: bytes });
      bytes += item.line.length;
    }
    const sourceId = this.sourceId;
    const batch: SourceBatch = {
      records: { kind: 'parsed', records },
      origin: this.sources.get(sourceId)?.path ?? '',
      reason: 'live',
      bytes,
      // the source's counters in the batch's transaction (no cursor: nothing was read from a file)
      commit: (delta) => this.sources.count(sourceId, delta),
    };
    this.core.alerts.store(sourceId, batch);
  }

  queuedFile(hashes: FileHashes): number | null {
    const file = this.files.byHash(hashes.sha256 ?? hashes.sha1 ?? hashes.md5 ?? '');
    return file && this.queue.get(file.id) ? file.id : null;
  }

  recordAnswers(answers: { fileId: number; answer: VtAnswer; atMs: number }[]): number {
    const { files, queue, counters } = this;
    const threshold = this.core.settings.current().threshold;
    let recorded = 0;
    this.core.db
      .transaction(() => {
        for (const { fileId, answer, atMs } of answers) {
          const entry = queue.get(fileId);
          if (!entry) continue;
          recorded++;
          if (answer.kind === 'failed') {
            // five failed attempts (backoff between them), then the file shows 'error' and stays queued
            let at = atMs;
            for (let attempt = 1; attempt <= answer.attempts; attempt++) {
              at += backoffDelay(attempt, FILE_RETRY, () => 0.5);
              queue.retryLater(fileId, at, answer.message);
            }
            counters.increment('lookups', answer.attempts);
            files.markError(fileId, `${answer.message} (after ${answer.attempts} attempts; retried later)`);
            continue;
          }
          const report = answer.kind === 'found' ? parseV3File(JSON.parse(answer.body)) : null;
          if (answer.kind === 'found' && !report) throw new Error('the emulator body is not a v3 file report');
          const result = report
            ? { kind: 'found' as const, report, raw: answer.body, api: 'v3' as const, httpStatus: 200 }
            : { kind: 'not-found' as const, raw: answer.body, api: 'v3' as const, httpStatus: 404 };
          // what VirusTotalProvider makes of the answer, through the one answer path
          const h = files.hashesOf(fileId)!;
          this.answers.recordIn({
            ...vtFindingOf(result, threshold),
            file: { id: fileId, hash: h.sha256 ?? h.sha1 ?? h.md5! },
            origin: 'virustotal',
            reason: entry.reason,
            at: atMs,
            answeredAt: atMs,
            wazuhAlertId: null,
            askedFor: entry.reason,
          });
          // VirusTotal is the chain's last provider: as the scheduler does after its answer, the entry is done
          queue.remove(fileId);
          counters.increment('lookups');
        }
      })
      .immediate();
    return recorded;
  }

  /** Checkpoint the WAL into the database, then measure both and every table and index. */
  diskUsage(): DiskUsage {
    const db = this.core.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const objects = db
      .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as { name: string; bytes: number }[];
    return { bytes: pages * pageSize, objects };
  }

  async close(): Promise<void> {
    this.core.db.pragma('wal_checkpoint(TRUNCATE)');
    await this.core.stop();
  }
}
