// The REST routes: which route a request is, the parameters OpenSearch accepts on it (an unknown one is a 400,
// as in OpenSearch), and the handlers (permissions, index resolution, PIT, search, count, catalogue).
import { catIndices, resolveIndex } from './catalog';
import { type ClusterConfig, mainResponse } from './cluster';
import { fail, forbidden, noHandler, type Reply, ReplyError, validationFailed } from './errors';
import type { IndexerRoute } from './faults';
import { keepAliveOf, type Pit, type PitRegistry, type PitShard } from './pit';
import { resolveIndices, splitExpression } from './resolve';
import { executeSearch } from './search';
import { executeCount, type ShardFailureInjection } from './shards';
import { type IndexerUser, mayRead, mayReadName } from './security';
import type { IndexState, IndexStore } from './store';

export interface RouteMatch {
  route: IndexerRoute | 'pit-list';
  /** the index expression in the path, if any */
  expression: string | null;
}

export interface HandlerContext {
  method: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
  user: IndexerUser;
  store: IndexStore;
  pits: PitRegistry;
  config: ClusterConfig;
  now: number;
  injected: ShardFailureInjection | null;
  requestNumber: number;
}

const COMMON = ['pretty', 'human', 'error_trace', 'filter_path', 'source', 'source_content_type'];
const SEARCH_PARAMS = [
  'size', 'from', 'sort', '_source', '_source_includes', '_source_excludes', 'track_total_hits',
  'rest_total_hits_as_int', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards',
  'allow_partial_search_results', 'typed_keys', 'timeout', 'request_cache', 'preference', 'routing',
  'search_type', 'batched_reduce_size', 'max_concurrent_shard_requests', 'pre_filter_shard_size',
  'ccs_minimize_roundtrips', 'track_scores', 'seq_no_primary_term', 'version', 'stored_fields',
  'docvalue_fields', 'q', 'df', 'analyzer', 'default_operator', 'lenient', 'explain', 'terminate_after',
  'scroll', 'stats', 'ignore_throttled', 'cancel_after_time_interval', 'phase_took', 'search_pipeline',
]; // prettier-ignore
const PARAMS: Record<RouteMatch['route'], string[]> = {
  info: [],
  'cat-indices': ['format', 'h', 's', 'v', 'help', 'bytes', 'health', 'pri', 'time', 'expand_wildcards', 'local', 'cluster_manager_timeout', 'master_timeout', 'include_unloaded_segments'], // prettier-ignore
  'resolve-index': ['expand_wildcards'],
  count: ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'min_score', 'preference', 'routing', 'q', 'df', 'analyzer', 'default_operator', 'lenient', 'terminate_after', 'ignore_throttled'], // prettier-ignore
  search: SEARCH_PARAMS,
  'pit-search': SEARCH_PARAMS,
  'pit-create': ['keep_alive', 'preference', 'routing', 'expand_wildcards', 'allow_partial_pit_creation'],
  'pit-delete': [],
  'pit-list': [],
};

/** Which route a method and path are; null: OpenSearch has no handler for them. */
export function matchRoute(
  method: string,
  segments: string[],
  config: ClusterConfig,
  body: unknown,
): RouteMatch | null {
  const [a, b, c] = segments;
  const n = segments.length;
  const hasPit = body !== null && typeof body === 'object' && 'pit' in (body as object);
  if (n === 0 && (method === 'GET' || method === 'HEAD')) return { route: 'info', expression: null };
  if (a === '_cat' && b === 'indices' && n <= 3 && method === 'GET')
    return { route: 'cat-indices', expression: c ?? null };
  if (a === '_resolve' && b === 'index' && n === 3 && method === 'GET')
    return { route: 'resolve-index', expression: c };
  if (config.pointInTime && a === '_search' && b === 'point_in_time') {
    if (n === 2 && method === 'DELETE') return { route: 'pit-delete', expression: null };
    if (n === 3 && c === '_all' && method === 'DELETE') return { route: 'pit-delete', expression: '_all' };
    if (n === 3 && c === '_all' && method === 'GET') return { route: 'pit-list', expression: null };
  }
  if (config.pointInTime && n === 3 && b === '_search' && c === 'point_in_time' && method === 'POST') {
    return { route: 'pit-create', expression: a };
  }
  const searchLike = method === 'GET' || method === 'POST';
  if (searchLike && n === 1 && (a === '_search' || a === '_count')) {
    return {
      route: a === '_count' ? 'count' : hasPit && config.pointInTime ? 'pit-search' : 'search',
      expression: null,
    };
  }
  if (searchLike && n === 2 && !a.startsWith('_') && (b === '_search' || b === '_count')) {
    return { route: b === '_count' ? 'count' : hasPit && config.pointInTime ? 'pit-search' : 'search', expression: a };
  }
  return null;
}

