// The sources service: every source the analyst added (the sources table), one running AlertSource per source
// (its kind from registry.ts), the state line the status bar shows for each, backfills, and a source's removal with
// what it read still counted. Each batch a source reads goes to the sink (ingest's alerts service) with the
// source's part of the transaction. Owns the sources and read_ranges tables.
import fs from 'node:fs';
import path from 'node:path';
import type { BackfillJob, SourceStatus } from '../../../shared/contract';
import { ApiError } from '../base/apiError';
import { yieldToLoop, type Clock, type Logger } from '../base/runtime';
import type { Db } from '../db/database';
import type { EventHub } from '../events/eventHub';
import { CountersStore } from '../store/countersStore';
import { ReadRangesStore } from '../store/readRangesStore';
import { SourcesStore, type NewSource, type SourceCounters, type SourceRecord } from '../store/sourcesStore';
import type { AlertSource, BatchSink, SourceHost, SourceKind } from './alertSource';
import { followedPath, sourceKindOf } from './file/paths';
import { sourcePathProblem } from './file/regularFile';
import { sourceKinds, type KindDeps } from './registry';

export interface SourcesServiceDeps {
  db: Db;
  /** the app's own folder: none of its files is an alert source (add() refuses them) */
  dataDir?: string;
  clock: Clock;
  log: Logger;
  events: EventHub;
  /** where batches are stored (one transaction each, with the source's cursor) */
  sink: BatchSink;
  /** config.json is written after each change (settings/configMirror.ts) */
  mirror: { save(): void };
  pollMs?: number;
  /** between two batches of a source: yields, and waits while the database's log is copied back (checkpointer.ts) */
  settle?: () => Promise<void>;
  /** the kinds of source (default: registry.ts); tests bring their own */
  kinds?: (d: KindDeps) => Map<string, SourceKind>;
  /** what the indexer kind needs (its passwords); without it, indexer sources are not started */
  indexer?: KindDeps['indexer'];
}

interface Running {
  source: AlertSource;
  host: SourceHost;
}

/** The counters a removed source leaves behind (what was read stays counted). */
const RETIRED: (keyof SourceCounters)[] = [
  'alertsRead',
  'parseErrors',
  'registryEvents',
  'otherAlerts',
  'oversizeLines',
  'wazuhVerdicts',
];

function isAbsolutePath(p: string): boolean {
  return path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p);
}

export class SourcesService {
  private readonly store: SourcesStore;
  private readonly readRanges: ReadRangesStore;
  private readonly counters: CountersStore;
  private readonly kinds: Map<string, SourceKind>;
  private readonly running = new Map<number, Running>();
  /** stopAll() was called: nothing starts again */
  private closing = false;

  constructor(private readonly d: SourcesServiceDeps) {
    this.store = new SourcesStore(d.db);
    this.readRanges = new ReadRangesStore(d.db);
    this.counters = new CountersStore(d.db);
    this.kinds = (d.kinds ?? sourceKinds)({
      clock: d.clock,
      pollMs: d.pollMs,
      onBackfillJob: (job) => d.events.emit({ type: 'backfill', job }),
      indexer: d.indexer,
    });
  }

  // ---- the list

  list(): SourceStatus[] {
    return this.store.list().map((r) => this.statusOf(r));
  }

  status(id: number): SourceStatus | null {
    const record = this.store.get(id);
    return record ? this.statusOf(record) : null;
  }

  /** What config.json keeps of the sources (never a credential): the file sources (restore() reads them back). */
  mirrorEntries(): { path: string; fromEnd: boolean }[] {
    return this.store
      .list()
      .filter((s) => s.type === 'file')
      .map((s) => ({ path: s.path, fromEnd: s.fromEnd }));
  }

  /** A source as stored. */
  record(id: number): SourceRecord | undefined {
    return this.store.get(id);
  }

  /** A stored source by what it reads (its path, or an indexer's URLs). */
  recordAt(p: string): SourceRecord | undefined {
    return this.store.byPath(p);
  }

  /** The running source of this id (an indexer's connection for its sweep), if it runs. */
  runningSource(id: number): AlertSource | undefined {
    return this.running.get(id)?.source;
  }

