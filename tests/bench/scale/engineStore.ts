// The one place the scale builder touches the engine: it opens a data directory as the app does (EngineCore: the
// migrations, settings, config.json), stores chunks through the ingest transaction (Ingestor.store: files, alerts,
// planner, queue, counters, source counters, all in one transaction), and records VirusTotal answers with the
// store calls the scheduler makes for one (Scheduler.recordAnswer / handleError). When the engine's storage
// changes (issue 14: services own their stores; issue 15: a new layout), repoint this file and nothing else.
import { createHash } from 'node:crypto';
import type { FimEvent } from '../../../shared/domain';
import type { FileHashes } from '../../../shared/hashes';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { EngineCore } from '../../../electron/core/engineCore';
import type { ParsedBatch } from '../../../electron/core/ingest/parseBatch';
import { backoffDelay, FILE_RETRY } from '../../../electron/core/lookups/backoff';
import { parseV3File } from '../../../electron/core/vt/report';
import { verdictOf } from '../../../electron/core/vt/types';
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
  private sourceId = 0;

  constructor(dataDir: string, startMs: number) {
    this.clock.t = startMs;
    this.core = new EngineCore({ dataDir, secrets: memorySecretStore(), transport: 'http', clock: this.clock });
    // this connection only, while building: a crash loses the build, which is thrown away anyway (built aside)
    this.core.db.pragma('synchronous = OFF');
    this.core.db.pragma('cache_size = -1000000');
  }

  /** Several chunks in one outer transaction (each chunk's own becomes a savepoint): fewer commits. */
  together<T>(run: () => T): T {
    return this.core.db.transaction(run)();
  }

  /** The alerts.json the stored alerts were read from (a source as `--alerts` adds it). */
  addSource(path: string): void {
    this.sourceId = this.core.sources.add(path, 'file', false, this.clock.t).id;
  }

  storeChunk(items: ({ kind: 'fim'; event: FimEvent } | { kind: 'wazuh-vt'; line: string })[], nowMs: number): void {
    this.clock.t = nowMs;
    const batch: ParsedBatch = {
      filePath: this.core.sources.get(this.sourceId)?.path ?? '',
      cursor: null,
      readMark: null,
      reason: 'live',
      bytes: 0,
      items: [],
      registry: 0,
      other: 0,
      errors: [],
      oversize: [],
    };
    for (const item of items) {
      if (item.kind === 'fim') {
        batch.items.push(item);
        batch.bytes += BYTES_PER_FIM_LINE;
        continue;
      }
      const parsed = parseJsonAlert(item.line);
      if (parsed.kind !== 'wazuh-vt') throw new Error(`not a Wazuh VirusTotal alert: ${item.line.slice(0, 200)}`);
      batch.items.push({ kind: 'wazuh-vt', record: parsed.record, alert: parsed.alert ?? null });
      batch.bytes += item.line.length;
    }
    this.core.ingestor.store(this.sourceId, [batch]);
  }

  queuedFile(hashes: FileHashes): number | null {
    const file = this.core.files.byHash(hashes.sha256 ?? hashes.sha1 ?? hashes.md5 ?? '');
    return file && this.core.queue.get(file.id) ? file.id : null;
  }

  recordAnswers(answers: { fileId: number; answer: VtAnswer; atMs: number }[]): number {
    const { db, files, lookups, queue, counters } = this.core;
    const threshold = this.core.getSettings().threshold;
    let recorded = 0;
    db.transaction(() => {
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
        const verdict = verdictOf(report, threshold);
        const target = report
          ? files.absorb(fileId, { sha256: report.sha256, sha1: report.sha1, md5: report.md5 })
          : fileId;
        const lookupId = lookups.insert({
          fileId: target,
          at: atMs,
          origin: 'virustotal',
          reason: entry.reason,
          api: 'v3',
          state: verdict.state,
          positives: verdict.positives,
          total: verdict.total,
          scanDate: report?.lastAnalysisMs ?? null,
          permalink: report?.permalink ?? null,
          error: null,
          httpStatus: report ? 200 : 404,
          wazuhAlertId: null,
          raw: answer.body,
        })!;
        files.applyAnswer(target, {
          state: verdict.state,
          positives: verdict.positives,
          total: verdict.total,
          scanDate: report?.lastAnalysisMs ?? null,
          checkedAt: atMs,
          origin: 'virustotal',
          lookupId,
          details: report
            ? {
                names: report.names,
                type: report.typeDescription,
                size: report.size,
                threatLabel: report.threatLabel,
                reputation: report.reputation,
                tags: report.tags,
                firstSeen: report.firstSubmissionMs,
                engines: report.engines,
              }
            : null,
        });
        queue.remove(target);
        counters.increment('lookups');
      }
    }).immediate();
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
