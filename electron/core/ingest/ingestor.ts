// One transaction per chunk read: parse every record, store the FIM alerts (once per manager + alert id), let
// the planner attach cached verdicts or enqueue look-ups, import Wazuh's own answers, count everything, and move
// the source's cursor — all or nothing. A crash at any point neither loses nor repeats an alert.
import type { FimEvent, ParsedRecord, SourceFormat } from '../../../shared/domain';
import { bestHash } from '../../../shared/hashes';
import type { Db } from '../db/database';
import type { Planner } from '../lookups/planner';
import type { AlertsStore } from '../store/alertsStore';
import type { FilesStore } from '../store/filesStore';
import type { CountersStore } from '../store/countersStore';
import { emptyDelta, type CounterDelta, type SourcesStore, type StoredCursor } from '../store/sourcesStore';
import { parseJsonAlert } from '../wazuh/alertsJson';
import { parseLogAlert } from '../wazuh/alertsLog';
import { looksLikeJsonObject, needsFullParse } from '../wazuh/prefilter';

export interface IngestBatch {
  format: SourceFormat;
  /** calls `visit` for each complete record: the bytes buf[start, end) found at `offset` in `filePath` */
  forEachRecord(visit: (buf: Buffer, start: number, end: number, offset: number) => void): void;
  oversize: { offset: number; length: number }[];
  bytes: number;
  filePath: string;
  /** live tailing moves the cursor; backfill imports have none */
  cursor: StoredCursor | null;
  reason: 'live' | 'backfill';
}

export interface IngestResult {
  delta: CounterDelta;
  insertedAlerts: number;
  /** ids before this batch: the new rows are those above it */
  previousMaxId: number;
  /** files whose fresh cached answer served an alert of this batch (their alerts go to the integration log) */
  cachedFiles: Set<number>;
  /** files whose verdict a Wazuh answer of this batch moved (a verdict event is due) */
  verdictChanged: Set<number>;
  /** files newly queued */
  queuedFiles: number;
}

const MAX_PARSE_ERRORS_KEPT = 100;
const EXCERPT_CHARS = 300;
const OTHER: ParsedRecord = { kind: 'other', ruleId: null, groups: null };
const NOT_JSON: ParsedRecord = {
  kind: 'error',
  reason: 'not a complete JSON alert (cut, glued to another line, or not JSON)',
};

function excerptOf(buf: Buffer, start: number, end: number): string {
  return buf.toString('utf8', start, Math.min(end, start + EXCERPT_CHARS * 2)).slice(0, EXCERPT_CHARS);
}

export interface IngestorDeps {
  db: Db;
  alerts: AlertsStore;
  sources: SourcesStore;
  counters: CountersStore;
  planner: Planner;
  files: FilesStore;
  /** compiled filters: which FIM events may be looked up */
  filter: () => (e: FimEvent) => { pass: true } | { pass: false; reason: string };
  /** alerts of a disabled integration log are marked logged at once (enabling it later does not replay history) */
  integrationLogEnabled: () => boolean;
  now: () => number;
}

export class Ingestor {
  private readonly insertError;
  private readonly trimErrors;

  constructor(private readonly d: IngestorDeps) {
    this.insertError = d.db.prepare(
      'INSERT INTO parse_errors (source_id, source_path, offset, reason, excerpt, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.trimErrors = d.db.prepare(
      `DELETE FROM parse_errors WHERE id <= (SELECT id FROM parse_errors ORDER BY id DESC LIMIT 1 OFFSET ${MAX_PARSE_ERRORS_KEPT})`,
    );
  }

  /** Store one batch in one transaction. Throws (and stores nothing) when the database refuses. */
  ingest(sourceId: number | null, batch: IngestBatch): IngestResult {
    const run = this.d.db.transaction(() => this.ingestInTransaction(sourceId, batch));
    return run.immediate();
  }