  /** What every source read, those removed included (stats). */
  totals(): Omit<SourceCounters, 'bytesRead' | 'fimEvents'> {
    const t = this.store.totals();
    const retired = (name: keyof SourceCounters) => this.counters.get(`retired.${name}`);
    return {
      alertsRead: t.alertsRead + retired('alertsRead'),
      parseErrors: t.parseErrors + retired('parseErrors'),
      registryEvents: t.registryEvents + retired('registryEvents'),
      otherAlerts: t.otherAlerts + retired('otherAlerts'),
      oversizeLines: t.oversizeLines + retired('oversizeLines'),
      wazuhVerdicts: t.wazuhVerdicts + retired('wazuhVerdicts'),
    };
  }

  // ---- adding and removing

  /** A source the analyst adds (Settings, the menu): an absolute path of a regular file or a logs/alerts folder. */
  add(p: string, fromEnd: boolean): SourceStatus {
    if (!isAbsolutePath(p)) {
      throw new ApiError(
        'bad-request',
        `"${p}" is not an absolute path: give the full path of alerts.json, alerts.log or a logs/alerts folder`,
        { path: 'an absolute path' },
      );
    }
    if (p.includes('\0'))
      throw new ApiError('bad-request', 'a path cannot hold a NUL character: no file has one', { path: 'a NUL' });
    const resolved = path.resolve(p);
    const kind = sourceKindOf(resolved);
    const followed = followedPath({ path: resolved, kind });
    if (this.inDataDir(resolved) || (followed !== null && this.inDataDir(followed))) {
      // its files are the app's (the database, the keys): as a source they would only show as unrecognized, with
      // their size, which says how long a key is
      throw new ApiError('bad-request', `${p} is in FIM Verdict's own data folder: its files are not Wazuh alerts`, {
        path: "in FIM Verdict's data folder",
      });
    }
    // a FIFO, socket or device would hold a file-I/O thread (or never end): refused now, and again at each open
    const problem = sourcePathProblem(resolved, followed);
    if (problem) throw new ApiError('bad-request', problem, { path: 'not a regular file' });
    const record = this.store.add(resolved, kind, fromEnd, this.d.clock.now());
    this.start(record);
    this.d.mirror.save();
    return this.status(record.id)!;
  }

  /** Whether `p` (through any links, as far as it exists) is the data folder or in it. */
  private inDataDir(p: string): boolean {
    if (!this.d.dataDir) return false;
    const real = (q: string): string => {
      // the longest part that exists, resolved through links, then the rest as written
      try {
        return fs.realpathSync.native(q); // the case on disk too (macOS, Windows)
      } catch {
        const parent = path.dirname(q);
        return parent === q ? q : path.join(real(parent), path.basename(q));
      }
    };
    const dir = real(path.resolve(this.d.dataDir));
    const target = real(p);
    return target === dir || target.startsWith(dir + path.sep);
  }

  /**
   * A source given on the command line: added (or kept) as it is; what is wrong with it (not a regular file) is
   * said in the log and then in its state, and it is read once it is a regular file.
   */
  addAtStart(p: string, fromEnd: boolean): void {
    const resolved = path.resolve(p);
    const kind = sourceKindOf(resolved);
    const problem = sourcePathProblem(resolved, followedPath({ path: resolved, kind }));
    if (problem) this.d.log.warn(problem);
    this.store.add(resolved, kind, fromEnd, this.d.clock.now());
  }

  /**
   * A source of another type than 'file' (an indexer), with its own settings; one reading the same thing already is
   * returned as it is. `start`: follow it now (false: at start, engine.start() starts every source).
   */
  addOther(source: NewSource, start: boolean): SourceStatus {
    const record = this.store.add(source, this.d.clock.now());
    if (start) this.start(record);
    this.d.mirror.save();
    return this.status(record.id)!;
  }

  /** Its own settings changed (or its credentials): stored, and the source is started again with them. */
  async reconfigure(id: number, config: unknown, path?: string): Promise<SourceStatus> {
    if (!this.store.get(id)) throw new ApiError('not-found', `no source ${id}`);
    await this.stop(id);
    this.store.setConfig(id, config, path);
    this.start(this.store.get(id)!);
    this.d.mirror.save();
    const status = this.status(id)!;
    this.d.events.emit({ type: 'source', source: status });
    return status;
  }

  /** Its own settings as this run's flags give them (before the sources start). */
  setConfigAtStart(id: number, config: unknown): void {
    this.store.setConfig(id, config);
  }

  /** The sources config.json lists after the database was rebuilt: each read again from its start. */
  restore(list: { path: string }[]): void {
    for (const s of list) this.store.add(s.path, sourceKindOf(s.path), false, this.d.clock.now());
  }

