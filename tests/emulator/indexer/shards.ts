// The shards of one search or count: the request's input, which shards fail (an index whose mapping cannot
// run the query or sort, or failures injected by a fault switch), the `_shards` section, the answer when every
// shard failed, and the count itself.
import type { ClusterConfig } from './cluster';
import { allShardsFailed, type Cause, fail, NODE_ID, type Reply, ReplyError, type ShardFailure } from './errors';
import type { Pit, PitShard } from './pit';
import { type Predicate, QueryCompiler, ShardQueryError } from './query';
import { ShardSortError } from './sort';
import type { DocVersion, IndexState } from './store';

export interface ShardFailureInjection {
  /** how many of the request's shards fail (the first ones, in index order) */
  failed: number;
  reason: Cause;
}

export interface SearchInput {
  body: Record<string, unknown>;
  params: URLSearchParams;
  /** the indices searched and, per index, the documents a search sees (live ones, or a PIT's snapshot) */
  targets: { index: IndexState; docs: DocVersion[] }[];
  shards: PitShard[];
  pit: Pit | null;
  config: ClusterConfig;
  now: number;
  injected: ShardFailureInjection | null;
  /** varies the order of tied hits between requests when config.tieOrder is 'shuffled' */
  requestNumber: number;
}

const SEARCH_KEYS = new Set([
  'query',
  'size',
  'from',
  'sort',
  'search_after',
  '_source',
  'track_total_hits',
  'pit',
  'timeout',
  'track_scores',
  'version',
  'seq_no_primary_term',
]);

const COUNT_KEYS = new Set(['query']);

export function checkBodyKeys(body: Record<string, unknown>, count: boolean): void {
  const allowed = count ? COUNT_KEYS : SEARCH_KEYS;
  for (const [k, v] of Object.entries(body)) {
    if (allowed.has(k)) continue;
    if (
      [
        'aggs',
        'aggregations',
        'stored_fields',
        'explain',
        'terminate_after',
        'min_score',
        'collapse',
        'highlight',
      ].includes(k)
    ) {
      fail(400, 'parsing_exception', `test server: [${k}] is not emulated`);
    }
    if (count) fail(400, 'parsing_exception', `request does not support [${k}]`);
    const token =
      v !== null && typeof v === 'object' ? (Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT') : 'VALUE_STRING';
    fail(400, 'parsing_exception', `Unknown key for a ${token} in [${k}].`);
  }
}

const STATUS_OF: Record<string, number> = {
  query_shard_exception: 400,
  illegal_argument_exception: 400,
  search_exception: 500,
  search_context_missing_exception: 404,
};

export interface Plan {
  predicates: Map<string, Predicate>;
  failures: ShardFailure[];
  failedShards: Set<string>;
}

export const shardKey = (index: string, shard: number) => `${index}#${shard}`;

/** Compiles the query and checks the sort per index; indices that cannot run them fail their shards. */
export function plan(input: SearchInput, sortCheck: (index: IndexState) => void): Plan {
  const predicates = new Map<string, Predicate>();
  const failures: ShardFailure[] = [];
  const failedShards = new Set<string>();
  const failIndex = (index: IndexState, reason: Cause) => {
    for (const s of input.shards.filter((x) => x.index === index)) {
      failures.push({ shard: s.shard, index: index.name, node: NODE_ID, reason });
      failedShards.add(shardKey(index.name, s.shard));
    }
  };
  for (const { index } of input.targets) {
    try {
      sortCheck(index);
      predicates.set(index.name, new QueryCompiler(index, input.now).compile(input.body.query));
    } catch (e) {
      if (e instanceof ShardQueryError || e instanceof ShardSortError) failIndex(index, e.cause);
      else throw e;
    }
  }
  if (input.injected) {
    let left = input.injected.failed;
    for (const s of input.shards) {
      if (left <= 0) break;
      if (failedShards.has(shardKey(s.index.name, s.shard))) continue;
      failures.push({ shard: s.shard, index: s.index.name, node: NODE_ID, reason: input.injected.reason });
      failedShards.add(shardKey(s.index.name, s.shard));
      left -= 1;
    }
  }
  return { predicates, failures, failedShards };
}

export function shardsSection(input: SearchInput, p: Plan): Record<string, unknown> {
  const total = input.shards.length;
  const failed = p.failedShards.size;
  return {
    total,
    successful: total - failed,
    skipped: 0,
    failed,
    ...(p.failures.length > 0 ? { failures: p.failures } : {}),
  };
}

export function throwIfAllFailed(input: SearchInput, p: Plan): void {
  if (input.shards.length === 0 || p.failedShards.size < input.shards.length) return;
  const status = Math.max(...p.failures.map((f) => STATUS_OF[f.reason.type] ?? 503));
  throw new ReplyError(allShardsFailed(status, p.failures));
}

export function executeCount(input: SearchInput): Reply {
  checkBodyKeys(input.body, true);
  new QueryCompiler(null, input.now).compile(input.body.query);
  const p = plan(input, () => {});
  throwIfAllFailed(input, p);
  let count = 0;
  for (const { index, docs } of input.targets) {
    const pred = p.predicates.get(index.name);
    if (!pred) continue;
    for (const d of docs) if (!p.failedShards.has(shardKey(index.name, d.shard)) && pred(d)) count++;
  }
  return { status: 200, body: { count, _shards: shardsSection(input, p) } };
}
