// Points in time: a frozen view of the searchable documents of some indices at creation, kept alive by
// keep_alive (extended by each search that names one), closed by DELETE or expiry. A search on an expired or
// unknown PIT fails with 404 search_context_missing_exception, as OpenSearch's does. Ids are URL-safe base64
// with padding, like OpenSearch's.
import { randomBytes } from 'node:crypto';
import { describeMillis, parseTimeValue, DateParseError } from './dates';
import { allShardsFailed, fail, ReplyError } from './errors';
import type { DocVersion, IndexState, IndexStore } from './store';

export interface PitShard {
  index: IndexState;
  shard: number;
}

export interface Pit {
  id: string;
  /** a number OpenSearch would print in "No search context found for id [N]" */
  contextId: number;
  indices: IndexState[];
  shards: PitShard[];
  /** per index, the documents searchable at creation */
  snapshot: Map<string, DocVersion[]>;
  creationTime: number;
  keepAliveMs: number;
  expiresAt: number;
  /** sorted-hit caches for repeated page requests on this PIT */
  cache: Map<string, unknown>;
}

const MAX_KEEP_ALIVE_MS = 86_400_000;

export function keepAliveOf(text: string | null | undefined): number {
  if (!text) fail(400, 'action_request_validation_exception', 'Validation Failed: 1: keep alive not specified;');
  let ms: number;
  try {
    ms = parseTimeValue(text, 'keep_alive');
  } catch (e) {
    if (e instanceof DateParseError) fail(400, 'illegal_argument_exception', e.message);
    throw e;
  }
  if (ms > MAX_KEEP_ALIVE_MS) {
    fail(
      400,
      'illegal_argument_exception',
      `Keep alive for request (${describeMillis(ms)}) is too large. It must be less than (${describeMillis(MAX_KEEP_ALIVE_MS)}). ` +
        'This limit can be set by changing the [point_in_time.max_keep_alive] cluster level setting.',
    );
  }
  return ms;
}

export class PitRegistry {
  private readonly pits = new Map<string, Pit>();
  private counter = 0;

  constructor(
    private readonly store: IndexStore,
    private readonly now: () => number,
    private readonly maxOpen: number,
  ) {}

  /** Open points in time (expired ones dropped). */
  open(): Pit[] {
    this.sweep();
    return [...this.pits.values()];
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, pit] of this.pits) if (pit.expiresAt <= now) this.pits.delete(id);
  }

  create(indices: IndexState[], keepAliveMs: number): Pit {
    this.sweep();
    if (this.pits.size >= this.maxOpen) {
      fail(
        429,
        'rejected_execution_exception',
        `Trying to create too many Point In Time contexts. Must be less than or equal to: [${this.maxOpen}]. ` +
          'This limit can be set by changing the [search.max_open_pit_context] setting.',
      );
    }
    const now = this.now();
    this.counter += 1;
    const header = randomBytes(6);
    const names = Buffer.from(indices.map((i) => `${i.name}\u0016${i.uuid}`).join('\u0000'));
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const id = Buffer.concat([header, counter, names]).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    const shards = indices.flatMap((index) => Array.from({ length: index.shards }, (_, shard) => ({ index, shard })));
    const pit: Pit = {
      id,
      contextId: this.counter,
      indices,
      shards,
      snapshot: new Map(indices.map((i) => [i.name, this.store.live(i, now)])),
      creationTime: now,
      keepAliveMs,
      expiresAt: now + keepAliveMs,
      cache: new Map(),
    };
    this.pits.set(id, pit);
    return pit;
  }

  /** The PIT for a search (its keep_alive extended), or 404 search_context_missing_exception. */
  use(id: unknown, keepAlive: string | undefined): Pit {
    if (typeof id !== 'string' || id === '') fail(400, 'parsing_exception', '[pit] failed to parse field [id]');
    this.sweep();
    const pit = this.pits.get(id);
    if (!pit) {
      const reason = `No search context found for id [${this.counter + 1}]`;
      throw new ReplyError(
        allShardsFailed(404, [
          { shard: -1, index: null, node: null, reason: { type: 'search_context_missing_exception', reason } },
        ]),
      );
    }
    if (keepAlive !== undefined) {
      const ms = keepAliveOf(keepAlive);
      pit.keepAliveMs = ms;
      pit.expiresAt = this.now() + ms;
    }
    return pit;
  }

  delete(ids: string[]): { successful: boolean; pit_id: string }[] {
    this.sweep();
    return ids.map((id) => ({ successful: this.pits.delete(id), pit_id: id }));
  }

  deleteAll(): { successful: boolean; pit_id: string }[] {
    this.sweep();
    const ids = [...this.pits.keys()];
    this.pits.clear();
    return ids.map((id) => ({ successful: true, pit_id: id }));
  }

  /** Ends every open PIT now, as a node restart or keep_alive expiry would. */
  expireAll(): number {
    const n = this.pits.size;
    this.pits.clear();
    return n;
  }
}