  private ingestInTransaction(sourceId: number | null, batch: IngestBatch): IngestResult {
    const { alerts, planner } = this.d;
    const now = this.d.now();
    const filter = this.d.filter();
    const logged = !this.d.integrationLogEnabled();
    const delta = emptyDelta();
    delta.bytes = batch.bytes;
    const result: IngestResult = {
      delta,
      insertedAlerts: 0,
      previousMaxId: alerts.maxId(),
      cachedFiles: new Set(),
      verdictChanged: new Set(),
      queuedFiles: 0,
    };
    let errors = 0;
    let cacheHits = 0;
    const files = this.d.files;

    // the record's bytes are passed along only so that an error can quote them
    const handle = (parsed: ParsedRecord, offset: number, buf: Buffer, start: number, end: number) => {
      switch (parsed.kind) {
        case 'fim': {
          delta.alertsRead++;
          const e = parsed.event;
          if (delta.lastAlertAt === null || e.epochMs > delta.lastAlertAt) delta.lastAlertAt = e.epochMs;
          const skip = skipReason(e, filter);
          // the file first, so the alert row is written once with its file (no second UPDATE)
          const file = skip ? null : files.ensureRow(e.after, e.epochMs);
          const rowId = alerts.insert(e, sourceId, skip, logged, file?.id ?? null);
          if (rowId === null) return; // stored before (replay, overlapping backfill)
          delta.fimEvents++;
          result.insertedAlerts++;
          if (!file) return;
          const outcome = planner.plan(file, e.rule.level, batch.reason, now);
          if (outcome === 'cached') {
            cacheHits++;
            result.cachedFiles.add(file.id);
          } else if (outcome === 'queued') result.queuedFiles++;
          return;
        }
        case 'registry':
          delta.alertsRead++;
          delta.registryEvents++;
          return;
        case 'wazuh-vt': {
          delta.alertsRead++;
          delta.wazuhVerdicts++;
          const imported = planner.importWazuh(parsed.record, now);
          if (imported?.changed) result.verdictChanged.add(imported.fileId);
          return;
        }
        case 'other':
          delta.alertsRead++;
          delta.otherAlerts++;
          return;
        case 'error':
          delta.parseErrors++;
          errors++;
          this.insertError.run(sourceId, batch.filePath, offset, parsed.reason, excerptOf(buf, start, end), now);
          return;
      }
    };

    if (batch.format === 'json') {
      batch.forEachRecord((buf, start, end, offset) => {
        // most lines are not FIM: count them after a structural check, without decoding or JSON.parse
        if (!needsFullParse(buf, start, end)) {
          handle(looksLikeJsonObject(buf, start, end) ? OTHER : NOT_JSON, offset, buf, start, end);
          return;
        }
        handle(parseJsonAlert(buf.toString('utf8', start, end)), offset, buf, start, end);
      });
    } else {
      batch.forEachRecord((buf, start, end, offset) => {
        handle(parseLogAlert(buf.toString('utf8', start, end)), offset, buf, start, end);
      });
    }
    for (const o of batch.oversize) {
      delta.oversizeLines++;
      delta.parseErrors++;
      errors++;
      this.insertError.run(
        sourceId,
        batch.filePath,
        o.offset,
        `record of ${o.length} bytes skipped: over the 1 MiB limit`,
        '',
        now,
      );
    }
    if (errors > 0) this.trimErrors.run();
    this.d.counters.increment('cacheHits', cacheHits);
    // what Wazuh's integration would have spent: one request per FIM alert it is given
    this.d.counters.increment('wazuhEquivalentRequests', result.insertedAlerts);
    if (sourceId !== null) {
      if (batch.cursor) this.d.sources.advance(sourceId, batch.cursor, delta);
      else this.d.sources.count(sourceId, delta);
    }
    return result;
  }
}

/** Why a FIM event is stored but not looked up, or null when it is looked up. */
export function skipReason(
  e: FimEvent,
  filter: (e: FimEvent) => { pass: true } | { pass: false; reason: string },
): string | null {
  if (e.event === 'deleted') return 'the file was deleted: nothing to look up';
  if (!bestHash(e.after)) return 'Wazuh reported no hash for this file';
  const verdict = filter(e);
  return verdict.pass ? null : `filtered: ${verdict.reason}`;
}
