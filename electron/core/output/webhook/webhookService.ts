// The outgoing webhook: each file that turns malicious is announced once (per change: malicious, clean, malicious
// again is two), by a delivery row written first (webhookStore.ts) and sent in the background, one at a time,
// retried with backoff, never blocking the engine. Every delivery and failure is in Diagnostics. It hears the
// engine's 'verdict' events as an observer (events/eventHub.ts observe); triage changes come through triageChanged()
// from the triage service, sent only when the webhookTriage setting says so (each change is one delivery). The URL is a destination the HTTP API cannot set (settings/destinations.ts), and it
// is checked again before each send: http(s) only, credentials only over https, redirects never followed.
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { ApiEvent } from '../../../../shared/contract';
import { webhookUrlProblem, type Settings } from '../../../../shared/settings';
import { backoffDelay, type BackoffPolicy } from '../../base/backoff';
import type { Clock, Logger } from '../../base/runtime';
import type { Db } from '../../db/database';
import { WebhookStore, type DeliveryRow } from '../../store/webhookStore';
import { webhookBody, type WebhookEvent } from './payload';
import { webhookRequest, type SendOutcome } from './request';

/** 5 s, 10 s, 20 s ... up to 15 minutes between tries; after MAX_ATTEMPTS the delivery is marked failed. */
export const WEBHOOK_RETRY: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };
export const MAX_ATTEMPTS = 10;
/** one deadline over the whole exchange */
export const WEBHOOK_TIMEOUT_MS = 10_000;

type VerdictEvent = Extract<ApiEvent, { type: 'verdict' }>;

export interface WebhookDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  settings: { current(): Pick<Settings, 'webhookUrl' | 'webhookFormat' | 'webhookTriage'> };
  /** what VirusTotal's answer says of a file, for the counts apart and the threat label (null: nothing stored) */
  details(sha256: string): { suspicious: number; threatLabel: string | null } | null;
  /** the file a hash names (its id is the key of "told once per change") */
  fileIdOf(hash: string): number | null;
  fetch?: typeof fetch;
  retry?: BackoffPolicy;
  version: string;
}

export interface TriageChange {
  fileId: number;
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  path: string | null;
  state: string;
  previousState: string | null;
  note: string | null;
  by: string | null;
  verdict: WebhookEvent['verdict'];
}

export class WebhookService {
  readonly store: WebhookStore;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  /** the exchange in flight, aborted when the engine stops (it must not hold the stop for its 10 s) */
  private inFlight: AbortController | null = null;
  private stopped = false;
  private readonly agent: EnvHttpProxyAgent | null;
  private readonly doFetch: typeof fetch;

