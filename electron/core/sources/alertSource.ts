// The alert source seam: what every kind of source does for the sources service (the manager's alert files today,
// the Wazuh indexer next). A source reads on its own (a tailer, a poller), hands each batch of records to its host
// with its part of the transaction that stores them (its cursor and counters: `commit`), says its state in words,
// and stops when told, delivering nothing after. Adding a kind: a folder under sources/ whose module exports a
// SourceKind, and one line in registry.ts.
import type { BackfillJob, SourceStatus } from '../../../shared/contract';
import type { ParsedRecord, SourceFormat } from '../../../shared/domain';
import type { Clock, Logger } from '../base/runtime';
import type { ByteRange, ReadMark } from '../store/readRangesStore';
import type { CounterDelta, SourceCursor, SourceRecord } from '../store/sourcesStore';

/** A source's state, as the status bar shows it (the contract's words). */
export type SourceState = SourceStatus['state'];

/** Records as bytes, framed by the source and parsed by their format (alerts.json lines, alerts.log blocks). */
export interface RawRecords {
  kind: 'raw';
  format: SourceFormat;
  /** calls `visit` for each complete record: the bytes buf[start, end) found at `offset` (no copies) */
  forEachRecord(visit: (buf: Buffer, start: number, end: number, offset: number) => void): void;
  /** records over the size limit, skipped (parse errors with their offset) */
  oversize: { offset: number; length: number }[];
}

/**
 * Records the source parsed itself (an indexer's documents), each with where it was found (diagnostics). `replay`:
 * read again (an indexer's overlap window, a backfill over what was polled): it may be stored already, so it is
 * counted only when the store inserts it, and a replayed record that is no FIM event is not counted again.
 */
export interface ParsedRecords {
  kind: 'parsed';
  records: { record: ParsedRecord; offset: number; replay?: boolean }[];
}

/** One batch handed over: stored in one transaction with the source's cursor, or not at all. */
export interface SourceBatch {
  records: RawRecords | ParsedRecords;
  /** where the records came from (a path, an address): diagnostics */
  origin: string;
  /** live records rank before backfilled ones in the look-up queue */
  reason: 'live' | 'backfill';
  /** bytes the batch moved the source by (counters) */
  bytes: number;
  /** the source's part of the transaction: its cursor and counters (SourceHost.advance/count/markRead) */
  commit(delta: CounterDelta): void;
}

/** What storing a batch gave: the counters it moved and the alert rows it added. */
export interface StoredBatch {
  delta: CounterDelta;
  insertedAlerts: number;
}

/** Where batches are stored (ingest's alerts service): synchronous, one transaction; throws when refused. */
export interface BatchSink {
  store(sourceId: number, batch: SourceBatch): StoredBatch;
}

/** What the sources service gives each running source. */
export interface SourceHost {
  readonly clock: Clock;
  readonly log: Logger;
  /** store a batch (one transaction, with `batch.commit`); throws when refused: deliver it again later */
  deliver(batch: SourceBatch): StoredBatch;
  /** the source's state or message changed: the views hear it */
  stateChanged(): void;
  /** inside `commit`: move the stored cursor and the counters together */
  advance(cursor: SourceCursor, delta: CounterDelta): void;
  /** inside `commit`: the counters only (a backfill has no cursor of its own) */
  count(delta: CounterDelta): void;
  /** inside `commit`: what of a file's content this batch covered (read_ranges) */
  markRead(mark: ReadMark): void;
  /** the source learned its record format (told on the file's first bytes) */
  setFormat(format: SourceFormat): void;
  /** the source turned out to be of another shape (a path that became a folder): it is started again as that */
  restartAs(patch: Pick<SourceRecord, 'kind'>): void;
  /** the source as stored now (its cursor as of the last batch stored) */
  record(): SourceRecord | undefined;
  /** what this source read of the file whose first bytes are `prefix` (joined byte ranges, read_ranges) */
  rangesRead(prefix: Buffer): ByteRange[];
  /**
   * between two batches: yields to the event loop, and waits while the database's log is copied back into the
   * database file once it has grown (db/checkpointer.ts): a catch-up then never holds the engine's thread for it
   */
  settle(): Promise<void>;
}

/** A source as its status line shows it while it runs. */
export interface RunningStatus {
  state: SourceState;
  message: string;
  /** the cursor's position (a file: the byte offset after the last record stored) */
  offset: number | null;
  /** how much there is to read (a file: its size) */
  size: number | null;
  /** read but not handed over yet (a partial record waiting for its end) */
  pendingBytes: number;
}

/** One running source. */
export interface AlertSource {
  start(): void;
  /** waits for the batch in progress; nothing is delivered after it resolves */
  stop(): Promise<void>;
  status(): RunningStatus;
  /** read now (something changed) */
  poke?(): void;
  /** why a backfill of this source must wait now, or null (it may start) */
  backfillMustWait?(): string | null;
}

/** A kind of source: how a stored source of this type is followed. */
export interface SourceKind {
  /** the `type` stored in the sources table */
  readonly type: string;
  open(record: SourceRecord, host: SourceHost): AlertSource;
  /** reading a past range again (the file kind: the dated files of a day range), one job at a time per source */
  readonly backfill?: BackfillCapability;
  /** what this kind adds to a source's status line (an indexer's URLs, version found, lag); `running`: its source */
  statusFields?(record: SourceRecord, running: AlertSource | undefined): Partial<SourceStatus>;
}

export interface BackfillCapability {
  /** starts a job (throws ApiError when it cannot: not such a source, not ready, one running) */
  start(
    record: SourceRecord,
    running: { source: AlertSource; host: SourceHost } | undefined,
    from: string,
    to: string,
  ): Promise<BackfillJob>;
  list(): BackfillJob[];
  stopAll(): Promise<void>;
}