/** Parameters OpenSearch accepts that this server does not emulate: refused loudly rather than ignored. */
const NOT_EMULATED = ['scroll', 'q', 'df', 'analyzer', 'default_operator', 'lenient', 'terminate_after', 'min_score'];

export function checkParams(route: RouteMatch['route'], params: URLSearchParams, path: string): void {
  const skipped = NOT_EMULATED.filter((k) => params.has(k) && PARAMS[route].includes(k));
  if (skipped.length > 0) {
    fail(
      400,
      'illegal_argument_exception',
      `test server: [${skipped.join(', ')}] is not emulated (use a query body; page with a point in time)`,
    );
  }
  const allowed = new Set([...COMMON, ...PARAMS[route]]);
  const unknown = [...new Set(params.keys())].filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    const list = unknown.map((k) => `[${k}]`).join(', ');
    fail(
      400,
      'illegal_argument_exception',
      `request [${path}] contains unrecognized parameter${unknown.length > 1 ? 's' : ''}: ${list}`,
    );
  }
}

/** The indices an expression names, all readable by the user (or 403). */
function readable(ctx: HandlerContext, expression: string | null, action: string, expand?: string): IndexState[] {
  // the security plugin judges concrete names before they are resolved: no permission is a 403 even if the
  // index does not exist
  const concrete = splitExpression(expression).filter((p) => !/[*?]/.test(p) && p !== '_all' && !p.startsWith('-'));
  if (concrete.some((name) => !mayReadName(ctx.user, name))) {
    throw new ReplyError(forbidden(action, ctx.user.name, ctx.user.backendRoles));
  }
  const resolved = resolveIndices(ctx.store, expression, {
    ignoreUnavailable: ctx.params.get('ignore_unavailable') === 'true',
    expandWildcards: expand ?? ctx.params.get('expand_wildcards') ?? undefined,
  });
  const denied = resolved.indices.filter((i) => !mayRead(ctx.user, i));
  const wildcard = !expression || /[*?]|_all/.test(expression);
  if (denied.length === 0) return resolved.indices;
  if (ctx.config.doNotFailOnForbidden && wildcard) return resolved.indices.filter((i) => mayRead(ctx.user, i));
  throw new ReplyError(forbidden(action, ctx.user.name, ctx.user.backendRoles));
}

function searchShards(indices: IndexState[]): PitShard[] {
  return indices.flatMap((index) => Array.from({ length: index.shards }, (_, shard) => ({ index, shard })));
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    fail(400, 'parsing_exception', 'request body or source parameter is required');
  return body as Record<string, unknown>;
}

function partialCheck(ctx: HandlerContext, reply: Reply): Reply {
  const shards = (reply.body as { _shards?: { failed?: number; failures?: unknown[] } })._shards;
  if (ctx.params.get('allow_partial_search_results') === 'false' && shards?.failed) {
    return {
      status: 500,
      body: {
        error: {
          root_cause: [],
          type: 'search_phase_execution_exception',
          reason: 'Partial shards failure',
          phase: 'query',
          grouped: true,
          failed_shards: shards.failures ?? [],
        },
        status: 500,
      },
    };
  }
  return reply;
}

