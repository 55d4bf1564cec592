// The file source kind: a manager's alerts.json or alerts.log (or a logs/alerts folder, followed through its
// alerts.json), or the Wazuh 5 engine's event output (its folder, followed through standard-wazuh-events-v5.json), read by a Tailer with a cursor (file identity + byte offset) stored with each batch's alerts, across
// rotation, restarts and the days missed while stopped (tailer.ts, rotatedDrain.ts, datedFiles.ts).
import type { BackfillJob } from '../../../../shared/contract';
import { fingerprint, MIN_CONTENT_KEY, type ContentKey } from '../../base/contentKey';
import { ApiError } from '../../base/apiError';
import type { ReadMark } from '../../store/readRangesStore';
import type { CounterDelta, SourceRecord, StoredCursor } from '../../store/sourcesStore';
import { recognizeWazuh } from '../../wazuh/recognize';
import type { AlertSource, RawRecords, RunningStatus, SourceBatch, SourceHost, SourceKind } from '../alertSource';
import { BackfillRunner, type AlreadyRead } from './backfillRunner';
import { forEachRecord } from './batch';
import { datedKindOf, LOCATE_DAYS, locateRotatedInFolder, missedDatedFiles } from './datedFiles';
import type { FileIdentity } from './fileIdentity';
import { followedPath, rotationFolderOf, sourceKindOf } from './paths';
import { Tailer } from './tailer';
import type { TailBatch, TailState } from './tailerTypes';

/**
 * One transaction per 256 KiB of alerts read: on a large backlog (a catch-up after a stop) each pause of the event
 * loop stays near 50 ms, so the views' requests wait at most that long behind ingest. 2 MiB stored ~20% faster but
 * kept the status bar's /api/stats waiting 150-600 ms (docs/BENCHMARKS.md, "Ingest and the views' requests").
 */
export const LIVE_CHUNK_BYTES = 256 * 1024;
/** The least a chunk is paced down to (each transaction has a fixed cost too). */
export const MIN_LIVE_CHUNK_BYTES = 32 * 1024;
/** What one chunk's transaction should take at most: the views' requests wait behind it. */
const STORE_TARGET_MS = 30;

/**
 * The next chunk's size, from how long the last one's transaction took: halved while a chunk takes longer than the
 * target (a database of millions of alerts whose indexes are not all in SQLite's cache stores the same 256 KiB in
 * 45-200 ms), doubled back while a full chunk takes under half of it. At 10M alerts, 30 ms kept /api/stats during a
 * catch-up at 65-85 ms p95 (146-205 without pacing, 95-175 with 50 ms), at the same rate (docs/BENCHMARKS.md).
 */
export function pacedChunkBytes(current: number, chunkBytesStored: number, tookMs: number): number {
  if (tookMs > STORE_TARGET_MS) return Math.max(MIN_LIVE_CHUNK_BYTES, Math.floor(current / 2));
  if (tookMs < STORE_TARGET_MS / 2 && chunkBytesStored >= current / 2) return Math.min(LIVE_CHUNK_BYTES, current * 2);
  return current;
}

/** A tailer batch's records, as the ingest stage reads them (ranges into one chunk, no copies). */
export function rawRecordsOf(batch: TailBatch): RawRecords {
  return {
    kind: 'raw',
    format: batch.format,
    forEachRecord: (visit) => forEachRecord(batch, visit),
    oversize: batch.oversize,
  };
}

/** What of which file a tailer batch covers (null: a file too short to be told apart by its first bytes). */
export function readMarkOf(batch: TailBatch, content: ContentKey | null): ReadMark | null {
  const end = batch.cursor.offset;
  return content
    ? { fpLen: content.fpLen, fpHash: content.fpHash, start: end - batch.bytesConsumed, end, path: batch.filePath }
    : null;
}

/** A tailer batch handed over through the seam; `commit` is the source's part of the transaction. */
export function sourceBatchOf(
  batch: TailBatch,
  reason: 'live' | 'backfill',
  commit: (delta: CounterDelta) => void,
): SourceBatch {
  return { records: rawRecordsOf(batch), origin: batch.filePath, reason, bytes: batch.bytesConsumed, commit };
}

/** One batch of the followed file: its cursor, counters and read range in the transaction that stores it. */
function liveBatch(batch: TailBatch, host: SourceHost): SourceBatch {
  const mark = readMarkOf(batch, batch.cursor.identity);
  const cursor: StoredCursor = batch.cursor;
  return sourceBatchOf(batch, 'live', (delta) => {
    host.advance({ kind: 'file', ...cursor }, delta);
    if (mark) host.markRead(mark);
  });
}

/** The stored position of a file source (null: nothing read yet). */
export function fileCursorOf(record: Pick<SourceRecord, 'cursor'>): StoredCursor | null {
  return record.cursor?.kind === 'file' ? record.cursor : null;
}

class FileSource implements AlertSource {
  private readonly tailer: Tailer;
  private state: TailState = 'starting';
  private message = 'starting';
  /** being restarted as a folder source */
  private reclassifying = false;

