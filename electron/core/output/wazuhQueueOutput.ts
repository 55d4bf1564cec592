// Verdicts back into Wazuh 5 (--wazuh-socket, or the wazuhSocket setting): each alert whose file's verdict is known becomes one event line in
// the outbox (store/wazuhQueueStore.ts, in SQLite: nothing waits in memory only), and errors one line per episode;
// a sender posts the pending lines in their order to the queue-http socket (queueHttp.ts), one agent per batch. A
// socket that is away is retried with a growing delay, and nothing is dropped meanwhile; a batch Wazuh refuses
// (400) is split until the one refused event is found, which is set aside with Wazuh's message, shown in the stats.
// The socket can be set, changed or removed while the engine runs (setSocket): what waits in the outbox stays there
// and goes to the socket in force; with none, nothing new is queued and nothing is sent.
import type { WazuhQueueStatus } from '../../../shared/contract';
import { backoffDelay, type BackoffPolicy } from '../base/backoff';
import type { Clock, Logger } from '../base/runtime';
import type { Db } from '../db/database';
import { WazuhQueueStore, type OutboxRow } from '../store/wazuhQueueStore';
import type { VirusTotalRecord } from './integrationLog';
import { nextStep, postEnriched } from './queueHttp';
import { eventLine, headerLine, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, queueRecord } from './wazuhQueue';

const RETRY: BackoffPolicy = { baseMs: 2_000, maxMs: 300_000 };
const AGENT_ID = /^[0-9]+$/;