export function handle(ctx: HandlerContext, match: RouteMatch): Reply {
  const { store, pits, config, now } = ctx;
  switch (match.route) {
    case 'info':
      if (ctx.user.clusterMonitor === false) throw new ReplyError(forbidden('cluster:monitor/main', ctx.user.name));
      return { status: 200, body: ctx.method === 'HEAD' ? undefined : mainResponse(config) };
    case 'cat-indices': {
      const indices = readable(
        ctx,
        match.expression,
        'indices:monitor/settings/get',
        ctx.params.get('expand_wildcards') ?? 'all',
      );
      const cat = catIndices(store, indices, ctx.params, now);
      return cat.json ? { status: 200, body: cat.rows } : { status: 200, text: cat.text };
    }
    case 'resolve-index':
      readable(ctx, match.expression, 'indices:admin/resolve/index', 'all');
      return { status: 200, body: resolveIndex(store, match.expression ?? '*', ctx.params.get('expand_wildcards')) };
    case 'count': {
      const indices = readable(ctx, match.expression, 'indices:data/read/search');
      const body = bodyObject(ctx.body);
      return partialCheck(
        ctx,
        executeCount({
          ...searchBase(ctx, body),
          targets: indices.map((index) => ({ index, docs: store.live(index, now) })),
          shards: searchShards(indices),
          pit: null,
        }),
      );
    }
    case 'search': {
      const body = bodyObject(ctx.body);
      if ('pit' in body) fail(400, 'parsing_exception', 'Unknown key for a START_OBJECT in [pit].');
      const indices = readable(ctx, match.expression, 'indices:data/read/search');
      return partialCheck(
        ctx,
        executeSearch({
          ...searchBase(ctx, body),
          targets: indices.map((index) => ({ index, docs: store.live(index, now) })),
          shards: searchShards(indices),
          pit: null,
        }),
      );
    }
    case 'pit-search': {
      const body = bodyObject(ctx.body);
      const problems: string[] = [];
      if (match.expression)
        problems.push('[indices] cannot be used with point in time. Do not specify any index with point in time.');
      if (ctx.params.has('routing')) problems.push('[routing] cannot be used with point in time');
      if (ctx.params.has('preference')) problems.push('[preference] cannot be used with point in time');
      if (problems.length) validationFailed(problems);
      const spec = body.pit as { id?: unknown; keep_alive?: unknown } | null;
      if (spec === null || typeof spec !== 'object')
        fail(400, 'parsing_exception', '[pit] failed to parse field [pit]');
      const pit = pits.use(spec.id, typeof spec.keep_alive === 'string' ? spec.keep_alive : undefined);
      const denied = pit.indices.filter((i) => !mayRead(ctx.user, i));
      if (denied.length)
        throw new ReplyError(forbidden('indices:data/read/search', ctx.user.name, ctx.user.backendRoles));
      return partialCheck(ctx, executeSearch({ ...searchBase(ctx, body), ...pitTargets(pit), pit }));
    }
    case 'pit-create': {
      const keepAlive = keepAliveOf(ctx.params.get('keep_alive'));
      const indices = readable(ctx, match.expression, 'indices:data/read/point_in_time/create');
      const pit = pits.create(indices, keepAlive);
      const total = pit.shards.length;
      return {
        status: 200,
        body: {
          pit_id: pit.id,
          _shards: { total, successful: total, skipped: 0, failed: 0 },
          creation_time: pit.creationTime,
        },
      };
    }
    case 'pit-delete': {
      if (match.expression === '_all') return { status: 200, body: { pits: pits.deleteAll() } };
      const body = bodyObject(ctx.body);
      const ids =
        typeof body.pit_id === 'string' ? [body.pit_id] : Array.isArray(body.pit_id) ? body.pit_id.map(String) : [];
      if (ids.length === 0) validationFailed(['No pit ids specified']);
      return { status: 200, body: { pits: pits.delete(ids) } };
    }
    case 'pit-list':
      return {
        status: 200,
        body: {
          pits: pits.open().map((p) => ({ pit_id: p.id, creation_time: p.creationTime, keep_alive: p.keepAliveMs })),
        },
      };
  }
}

function searchBase(ctx: HandlerContext, body: Record<string, unknown>) {
  return {
    body,
    params: ctx.params,
    config: ctx.config,
    now: ctx.now,
    injected: ctx.injected,
    requestNumber: ctx.requestNumber,
  };
}

function pitTargets(pit: Pit) {
  return {
    targets: pit.indices.map((index) => ({ index, docs: pit.snapshot.get(index.name) ?? [] })),
    shards: pit.shards,
  };
}

export function unknownRoute(method: string, uri: string, config: ClusterConfig): Reply {
  return noHandler(method, uri, config.noHandlerStatus);
}
