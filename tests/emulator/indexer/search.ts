// One search (or count) over a set of shards: body validation, the result window, sort + search_after, shard
// failures (a query or sort an index cannot run, or failures injected by a fault switch: those shards' hits
// are missing and `_shards.failed` says so), total hits, `_source` filtering and the answer's shape.
import { supportsShardDoc } from './cluster';
import { allShardsFailed, type Cause, fail, NODE_ID, type Reply, ReplyError, validationFailed } from './errors';
import { checkBodyKeys, plan, type SearchInput, shardKey, shardsSection, throwIfAllFailed } from './shards';
import { QueryCompiler } from './query';
import {
  checkSort,
  compareKeys,
  parseSort,
  searchAfterKeys,
  ShardSortError,
  type SortedHit,
  sortKeys,
  sortValuesOut,
} from './sort';
import { filterSource, parseSourceFilter } from './source';
import type { DocVersion } from './store';

function intParam(body: unknown, param: string | null, name: string, fallback: number): number {
  const v = body ?? (param === null ? undefined : Number(param));
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(400, 'parsing_exception', `[${name}] must be an integer`);
  return v;
}

function hashTie(seq: number, salt: number): number {
  let h = (seq ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function executeSearch(input: SearchInput): Reply {
  const started = Date.now();
  const { body, params, config } = input;
  checkBodyKeys(body, false);
  const size = intParam(body.size, params.get('size'), 'size', 10);
  const from = intParam(body.from, params.get('from'), 'from', 0);
  if (size < 0) fail(400, 'illegal_argument_exception', `[size] parameter cannot be negative, found [${size}]`);
  if (from < 0) fail(400, 'illegal_argument_exception', '[from] parameter cannot be negative');
  const sort = parseSort(body.sort ?? params.get('sort') ?? undefined);
  const after = body.search_after;
  if (after !== undefined && !Array.isArray(after)) fail(400, 'parsing_exception', '[search_after] must be an array');

  const shardDocs = sort.filter((s) => s.field === '_shard_doc').length;
  if (shardDocs > 0 && supportsShardDoc(config)) {
    const problems: string[] = [];
    if (!input.pit)
      problems.push('_shard_doc is only supported with point-in-time (PIT). Add a PIT or remove _shard_doc.');
    if (shardDocs > 1) problems.push('duplicate _shard_doc sort detected. Specify it at most once.');
    if (problems.length) validationFailed(problems);
  }
  new QueryCompiler(null, input.now).compile(body.query);

  const everyShard = (reason: Cause, status: number): never => {
    const failures = input.shards.map((s) => ({ shard: s.shard, index: s.index.name, node: NODE_ID, reason }));
    throw new ReplyError(allShardsFailed(status, failures));
  };
  if (input.shards.length > 0) {
    if (from + size > config.maxResultWindow) {
      everyShard(
        {
          type: 'illegal_argument_exception',
          reason:
            `Result window is too large, from + size must be less than or equal to: [${config.maxResultWindow}] ` +
            `but was [${from + size}]. See the scroll api for a more efficient way to request large data sets. ` +
            'This limit can be set by changing the [index.max_result_window] index level setting.',
        },
        400,
      );
    }
    if (after !== undefined) {
      if (from > 0)
        everyShard(
          { type: 'search_exception', reason: '`from` parameter must be set to 0 when `search_after` is used.' },
          500,
        );
      if (sort.length === 0)
        everyShard({ type: 'illegal_argument_exception', reason: 'Sort must contain at least one field.' }, 400);
      if ((after as unknown[]).length !== sort.length) {
        everyShard(
          {
            type: 'illegal_argument_exception',
            reason: `search_after has ${(after as unknown[]).length} value(s) but sort has ${sort.length}.`,
          },
          400,
        );
      }
    }
  }

  const ordinals = new Map(input.shards.map((s, i) => [shardKey(s.index.name, s.shard), i]));
  const ordinalOf = (d: DocVersion) => ordinals.get(shardKey(d.index, d.shard)) ?? 0;
  const shardDocUnmapped = shardDocs > 0 && !supportsShardDoc(config);
  const p = plan(input, (index) => {
    if (shardDocUnmapped) {
      throw new ShardSortError({
        type: 'query_shard_exception',
        reason: 'No mapping found for [_shard_doc] in order to sort on',
        index: index.name,
        index_uuid: index.uuid,
      });
    }
    checkSort(sort, index);
    if (after !== undefined) searchAfterKeys(after as unknown[], sort, index, input.now);
  });
  throwIfAllFailed(input, p);

  const cacheKey = JSON.stringify([body.query ?? null, sort, [...p.failedShards].sort()]);
  let sorted = input.pit?.cache.get(cacheKey) as SortedHit[] | undefined;
  if (!sorted) {
    sorted = [];
    for (const { index, docs } of input.targets) {
      const pred = p.predicates.get(index.name);
      if (!pred) continue;
      const ctx = { index, shardOrdinal: ordinalOf, now: input.now };
      for (const d of docs) {
        if (p.failedShards.has(shardKey(index.name, d.shard)) || !pred(d)) continue;
        sorted.push({ doc: d, keys: sortKeys(sort, d, ctx), shardOrdinal: ordinalOf(d) });
      }
    }
    const salt = config.tieOrder === 'shuffled' && !input.pit ? input.requestNumber : null;
    sorted.sort(
      (a, b) =>
        compareKeys(a.keys, b.keys, sort) ||
        (salt === null
          ? a.shardOrdinal - b.shardOrdinal || a.doc.seq - b.doc.seq
          : hashTie(a.doc.seq, salt) - hashTie(b.doc.seq, salt)),
    );
    input.pit?.cache.set(cacheKey, sorted);
  }

  let start = from;
  if (after !== undefined && sorted.length > 0) {
    const firstIndex = input.targets.find((t) => p.predicates.has(t.index.name))?.index;
    const afterKeys = firstIndex ? searchAfterKeys(after as unknown[], sort, firstIndex, input.now) : [];
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(sorted[mid].keys, afterKeys, sort) > 0) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const page = sorted.slice(start, start + size);
  const total = sorted.length;
  const sourceFilter = parseSourceFilter(body._source, params);
  const indexOf = new Map(input.targets.map((t) => [t.index.name, t.index]));
  const scored = sort.length === 0 || body.track_scores === true;
  const hits = page.map((h) => {
    const source = filterSource(h.doc.source, sourceFilter);
    return {
      _index: h.doc.index,
      _id: h.doc.id,
      ...(body.version === true ? { _version: 1 } : {}),
      ...(body.seq_no_primary_term === true ? { _seq_no: h.doc.seq - 1, _primary_term: 1 } : {}),
      _score: scored ? 1.0 : null,
      ...(source !== undefined ? { _source: source } : {}),
      ...(sort.length > 0 ? { sort: sortValuesOut(h.keys, sort, indexOf.get(h.doc.index)!) } : {}),
    };
  });

  const track = body.track_total_hits ?? (params.has('track_total_hits') ? params.get('track_total_hits') : undefined);
  let totalSection: unknown;
  const asInt = params.get('rest_total_hits_as_int') === 'true';
  if (track === false || track === 'false') totalSection = undefined;
  else {
    const limit = track === true || track === 'true' || asInt ? Infinity : track === undefined ? 10_000 : Number(track);
    totalSection = asInt ? total : total > limit ? { value: limit, relation: 'gte' } : { value: total, relation: 'eq' };
  }
  return {
    status: 200,
    body: {
      ...(input.pit ? { pit_id: input.pit.id } : {}),
      took: Date.now() - started,
      timed_out: false,
      _shards: shardsSection(input, p),
      hits: {
        ...(totalSection !== undefined ? { total: totalSection } : {}),
        max_score: scored && hits.length > 0 ? 1.0 : null,
        hits,
      },
    },
  };
}