  /** Stops the source and removes it; what it read stays counted. */
  async remove(id: number): Promise<boolean> {
    const record = this.store.get(id);
    if (!record) return false;
    await this.stop(id);
    this.d.db.transaction(() => {
      for (const name of RETIRED) this.counters.increment(`retired.${name}`, record.counters[name]);
      this.store.remove(id);
    })();
    this.d.mirror.save();
    this.d.events.statsChanged();
    return true;
  }

  // ---- running

  startAll(): void {
    for (const record of this.store.list()) this.start(record);
  }

  private start(record: SourceRecord): void {
    if (this.running.has(record.id) || this.closing) return;
    const kind = this.kinds.get(record.type);
    if (!kind) {
      this.d.log.error(`source ${record.id} (${record.path}) is of an unknown type "${record.type}": not started`);
      return;
    }
    const host = this.hostFor(record.id);
    const source = kind.open(record, host);
    this.running.set(record.id, { source, host });
    source.start();
  }

  private hostFor(id: number): SourceHost {
    const { store, readRanges, d } = this;
    return {
      clock: d.clock,
      log: d.log,
      deliver: (batch) => d.sink.store(id, batch),
      stateChanged: () => {
        const status = this.status(id);
        if (!status) return;
        d.events.emit({ type: 'source', source: status });
        d.events.statsChanged();
      },
      advance: (cursor, delta) => store.advance(id, cursor, delta),
      count: (delta) => store.count(id, delta),
      markRead: (mark) => readRanges.mark(id, mark),
      setFormat: (format) => store.setFormat(id, format),
      restartAs: (patch) => {
        this.restartAs(id, patch.kind).catch((e: unknown) =>
          d.log.error(`cannot follow ${store.get(id)?.path ?? id} as a ${patch.kind}: ${(e as Error).message}`),
        );
      },
      record: () => store.get(id),
      rangesRead: (prefix) => readRanges.rangesOf(id, prefix),
      settle: d.settle ?? yieldToLoop,
    };
  }

  /** Added while missing, it was taken for a file; it appeared as a manager's logs/alerts folder. */
  private async restartAs(id: number, kind: 'file' | 'folder'): Promise<void> {
    await this.stop(id);
    if (this.closing) return;
    this.store.setKind(id, kind);
    const updated = this.store.get(id);
    if (!updated) return;
    this.d.log.info(`${updated.path} is a ${kind}${kind === 'folder' ? ': following its alerts.json' : ''}`);
    this.start(updated);
  }

  private async stop(id: number): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    await r.source.stop();
  }

  async stopAll(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
    for (const kind of this.kinds.values()) await kind.backfill?.stopAll();
  }

  // ---- backfill

  async startBackfill(id: number, from: string, to: string): Promise<BackfillJob> {
    const record = this.store.get(id);
    if (!record) throw new ApiError('not-found', `no source ${id}`);
    const backfill = this.kinds.get(record.type)?.backfill;
    if (!backfill) throw new ApiError('bad-request', 'this source cannot read a past range again');
    return backfill.start(record, this.running.get(id), from, to);
  }

  backfills(): BackfillJob[] {
    return [...this.kinds.values()].flatMap((k) => k.backfill?.list() ?? []).sort((a, b) => b.id - a.id);
  }

  private statusOf(record: SourceRecord): SourceStatus {
    const live = this.running.get(record.id)?.source.status();
    const stored = record.cursor?.kind === 'file' ? record.cursor.offset : 0;
    const kind = this.kinds.get(record.type);
    return {
      id: record.id,
      path: record.path,
      kind: record.type === 'file' ? record.kind : 'indexer',
      followedPath: record.type === 'file' ? followedPath(record) : record.path,
      format: record.format,
      fromEnd: record.fromEnd,
      state: live ? live.state : 'stopped',
      message: live ? live.message : 'stopped',
      bytesRead: record.counters.bytesRead,
      offset: live?.offset ?? stored,
      size: live ? live.size : null,
      pendingBytes: live?.pendingBytes ?? 0,
      alertsRead: record.counters.alertsRead,
      fimEvents: record.counters.fimEvents,
      errors: record.counters.parseErrors,
      oversizeLines: record.counters.oversizeLines,
      lastAlertAt: record.lastAlertAt === null ? null : new Date(record.lastAlertAt).toISOString(),
      type: record.type === 'indexer' ? 'indexer' : 'file',
      indexer: null,
      ...kind?.statusFields?.(record, this.running.get(record.id)?.source),
    };
  }
}