  constructor(
    private readonly record: SourceRecord,
    private readonly host: SourceHost,
    pollMs: number | undefined,
  ) {
    const followed = followedPath(record);
    const rotationFolder = rotationFolderOf(record);
    let format = record.format;
    this.tailer = new Tailer({
      path: followed,
      format: format ?? undefined,
      recognize: recognizeWazuh,
      cursor: fileCursorOf(record),
      fromEnd: record.fromEnd,
      pollMs,
      chunkBytes: LIVE_CHUNK_BYTES,
      settle: () => host.settle(),
      onBatch: (batch) => {
        const started = performance.now();
        const live = liveBatch(batch, host);
        host.deliver(live);
        this.tailer.chunkBytes = pacedChunkBytes(this.tailer.chunkBytes, live.bytes, performance.now() - started);
        if (format === null) {
          format = batch.format;
          host.setFormat(batch.format);
        }
      },
      onState: (state, message) => {
        this.state = state;
        this.message = message;
        host.stateChanged();
        // added while missing, it was taken for a file; it appeared as a manager's logs/alerts folder
        if (
          state === 'error' &&
          record.kind === 'file' &&
          !this.reclassifying &&
          sourceKindOf(record.path) === 'folder'
        ) {
          this.reclassifying = true;
          host.restartAs({ kind: 'folder' });
        }
      },
      ...(rotationFolder
        ? {
            locateRotated: (identity: FileIdentity) =>
              locateRotatedInFolder(rotationFolder, identity, host.clock.now(), LOCATE_DAYS, datedKindOf(followed)),
            missedRotated: (finished: string, live: FileIdentity | null) =>
              missedDatedFiles(rotationFolder, finished, live, host.clock.now()),
          }
        : {}),
    });
  }

  start(): void {
    this.tailer.start();
  }

  stop(): Promise<void> {
    return this.tailer.stop();
  }

  poke(): void {
    this.tailer.poke();
  }

  status(): RunningStatus {
    const live = this.tailer.status();
    return {
      state: this.state,
      message: this.message,
      offset: live.offset,
      size: live.size,
      pendingBytes: live.pending,
    };
  }

  /**
   * A backfill reads what the tailer has not read and will not read; that is known only once the tailer follows the
   * live file (not while it waits for it, or catches up on the days it missed while stopped).
   */
  backfillMustWait(): string | null {
    if (this.tailer.readingRotatedFiles())
      return 'this source is catching up on what was written while the app was stopped: start the backfill once it is following';
    if (this.state !== 'following' && this.state !== 'catching-up')
      return `this source is ${this.state === 'starting' ? 'starting' : `not following its file (${this.message})`}: start the backfill once it is following`;
    return null;
  }
}

/** A backfill batch: the source's counters and the range of the dated file it covered, no cursor of its own. */
function backfillBatch(batch: TailBatch, content: ContentKey | null, host: SourceHost): SourceBatch {
  const mark = readMarkOf(batch, content);
  return sourceBatchOf(batch, 'backfill', (delta) => {
    host.count(delta);
    if (mark) host.markRead(mark);
  });
}

/** What this source read of the file whose first bytes are `prefix`, and whether it is the file it follows. */
function alreadyRead(host: SourceHost, prefix: Buffer): AlreadyRead {
  const record = host.record();
  const followed = record ? fileCursorOf(record) : null;
  const key = followed?.identity;
  const live =
    !!key &&
    key.fpLen >= MIN_CONTENT_KEY &&
    prefix.length >= key.fpLen &&
    fingerprint(prefix.subarray(0, key.fpLen)) === key.fpHash;
  return { ranges: host.rangesRead(prefix), followedUntil: live ? followed!.offset : null };
}

/** Backfill of the dated files of a logs/alerts folder, one job at a time per source (backfillRunner.ts). */
class FileBackfills {
  private readonly runner: BackfillRunner;

  constructor(d: { clock: SourceHost['clock']; onJob(job: BackfillJob): void; nextJobId?: () => number }) {
    this.runner = new BackfillRunner(d);
  }

  async start(
    record: SourceRecord,
    running: { source: AlertSource; host: SourceHost } | undefined,
    from: string,
    to: string,
  ) {
    const folder = rotationFolderOf(record);
    const kind = datedKindOf(followedPath(record));
    if (!folder || kind === 'log') {
      throw new ApiError(
        'bad-request',
        'backfill reads the dated files of a logs/alerts folder (or of the Wazuh 5 event output): add the folder ' +
          '(or its alerts.json, or its standard-wazuh-events-v5.json) as a source',
      );
    }
    if (from > to) throw new ApiError('bad-request', 'the first day is after the last day', { from: 'after "to"' });
    if (this.runner.running(record.id)) throw new ApiError('conflict', 'a backfill of this source is already running');
    // what the tailer is about to read (days it missed, the file it waits for) a backfill now would read as well
    const wait = running ? (running.source.backfillMustWait?.() ?? null) : 'this source is not running';
    if (wait || !running) throw new ApiError('conflict', wait ?? 'this source is not running');
    const { host } = running;
    return this.runner.start(
      record.id,
      folder,
      from,
      to,
      {
        ingest: (batch, content) => host.deliver(backfillBatch(batch, content, host)),
        settle: () => host.settle(),
        alreadyRead: (prefix) => alreadyRead(host, prefix),
      },
      kind,
    );
  }

  list(): BackfillJob[] {
    return this.runner.list();
  }

  stopAll(): Promise<void> {
    return this.runner.stopAll();
  }
}

/** The file kind, as registry.ts registers it: followed by a tailer, backfilled from the dated files. */
export function fileSourceKind(d: {
  clock: SourceHost['clock'];
  pollMs?: number;
  onBackfillJob(job: BackfillJob): void;
  nextJobId?: () => number;
}): SourceKind {
  return {
    type: 'file',
    open: (record, host) => new FileSource(record, host, d.pollMs),
    backfill: new FileBackfills({ clock: d.clock, onJob: d.onBackfillJob, nextJobId: d.nextJobId }),
  };
}
