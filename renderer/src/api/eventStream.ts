// Server-Sent Events from /api/events, shared by every subscriber. The browser's EventSource retries by itself
// after a network error; when the server closes the stream for good (an HTTP error) we open a new one with a
// growing delay. When the stream opens the first time, and each time it comes back after a loss, the connection's
// epoch grows, so views refetch whatever may have happened while it was not open.
import type { ApiEvent } from '../../../shared/contract';
import type { MutableConnection } from './connection';
import { checkEvent } from './devValidate';

const EVENT_TYPES = ['alerts', 'verdict', 'stats', 'source', 'backfill', 'reanalyse', 'open-file'] as const;
// every ApiEvent type is listened to: this line fails to compile when the contract gains one
const _allTypes: Exclude<ApiEvent['type'], (typeof EVENT_TYPES)[number]> extends never ? true : never = true;
void _allTypes;

export interface EventStream {
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

const MAX_DELAY_MS = 30_000;

export function createEventStream(url: string, connection: MutableConnection): EventStream {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;
  let everOpened = false;
  let lost = false;
  let delay = 1000;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const dispatch = (type: string, data: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      console.warn(`[fim-verdict] event ${type} is not JSON`);
      return;
    }
    const body = parsed as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') return;
    const event = (body.type === type || type === 'message' ? body : { ...body, type }) as ApiEvent;
    if (typeof event.type !== 'string') return;
    checkEvent(event);
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[fim-verdict] event listener failed', error);
      }
    }
  };

  const open = () => {
    retryTimer = undefined;
    const es = new EventSource(url);
    source = es;
    for (const type of EVENT_TYPES) es.addEventListener(type, (e) => dispatch(type, (e as MessageEvent<string>).data));
    es.addEventListener('message', (e) => dispatch('message', e.data));
    es.addEventListener('open', () => {
      delay = 1000;
      // Events sent before this moment never reached us: after a loss, and also at the first open, since views may
      // have read their data before the stream was open (a slow start). Either way they read it again.
      const epoch = connection.get().epoch + (lost || !everOpened ? 1 : 0);
      everOpened = true;
      lost = false;
      connection.set({ state: 'open', epoch, lostAt: null });
    });
    es.addEventListener('error', () => {
      if (!lost) connection.set({ state: 'reconnecting', lostAt: Date.now() });
      lost = true;
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        if (source === es) source = null;
        retryTimer = setTimeout(open, delay);
        delay = Math.min(MAX_DELAY_MS, delay * 2);
      }
    });
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!source && retryTimer === undefined) open();
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
