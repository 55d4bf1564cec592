// One running indexer source: polls a Wazuh indexer (indexer/poller.ts) every `pollSeconds`, hands each page to
// the host with its cursor (one transaction: the page's alerts and the cursor that covers them), and says its state
// in words (indexer/sourceStatus.ts). Errors back off; a 401, or credentials that are missing, stop it until its
// credentials change (the sources service restarts it then); a page some shards did not answer is not delivered
// and the same range is read again later.
import type { IndexerSourceConfig, IndexerSourceStatus } from '../../../../shared/indexer';
import type { SourceRecord } from '../../store/sourcesStore';
import {
  cursorForVersion,
  newIndexerCursor,
  parseIndexerCursor,
  serializeIndexerCursor,
  type IndexerCursor,
} from '../../indexer/cursor';
import { CaFileError } from '../../indexer/connection';
import { detectWazuhVersion } from '../../indexer/detectVersion';
import { IndexerError } from '../../indexer/errors';
import { IndexerApi } from '../../indexer/indexerApi';
import { PitSupport } from '../../indexer/pager';
import { pollOnce, type PollPage } from '../../indexer/poller';
import type { WazuhMajor } from '../../indexer/profiles';
import { followingStatus, INDEXER_SLOW_RETRY, statusForError, statusForPartial } from '../../indexer/sourceStatus';
import { backoffDelay } from '../../base/backoff';
import type { AlertSource, RunningStatus, SourceHost, SourceState } from '../alertSource';
import type { IndexerSecrets } from './credentials';
import { readIndexerConfig } from './indexerConfig';

export interface IndexerSourceOptions {
  secrets: IndexerSecrets;
  /** overrides the source's poll interval (tests) */
  pollMs?: number;
  /** the page size of a poll (default 500) */
  pageSize?: number;
}

/** What the views show of a running indexer source beyond its state line. */
export interface IndexerRunInfo {
  status: IndexerSourceStatus;
  versionFound: WazuhMajor | null;
  lagMs: number | null;
}

/** The cursor a source starts from: the stored one, or (nothing stored yet) 24 h before it was added, or from then. */
export function startCursor(record: SourceRecord, wazuh: WazuhMajor, overlapMs: number): IndexerCursor {
  const stored = record.cursor?.kind === 'json' ? parseIndexerCursor(record.cursor.json) : null;
  if (stored) return cursorForVersion(stored, wazuh, overlapMs);
  return newIndexerCursor(wazuh, record.addedAt, { fromEnd: record.fromEnd });
}

const STARTING: IndexerSourceStatus = {
  problem: null,
  message: 'starting',
  retryAt: null,
  stoppedUntilCredentialsChange: false,
};

export class IndexerSource implements AlertSource {
  private state: SourceState = 'starting';
  private info: IndexerRunInfo = { status: STARTING, versionFound: null, lagMs: null };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private cycle: Promise<void> | null = null;
  private stopped = false;
  private api: IndexerApi | null = null;
  private readonly pit = new PitSupport();
  /** failures in a row (the backoff) */
  private attempt = 0;
  /** the last CA file problem written to the log (once per change, not at every retry) */
  private caFileLogged: string | null = null;
  private config: IndexerSourceConfig | null = null;

  constructor(
    private readonly record: SourceRecord,
    private readonly host: SourceHost,
    private readonly o: IndexerSourceOptions,
  ) {}

  start(): void {
    const read = readIndexerConfig(this.record.config);
    if ('problem' in read) return this.halt('error', { ...STARTING, problem: 'config', message: read.problem });
    this.config = read.config;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.api?.abortAll();
    await this.cycle;
    await this.api?.close().catch(() => undefined);
    this.api = null;
  }

  poke(): void {
    if (this.timer && !this.cycle && !this.info.status.stoppedUntilCredentialsChange) this.schedule(0);
  }

  status(): RunningStatus {
    return { state: this.state, message: this.info.status.message, offset: null, size: null, pendingBytes: 0 };
  }

  runInfo(): IndexerRunInfo {
    return this.info;
  }

  /** A backfill needs the Wazuh generation and a connection: known once a poll went through. */
  backfillMustWait(): string | null {
    if (this.state === 'following') return null;
    return `this source is not following its indexer (${this.info.status.message}): start the backfill once it is`;
  }