  constructor(private readonly d: WebhookDeps) {
    this.store = new WebhookStore(d.db);
    if (d.fetch) {
      this.agent = null;
      this.doFetch = d.fetch;
    } else {
      const agent = new EnvHttpProxyAgent();
      this.agent = agent;
      this.doFetch = ((url: string, init: RequestInit) =>
        undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
    }
  }

  /** Is a URL set (by the settings or --webhook)? Nothing is queued while none is. */
  configured(): boolean {
    return this.d.settings.current().webhookUrl !== null;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    await this.sending;
    await this.agent?.close();
  }

  /** An engine event: a verdict that turns a file malicious is queued once per change. */
  readonly onEvent = (event: ApiEvent): void => {
    if (event.type !== 'verdict' || !this.configured()) return;
    try {
      this.verdictChanged(event);
    } catch (error) {
      this.d.log.warn(`[webhook] cannot queue a delivery: ${(error as Error).message}`);
    }
  };

  private verdictChanged(event: VerdictEvent): void {
    const hash = event.sha256 ?? event.sha1 ?? event.md5;
    const state = event.verdict.state;
    // pending and error are not answers: they neither announce nor forget a malicious state
    if (!hash || state === 'pending' || state === 'error' || state === 'skipped') return;
    const fileId = this.d.fileIdOf(hash);
    if (fileId === null) return;
    const queued = this.store.fileState(fileId, state, event.previousState, () => ({
      kind: 'malicious',
      sha256: event.sha256,
      event: JSON.stringify(this.maliciousEvent(event)),
      at: this.d.clock.now(),
    }));
    if (queued) this.wake();
  }

  private maliciousEvent(e: VerdictEvent): WebhookEvent {
    const details = e.sha256 ? this.d.details(e.sha256) : null;
    return {
      event: 'file.malicious',
      at: new Date(this.d.clock.now()).toISOString(),
      file: { sha256: e.sha256, sha1: e.sha1, md5: e.md5, path: e.path },
      verdict: {
        state: e.verdict.state,
        previousState: e.previousState,
        malicious: e.verdict.positives,
        suspicious: details ? details.suspicious : null,
        engines: e.verdict.total,
        threatLabel: details?.threatLabel ?? null,
        permalink: e.verdict.permalink,
        origin: e.verdict.origin,
        checkedAt: e.verdict.checkedAt,
      },
    };
  }

  /** Are triage changes sent (a URL set, and the webhookTriage setting on)? */
  wantsTriageChanges(): boolean {
    return this.configured() && this.d.settings.current().webhookTriage;
  }

  /** A triage change (TriageService calls this): sent as 'file.triage' when a URL is set and webhookTriage is on. */
  triageChanged(change: TriageChange): void {
    if (!this.wantsTriageChanges()) return;
    const details = change.sha256 ? this.d.details(change.sha256) : null;
    const event: WebhookEvent = {
      event: 'file.triage',
      at: new Date(this.d.clock.now()).toISOString(),
      file: { sha256: change.sha256, sha1: change.sha1, md5: change.md5, path: change.path },
      verdict: {
        ...change.verdict,
        suspicious: change.verdict.suspicious ?? details?.suspicious ?? null,
        threatLabel: change.verdict.threatLabel ?? details?.threatLabel ?? null,
      },
      triage: { state: change.state, previousState: change.previousState, note: change.note, by: change.by },
    };
    this.store.insert({
      kind: 'triage',
      fileId: change.fileId,
      sha256: change.sha256,
      event: JSON.stringify(event),
      at: this.d.clock.now(),
    });
    this.wake();
  }

  /** Send what is due now, then sleep until the next one is due. */
  wake(): void {
    if (this.stopped || this.sending) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const url = this.d.settings.current().webhookUrl;
    if (url === null) return; // pending deliveries wait for a URL
    const now = this.d.clock.now();
    const due = this.store.due(now);
    if (!due) {
      const next = this.store.nextDue();
      if (next !== null) this.timer = setTimeout(() => this.wake(), Math.min(Math.max(0, next - now), 2 ** 31 - 1));
      return;
    }
    this.sending = this.send(due, url).finally(() => {
      this.sending = null;
      this.wake();
    });
  }

  private async send(row: DeliveryRow, url: string): Promise<void> {
    const { webhookFormat } = this.d.settings.current();
    const attempt = row.attempts + 1;
    const problem = webhookUrlProblem(url);
    let event: WebhookEvent;
    try {
      event = JSON.parse(row.event) as WebhookEvent;
    } catch {
      return this.finish(row, attempt, {
        ok: false,
        permanent: true,
        status: null,
        error: 'the stored event is damaged',
      });
    }
    if (problem) return this.finish(row, attempt, { ok: false, permanent: true, status: null, error: problem });
    const body = webhookBody(event, row.id, webhookFormat);
    const inFlight = (this.inFlight = new AbortController());
    const outcome = await webhookRequest(this.doFetch, url, {
      ...body,
      headers: {
        'user-agent': `FIM-Verdict/${this.d.version}`,
        'x-fim-verdict-event': event.event,
        'x-fim-verdict-delivery': String(row.id),
      },
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      signal: inFlight.signal,
    });
    this.inFlight = null;
    // cut short by the stop: not a try; the next run sends it again (the same delivery id lets a receiver drop a repeat)
    if (this.stopped) return;
    return this.finish(row, attempt, outcome);
  }

  private finish(row: DeliveryRow, attempt: number, outcome: SendOutcome): void {
    const at = this.d.clock.now();
    if (outcome.ok) {
      this.store.attempted({
        id: row.id,
        at,
        status: 'delivered',
        nextAttemptAt: at,
        httpStatus: outcome.status,
        error: null,
      });
      return;
    }
    const giveUp = outcome.permanent || attempt >= MAX_ATTEMPTS;
    const delay = Math.max(backoffDelay(attempt, this.d.retry ?? WEBHOOK_RETRY), outcome.retryAfterMs ?? 0);
    const error = giveUp && !outcome.permanent ? `${outcome.error} (gave up after ${attempt} tries)` : outcome.error;
    this.store.attempted({
      id: row.id,
      at,
      status: giveUp ? 'failed' : 'pending',
      nextAttemptAt: giveUp ? at : at + Math.min(delay, 3_600_000),
      httpStatus: outcome.status,
      error,
    });
    this.d.log.warn(`[webhook] delivery ${row.id} ${giveUp ? 'failed' : 'will be retried'}: ${error}`);
  }

  /** Diagnostics: where it posts (the address without its path: a Slack URL's path is its secret), the counts, the last ones. */
  diagnostics() {
    const { webhookUrl, webhookFormat } = this.d.settings.current();
    let target: string | null = null;
    if (webhookUrl) {
      try {
        target = new URL(webhookUrl).origin;
      } catch {
        target = null;
      }
    }
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      configured: webhookUrl !== null,
      target,
      format: webhookFormat,
      ...this.store.counts(),
      recent: this.store.recent(50).map((r) => ({
        id: r.id,
        kind: r.kind,
        sha256: r.sha256,
        createdAt: iso(r.createdAt)!,
        status: r.status,
        attempts: r.attempts,
        lastAttemptAt: iso(r.lastAttemptAt),
        httpStatus: r.lastStatus,
        error: r.lastError,
        deliveredAt: iso(r.deliveredAt),
        nextAttemptAt: r.status === 'pending' ? iso(r.nextAttemptAt) : null,
      })),
    };
  }
}
