// Stage two of ingest: one transaction per parsed chunk stores the FIM alerts (once per manager + alert id), lets
// the planner attach cached verdicts or enqueue look-ups, imports Wazuh's own answers, counts everything and moves
// the source's cursor (the batch's commit) — all or nothing. A crash at any point neither loses nor repeats an
// alert. Runs on the engine's thread (docs/ARCHITECTURE.md says why not on a writer thread).
import type { FimEvent } from '../../../shared/domain';
import { bestHash } from '../../../shared/hashes';
import type { Db } from '../db/database';
import type { LookupPlanning } from '../lookups/lookupsService';
import type { AlertsStore } from '../store/alertsStore';
import type { CountersStore } from '../store/countersStore';
import type { ParseErrorsStore } from '../store/parseErrorsStore';
import { emptyDelta, type CounterDelta } from '../store/sourcesStore';
import type { FimFilter } from './filter';
import { WAZUH_VERDICT_ROWS, wazuhVtAlertRow } from '../wazuh/vtAlertRow';
import type { ParsedBatch } from './parseBatch';

export interface IngestResult {
  delta: CounterDelta;
  /** alert rows added: FIM events, and files known from Wazuh's own VirusTotal alerts (wazuh/vtAlertRow.ts) */
  insertedAlerts: number;
  /** ids before this batch: the new rows are those above it */
  previousMaxId: number;
  /** files whose fresh cached answer served an alert of this batch (their alerts go to the integration log) */
  cachedFiles: number[];
  /** files whose verdict a Wazuh answer of this batch moved (a verdict event is due) */
  verdictChanged: number[];
  /** files newly queued */
  queuedFiles: number;
}

export interface IngestorDeps {
  db: Db;
  alerts: AlertsStore;
  counters: CountersStore;
  /** the look-ups' part of the transaction: files, the queue, Wazuh's answers */
  planning: LookupPlanning;
  parseErrors: ParseErrorsStore;
  /** compiled filters: which FIM events may be looked up */
  filter: () => FimFilter;
  /** alerts of a disabled integration log are marked logged at once (enabling it later does not replay history) */
  integrationLogEnabled: () => boolean;
  now: () => number;
}

export class Ingestor {
  constructor(private readonly d: IngestorDeps) {}

  /** Store parsed batches of one source, in order, in one transaction. Throws (and stores nothing) when refused. */
  store(sourceId: number | null, batches: ParsedBatch[]): IngestResult[] {
    try {
      return this.d.db.transaction(() => batches.map((batch) => this.storeInTransaction(sourceId, batch))).immediate();
    } catch (error) {
      // the dictionary ids and counts of the rows that were not stored are forgotten
      this.d.alerts.rolledBack();
      throw error;
    }
  }

  private storeInTransaction(sourceId: number | null, batch: ParsedBatch): IngestResult {
    const { alerts, planning } = this.d;
    const now = this.d.now();
    const filter = this.d.filter();
    const logged = !this.d.integrationLogEnabled();
    const delta: CounterDelta = emptyDelta();
    delta.bytes = batch.bytes;
    // a replayed item (ParsedRecords.replay) counts as read only when it is stored now (below)
    delta.alertsRead = batch.items.filter((i) => !i.replay).length + batch.registry + batch.other;
    delta.registryEvents = batch.registry;
    delta.otherAlerts = batch.other;
    delta.parseErrors = batch.errors.length + batch.oversize.length;
    delta.oversizeLines = batch.oversize.length;
    const cachedFiles = new Set<number>();
    const verdictChanged = new Set<number>();
    const previousMaxId = alerts.maxId();
    let inserted = 0;
    let wazuhRows = 0;
    let replacedWazuhRows = 0;
    let queued = 0;
    let cacheHits = 0;

    for (const item of batch.items) {
      if (item.kind === 'wazuh-vt') {
        if (!item.replay) delta.wazuhVerdicts++;
        const imported = planning.importWazuh(item.record);
        if (!imported) continue;
        if (item.replay) {
          // read late: imported for the first time now (an answer imported before gives null)
          delta.wazuhVerdicts++;
          delta.alertsRead++;
        }
        if (imported.changed) verdictChanged.add(imported.fileId);
        // the file, its path and its agent, as a row of its own unless the FIM alert it answered is stored
        const row = wazuhVtAlertRow(item.record, item.alert);
        if (row && alerts.insertWazuhVerdictRow(row, sourceId, imported.fileId) !== null) wazuhRows++;
        continue;
      }
      const e = item.event;
      if (delta.lastAlertAt === null || e.epochMs > delta.lastAlertAt) delta.lastAlertAt = e.epochMs;
      const skip = skipReason(e, filter);
      // the file first, so the alert row is written once with its file (no second UPDATE)
      const file = skip ? null : planning.ensureFile(e.after, e.epochMs);
      let rowId = alerts.insert(e, sourceId, skip, logged, file);
      if (rowId === null) {
        // known so far only from Wazuh's answer about it: the FIM alert takes that row's place (Wazuh has that
        // answer already: not written to the integration log again)
        rowId = alerts.replaceWazuhRow(e, sourceId, skip, true, file);
        if (rowId !== null) replacedWazuhRows++;
      }
      if (rowId === null) continue; // stored before (replay, overlapping backfill)
      inserted++;
      if (item.replay) delta.alertsRead++; // read late: its first reading
      if (!file) continue;
      const outcome = planning.plan(file, e.rule.level, batch.reason, now, {
        path: e.path,
        event: e.event,
        ruleLevel: e.rule.level,
      });
      if (outcome === 'cached') {
        cacheHits++;
        cachedFiles.add(file.id);
      } else if (outcome === 'queued') queued++;
    }
    delta.fimEvents = inserted;

    const errors = this.d.parseErrors;
    for (const err of batch.errors) errors.add({ sourceId, sourcePath: batch.origin, ...err, at: now });
    for (const o of batch.oversize) {
      const reason = `record of ${o.length} bytes skipped: over the 1 MiB limit`;
      errors.add({ sourceId, sourcePath: batch.origin, offset: o.offset, reason, excerpt: '', at: now });
    }
    if (delta.parseErrors > 0) errors.trim();
    this.d.counters.increment('cacheHits', cacheHits);
    // the alert rows that are no FIM event read (stats: FIM events = rows - these)
    this.d.counters.increment(WAZUH_VERDICT_ROWS, wazuhRows - replacedWazuhRows);
    // what Wazuh's integration would have spent: one request per FIM alert it is given
    this.d.counters.increment('wazuhEquivalentRequests', inserted);
    // the agents' and the rows' counts, in this transaction
    alerts.flushCounts();
    // the source's cursor and counters, in this transaction
    if (sourceId !== null) batch.commit(delta);
    return {
      delta,
      insertedAlerts: inserted + wazuhRows,
      previousMaxId,
      cachedFiles: [...cachedFiles],
      verdictChanged: [...verdictChanged],
      queuedFiles: queued,
    };
  }
}

/** Why a FIM event is stored but not looked up, or null when it is looked up. */
export function skipReason(e: FimEvent, filter: FimFilter): string | null {
  if (e.event === 'deleted') return 'the file was deleted: nothing to look up';
  if (!bestHash(e.after))
    return e.hashProblem
      ? `Wazuh reported ${e.hashProblem}: nothing to look up`
      : 'Wazuh reported no hash for this file';
  const verdict = filter(e);
  return verdict.pass ? null : `filtered: ${verdict.reason}`;
}