/** The longest run of rows from the start that share one agent and fit one batch. */
function firstBatch(rows: readonly OutboxRow[]): OutboxRow[] {
  const first = rows[0];
  const out: OutboxRow[] = [];
  let bytes = Buffer.byteLength(headerLine({ id: first.agentId, name: first.agentName }));
  for (const r of rows) {
    if (r.agentId !== first.agentId || out.length >= MAX_BATCH_EVENTS) break;
    const size = Buffer.byteLength(r.line);
    if (out.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    out.push(r);
    bytes += size;
  }
  return out;
}

const bodyOf = (rows: readonly OutboxRow[]) =>
  headerLine({ id: rows[0].agentId, name: rows[0].agentName }) + rows.map((r) => r.line).join('');

export class WazuhQueueOutput {
  private readonly store: WazuhQueueStore;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> | null = null;
  private stopped = false;
  private attempt = 0;
  private state: WazuhQueueStatus['state'] = 'idle';
  private message = 'nothing to send';
  private lastErrorKey = '';
  private socketPath: string | null;
  private started = false;

  constructor(private readonly d: { db: Db; socketPath: string | null; clock: Clock; log: Logger; onChange(): void }) {
    this.store = new WazuhQueueStore(d.db);
    this.socketPath = d.socketPath;
  }

  start(): void {
    this.started = true;
    this.wake();
  }

  /**
   * Post to another socket from now on, or to none (null: off). A retry waiting for the old socket is dropped and
   * the new one is tried at once; a batch already on its way to the old one ends there first.
   */
  setSocket(socketPath: string | null): void {
    if (socketPath === this.socketPath) return;
    this.socketPath = socketPath;
    this.attempt = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state = 'idle';
    this.message = 'nothing to send';
    this.d.onChange();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sending;
  }

  /** The alerts of this file whose verdict is known, into the outbox (those without one wait for it). */
  fileReady(fileId: number): void {
    if (!this.socketPath) return; // off: queued with the file's next alert or verdict once a socket is set
    const file = this.store.fileHashes(fileId);
    if (!file) return;
    for (;;) {
      const alerts = this.store.notQueued(fileId);
      const entries = [];
      for (const alert of alerts) {
        const record = queueRecord({ alert, file });
        if (!record) return this.flushEntries(entries); // no answer yet: the rest wait with it
        const id = alert.agent.id ?? '';
        // an agent id Wazuh 5 refuses (not digits) goes as the manager's, with the agent in the record
        const agentId = AGENT_ID.test(id) ? id : '000';
        entries.push({
          alertId: alert.id,
          agentId,
          agentName: agentId === id ? alert.agent.name : null,
          line: eventLine(record),
        });
      }
      this.flushEntries(entries);
      if (alerts.length < 5000) return;
    }
  }

  private flushEntries(entries: Parameters<WazuhQueueStore['add']>[0]): void {
    if (entries.length === 0) return;
    this.lastErrorKey = ''; // verdicts flow again: the next error is news
    this.store.add(entries, this.d.clock.now());
    this.wake();
  }

  /** An error record (the integration log's), once per episode, as the manager's event. */
  error(record: VirusTotalRecord, key: string): void {
    if (!this.socketPath) return;
    if (key === this.lastErrorKey) return;
    this.lastErrorKey = key;
    this.store.add([{ alertId: null, agentId: '000', agentName: null, line: eventLine(record) }], this.d.clock.now());
    this.wake();
  }

  /** null when no socket is set */
  status(): WazuhQueueStatus | null {
    if (!this.socketPath) return null;
    const c = this.store.counts();
    return {
      socket: this.socketPath,
      state: this.state,
      message: this.message,
      pending: c.pending,
      sent: c.sent,
      setAside: c.setAside,
      lastSetAside: c.lastSetAside,
    };
  }

  private wake(): void {
    if (!this.started || this.stopped || !this.socketPath || this.sending || this.state === 'retrying') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), 0);
  }

  private run(): void {
    this.timer = null;
    this.sending = this.sendAll()
      .catch((e: unknown) => this.d.log.error(`the Wazuh queue sender failed: ${(e as Error).message}`))
      .finally(() => {
        this.sending = null;
        // the socket changed while a batch was on its way: what is left goes to the new one
        if (this.state !== 'retrying') this.wake();
      });
  }

  private set(state: WazuhQueueStatus['state'], message: string): void {
    if (state === this.state && message === this.message) return;
    this.state = state;
    this.message = message;
    this.d.onChange();
  }

  private async sendAll(): Promise<void> {
    for (let socket = this.socketPath; !this.stopped && socket && socket === this.socketPath;) {
      const rows = this.store.pending(MAX_BATCH_EVENTS);
      if (rows.length === 0) return this.set('idle', this.store.counts().sent > 0 ? 'all sent' : 'nothing to send');
      this.set('sending', `sending ${rows.length}${rows.length === MAX_BATCH_EVENTS ? '+' : ''} verdict events`);
      if (!(await this.send(socket, firstBatch(rows)))) return;
    }
  }

  /** One batch (split until Wazuh takes it, or one refused event is set aside); false: retry later. */
  private async send(socket: string, batch: OutboxRow[]): Promise<boolean> {
    const result = await postEnriched(socket, bodyOf(batch));
    if (this.stopped) return false;
    if (socket !== this.socketPath && result.kind !== 'ok') return false; // re-pointed meanwhile: tried again there
    const step = nextStep(result, batch.length);
    switch (step.action) {
      case 'done':
        this.attempt = 0;
        this.store.mark(
          batch.map((r) => r.seq),
          'sent',
        );
        this.d.onChange();
        return true;
      case 'split': {
        const half = Math.ceil(batch.length / 2);
        return (await this.send(socket, batch.slice(0, half))) && (await this.send(socket, batch.slice(half)));
      }
      case 'set-aside':
        this.store.mark([batch[0].seq], 'set-aside', step.message);
        this.d.log.warn(step.message);
        this.set('sending', step.message);
        return true;
      case 'retry': {
        this.attempt++;
        const retryAt = this.d.clock.now() + backoffDelay(this.attempt, RETRY);
        const at = new Date(retryAt).toTimeString().slice(0, 8);
        this.set('retrying', `${step.message}: retrying at ${at}`);
        this.timer = setTimeout(() => {
          this.state = 'sending';
          this.run();
        }, retryAt - this.d.clock.now());
        return false;
      }
    }
  }
}
