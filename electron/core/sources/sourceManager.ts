// Runs one Tailer per source (a file, or alerts.json inside a manager's logs/alerts folder) and keeps what the
// status bar shows about each: its state sentence, and the counters stored with its cursor.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceStatus } from '../../../shared/contract';
import type { SourceFormat } from '../../../shared/domain';
import type { Clock, Logger } from '../base/runtime';
import type { SourceRecord, SourcesStore } from '../store/sourcesStore';
import { datedKindOf, LOCATE_DAYS, locateRotatedInFolder, missedDatedFiles } from './datedFiles';
import type { FileIdentity } from './fileIdentity';
import { recognizeWazuh } from '../wazuh/recognize';
import { Tailer } from './tailer';
import type { TailBatch, TailState } from './tailerTypes';

export interface SourceManagerDeps {
  sources: SourcesStore;
  clock: Clock;
  log?: Logger;
  /** synchronous: store the batch and its cursor in one transaction (throws = not stored) */
  ingest(sourceId: number, batch: TailBatch): void;
  onStatus(status: SourceStatus): void;
  pollMs?: number;
}

interface Running {
  tailer: Tailer;
  state: TailState;
  message: string;
  /** being restarted as a folder source */
  reclassifying?: boolean;
}

/** The file a source follows: the path itself, or alerts.json inside a logs/alerts folder. */
export function followedPath(row: Pick<SourceRecord, 'path' | 'kind'>): string {
  return row.kind === 'folder' ? path.join(row.path, 'alerts.json') : row.path;
}

/**
 * Where Wazuh keeps the dated files of what the source follows: the folder of a folder source, and the folder of
 * a file source named alerts.json or alerts.log (logs/alerts/alerts.json: the same layout). Other files: none.
 */
export function rotationFolderOf(row: Pick<SourceRecord, 'path' | 'kind'>): string | null {
  if (row.kind === 'folder') return row.path;
  const name = path.basename(row.path);
  return name === 'alerts.json' || name === 'alerts.log' ? path.dirname(row.path) : null;
}

/** A folder is a manager's logs/alerts (followed through its alerts.json); anything else is a file. */
export function sourceKindOf(p: string): 'file' | 'folder' {
  try {
    return fs.statSync(p).isDirectory() ? 'folder' : 'file';
  } catch {
    return p.endsWith('/') || p.endsWith(path.sep) ? 'folder' : 'file';
  }
}

export class SourceManager {
  private readonly running = new Map<number, Running>();

  /** stopAll() was called: nothing starts again */
  private closing = false;

  constructor(private readonly d: SourceManagerDeps) {}

  startAll(): void {
    for (const row of this.d.sources.list()) this.start(row);
  }

  start(row: SourceRecord): void {
    if (this.running.has(row.id)) return;
    const id = row.id;
    const followed = followedPath(row);
    const rotationFolder = rotationFolderOf(row);
    const entry: Running = { tailer: null as unknown as Tailer, state: 'starting', message: 'starting' };
    entry.tailer = new Tailer({
      path: followed,
      format: row.format ?? undefined,
      recognize: recognizeWazuh,
      cursor: row.cursor,
      fromEnd: row.fromEnd,
      pollMs: this.d.pollMs,
      // one transaction per 2 MiB: few commits, and each pause of the event loop stays short on a large backlog
      chunkBytes: 2 * 1024 * 1024,
      onBatch: (batch) => {
        this.d.ingest(id, batch);
        if (row.format === null) {
          row.format = batch.format;
          this.d.sources.setFormat(id, batch.format);
        }
      },
      onState: (state, message) => {
        entry.state = state;
        entry.message = message;
        const status = this.status(id);
        if (status) this.d.onStatus(status);
        // added while missing, it was taken for a file; it appeared as a manager's logs/alerts folder
        if (state === 'error' && row.kind === 'file' && !entry.reclassifying && sourceKindOf(row.path) === 'folder') {
          entry.reclassifying = true;
          this.becameFolder(row).catch((e: unknown) =>
            this.d.log?.error(`cannot follow ${row.path} as a folder: ${(e as Error).message}`),
          );
        }
      },
      ...(rotationFolder
        ? {
            locateRotated: (identity: FileIdentity) =>
              locateRotatedInFolder(rotationFolder, identity, this.d.clock.now(), LOCATE_DAYS, datedKindOf(followed)),
            missedRotated: (finished: string, live: FileIdentity | null) =>
              missedDatedFiles(rotationFolder, finished, live, this.d.clock.now()),
          }
        : {}),
    });
    this.running.set(id, entry);
    entry.tailer.start();
  }

  private async becameFolder(row: SourceRecord): Promise<void> {
    await this.stop(row.id);
    if (this.closing) return;
    this.d.sources.setKind(row.id, 'folder');
    this.d.log?.info(`${row.path} is a folder: following its alerts.json`);
    const updated = this.d.sources.get(row.id);
    if (updated) this.start(updated);
  }

  async stop(id: number): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    await r.tailer.stop();
  }

  async stopAll(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  pokeAll(): void {
    for (const r of this.running.values()) r.tailer.poke();
  }

  /**
   * Why a backfill of this source must wait, or null. A backfill reads what the tailer has not read and will not
   * read; that is known only once the tailer follows the live file (not while it waits for it, or catches up on
   * the days it missed while stopped).
   */
  backfillMustWait(id: number): string | null {
    const r = this.running.get(id);
    if (!r) return 'this source is not running';
    if (r.tailer.readingRotatedFiles())
      return 'this source is catching up on what was written while the app was stopped: start the backfill once it is following';
    if (r.state !== 'following' && r.state !== 'catching-up')
      return `this source is ${r.state === 'starting' ? 'starting' : `not following its file (${r.message})`}: start the backfill once it is following`;
    return null;
  }

  status(id: number): SourceStatus | null {
    const row = this.d.sources.get(id);
    if (!row) return null;
    return this.statusOf(row);
  }

  statuses(): SourceStatus[] {
    return this.d.sources.list().map((row) => this.statusOf(row));
  }

  private statusOf(row: SourceRecord): SourceStatus {
    const r = this.running.get(row.id);
    const live = r?.tailer.status();
    return {
      id: row.id,
      path: row.path,
      kind: row.kind,
      followedPath: followedPath(row),
      format: (row.format as SourceFormat | null) ?? null,
      fromEnd: row.fromEnd,
      state: r ? r.state : 'stopped',
      message: r ? r.message : 'stopped',
      bytesRead: row.counters.bytesRead,
      offset: live?.offset ?? row.cursor?.offset ?? 0,
      size: live ? live.size : null,
      pendingBytes: live?.pending ?? 0,
      alertsRead: row.counters.alertsRead,
      fimEvents: row.counters.fimEvents,
      errors: row.counters.parseErrors,
      oversizeLines: row.counters.oversizeLines,
      lastAlertAt: row.lastAlertAt === null ? null : new Date(row.lastAlertAt).toISOString(),
    };
  }
}
