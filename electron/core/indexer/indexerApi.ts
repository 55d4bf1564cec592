// The few indexer calls the source makes, over the official client, with typed answers and typed errors
// (IndexerError). The answers are checked for the shape we rely on: an indexer (or whatever answers on its port)
// is not trusted to send what it should.
import type { Client } from '@opensearch-project/opensearch';
import { isObject } from '../wazuh/coerce';
import { createIndexerClient, DEFAULT_REQUEST_TIMEOUT_MS, type IndexerConnection } from './connection';
import { IndexerError, toIndexerError } from './errors';

export interface ShardCount {
  total: number;
  successful: number;
  failed: number;
}

export interface RawHit {
  _id: string;
  _index: string;
  _source: unknown;
  sort: unknown[];
}

export interface SearchAnswer {
  hits: RawHit[];
  shards: ShardCount;
  /** hits.total when asked for (track_total_hits), else null */
  total: number | null;
  /** a PIT search's (possibly new) id */
  pitId: string | null;
}

export interface IndexerInfo {
  /** version.number as GET / says it (7.10.2 on a Wazuh 4.x indexer) */
  number: string | null;
  /** "opensearch" when the indexer tells the truth about its version; null on Wazuh 4.x (override setting) */
  distribution: string | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function shardsOf(body: unknown): ShardCount {
  const s = isObject(body) ? body._shards : undefined;
  if (!isObject(s)) return { total: 0, successful: 0, failed: 0 };
  return { total: num(s.total), successful: num(s.successful), failed: num(s.failed) };
}

function badAnswer(what: string): IndexerError {
  return new IndexerError('bad-answer', `the indexer's answer is not a search answer: ${what}`);
}

function searchAnswer(body: unknown): SearchAnswer {
  if (!isObject(body) || !isObject(body.hits)) throw badAnswer('no hits');
  const hits = body.hits.hits;
  if (!Array.isArray(hits)) throw badAnswer('hits.hits is not a list');
  for (const h of hits) if (!isObject(h) || !Array.isArray(h.sort)) throw badAnswer('a hit without sort values');
  const total = body.hits.total;
  return {
    hits: hits as RawHit[],
    shards: shardsOf(body),
    total: typeof total === 'number' ? total : isObject(total) && typeof total.value === 'number' ? total.value : null,
    pitId: typeof body.pit_id === 'string' ? body.pit_id : null,
  };
}

/** A client call in flight: the official client's promise can be aborted. */
type ClientCall = Promise<{ body: unknown }> & { abort?(): unknown };

export class IndexerApi {
  private readonly inFlight = new Set<ClientCall>();

  constructor(
    readonly client: Client,
    readonly timeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  static connect(conn: IndexerConnection): IndexerApi {
    return new IndexerApi(createIndexerClient(conn), conn.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  }

  private async call<T>(index: string, run: () => Promise<{ body: unknown }>, read: (b: unknown) => T): Promise<T> {
    let body: unknown;
    let call: ClientCall | null = null;
    try {
      call = run() as ClientCall;
      this.inFlight.add(call);
      body = (await call).body;
    } catch (e) {
      throw toIndexerError(e, { index, timeoutMs: this.timeoutMs });
    } finally {
      if (call) this.inFlight.delete(call);
    }
    return read(body);
  }

  /** Ends every request in flight now (a source that stops does not wait for its request's timeout). */
  abortAll(): void {
    for (const call of this.inFlight) call.abort?.();
    this.inFlight.clear();
  }

  info(): Promise<IndexerInfo> {
    return this.call(
      "the cluster's information",
      () => this.client.info(),
      (b) => {
        const v = isObject(b) && isObject(b.version) ? b.version : {};
        return {
          number: typeof v.number === 'string' ? v.number : null,
          distribution: typeof v.distribution === 'string' ? v.distribution : null,
        };
      },
    );
  }

  count(index: string, query: unknown): Promise<{ count: number; shards: ShardCount }> {
    return this.call(
      index,
      () => this.client.count({ index, body: { query } as never }),
      (b) => {
        if (!isObject(b) || typeof b.count !== 'number') throw badAnswer('no count');
        return { count: b.count, shards: shardsOf(b) };
      },
    );
  }

  search(index: string, body: Record<string, unknown>): Promise<SearchAnswer> {
    return this.call(index, () => this.client.search({ index, body: body as never }), searchAnswer);
  }

  /** A search in a point in time (no index in the path: the PIT names them). */
  pitSearch(index: string, body: Record<string, unknown>): Promise<SearchAnswer> {
    return this.call(index, () => this.client.search({ body: body as never }), searchAnswer);
  }

  openPit(index: string, keepAlive: string): Promise<string> {
    return this.call(
      index,
      () => this.client.createPit({ index: [index], keep_alive: keepAlive }),
      (b) => {
        if (!isObject(b) || typeof b.pit_id !== 'string') throw badAnswer('no pit_id');
        return b.pit_id;
      },
    );
  }

  /** Closes a point in time; a failure is ignored (it expires by itself after its keep-alive). */
  async closePit(id: string): Promise<void> {
    try {
      await this.client.deletePit({ body: { pit_id: [id] } });
    } catch {
      // expired already, or the indexer is away: keep_alive ends it
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