  /** The connection in use (backfill and sweep share it); null before the first poll. */
  connection(): { api: IndexerApi; wazuh: WazuhMajor; pit: PitSupport } | null {
    return this.api && this.info.versionFound ? { api: this.api, wazuh: this.info.versionFound, pit: this.pit } : null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.cycle = this.pollCycle().finally(() => (this.cycle = null));
    }, ms);
  }

  private set(state: SourceState, status: IndexerSourceStatus): void {
    this.state = state;
    this.info = { ...this.info, status };
    this.host.stateChanged();
  }

  /** Stopped until the settings or credentials change (the sources service starts the source again then). */
  private halt(state: SourceState, status: IndexerSourceStatus): void {
    this.set(state, { ...status, retryAt: null, stoppedUntilCredentialsChange: true });
  }

  private connect(config: IndexerSourceConfig): IndexerApi | null {
    if (this.api) return this.api;
    const creds = this.o.secrets.credentialsFor(this.record.id, config);
    if ('problem' in creds) {
      this.halt('error', { ...STARTING, problem: 'credentials', message: creds.problem });
      return null;
    }
    this.api = IndexerApi.connect({
      urls: config.urls,
      username: creds.username,
      password: creds.password,
      trust: config.trust,
    });
    return this.api;
  }

  private async version(api: IndexerApi, config: IndexerSourceConfig): Promise<WazuhMajor | null> {
    if (this.info.versionFound) return this.info.versionFound;
    const choice = config.wazuhVersion === '4' ? 4 : config.wazuhVersion === '5' ? 5 : 'auto';
    const found = await detectWazuhVersion(api, choice);
    if (found.version === null) {
      this.attempt++;
      const retryAt = this.host.clock.now() + backoffDelay(this.attempt, INDEXER_SLOW_RETRY);
      this.set('waiting', {
        problem: 'no-index',
        message: found.message,
        retryAt,
        stoppedUntilCredentialsChange: false,
      });
      this.schedule(retryAt - this.host.clock.now());
      return null;
    }
    this.host.log.info(`indexer source ${this.record.path}: ${found.message}`);
    this.info = { ...this.info, versionFound: found.version };
    return found.version;
  }

  private async pollCycle(): Promise<void> {
    const config = this.config!;
    try {
      // inside the try: a CA file that cannot be read throws here, and must end as the source's error state (an
      // exception from a timer would stop the whole process, at every start while the source is stored)
      const api = this.connect(config);
      if (!api || this.stopped) return;
      const wazuh = await this.version(api, config);
      if (wazuh === null || this.stopped) return;
      const overlapMs = config.overlapSeconds * 1000;
      const stored = this.host.record() ?? this.record;
      const cursor = startCursor(stored, wazuh, overlapMs);
      const pages = pollOnce(api, cursor, this.host.clock.now(), {
        overlapMs,
        pit: this.pit,
        pageSize: this.o.pageSize,
      });
      let before = serializeIndexerCursor(cursor);
      for await (const page of pages) {
        if (this.stopped) return; // leaving the loop closes the point in time
        if (!page.complete) {
          this.attempt++;
          const status = statusForPartial(page.shardsNote ?? 'some shards failed', {
            attempt: this.attempt,
            nowMs: this.host.clock.now(),
          });
          this.set('error', status);
          return this.schedule(status.retryAt! - this.host.clock.now());
        }
        before = this.deliver(page, before);
        this.info = { ...this.info, lagMs: page.lagMs };
        await this.host.settle();
        if (this.state !== 'following' && !page.last)
          this.set('catching-up', { ...followingStatus(page.lagMs), message: 'catching up' });
      }
      this.attempt = 0;
      this.set('following', followingStatus(this.info.lagMs));
      this.schedule(this.o.pollMs ?? config.pollSeconds * 1000);
    } catch (e) {
      if (this.stopped) return;
      this.failed(e);
    }
  }

  /** Stores a page's documents and its cursor in one transaction (nothing when neither changed). */
  private deliver(page: PollPage, before: string): string {
    const json = serializeIndexerCursor(page.nextCursor);
    if (page.documents.length === 0 && json === before) return before;
    this.host.deliver({
      records: {
        kind: 'parsed',
        records: page.documents.map((d) => ({ record: d.record, offset: 0, replay: d.replay })),
      },
      origin: `${this.record.path} ${page.documents[0]?.index ?? ''}`.trim(),
      reason: 'live',
      bytes: 0,
      commit: (delta) => this.host.advance({ kind: 'json', json }, delta),
    });
    return json;
  }

  private failed(e: unknown): void {
    const err =
      e instanceof IndexerError
        ? e
        : new IndexerError('server-error', `cannot store what was read: ${(e as Error).message}`);
    if (!(e instanceof IndexerError))
      this.host.log.error(`indexer source ${this.record.path}: ${(e as Error).message}`);
    // the status (seen over the HTTP API) says one sentence for every CA file problem; the reason goes to the log
    if (e instanceof CaFileError && e.detail !== this.caFileLogged)
      this.host.log.warn(`indexer source ${this.record.path}: ${e.detail}`);
    this.caFileLogged = e instanceof CaFileError ? e.detail : null;
    this.attempt++;
    const status = statusForError(err, { attempt: this.attempt, nowMs: this.host.clock.now() });
    const state: SourceState =
      err.problem === 'credentials' || err.problem === 'forbidden' ? 'permission-denied' : 'error';
    if (status.stoppedUntilCredentialsChange) {
      // a refused password is not tried again: the connection is dropped and the source waits for new credentials
      void this.api?.close().catch(() => undefined);
      this.api = null;
      return this.set(state, status);
    }
    if (err.problem === 'certificate' || err.problem === 'config') {
      void this.api?.close().catch(() => undefined);
      this.api = null; // a CA file fixed meanwhile is read again
    }
    this.set(state, status);
    this.schedule(Math.max(0, (status.retryAt ?? this.host.clock.now()) - this.host.clock.now()));
  }
}
