// OpenSearch's error answers, in the shapes its REST layer and security plugin write them:
// `{"error":{"root_cause":[...],"type","reason",...},"status":N}` for exceptions, a plain-text body for the
// security plugin's own 401/503, and `{"error":"no handler found for uri [...] and method [...]"}` for an
// unknown route.

export interface Cause {
  type: string;
  reason: string | null;
  [extra: string]: unknown;
}

/** An answer the router sends as is. */
export interface Reply {
  status: number;
  /** JSON body (serialized by the server) */
  body?: unknown;
  /** plain-text body instead of JSON */
  text?: string;
  headers?: Record<string, string>;
}

/** Thrown by handlers to answer with an error. */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`OpenSearch error ${reply.status}`);
  }
}

export function errorReply(status: number, top: Cause, rootCauses: Cause[] = [top]): Reply {
  return { status, body: { error: { root_cause: rootCauses, ...top }, status } };
}

export function fail(status: number, type: string, reason: string, extra: Record<string, unknown> = {}): never {
  throw new ReplyError(errorReply(status, { type, reason, ...extra }));
}

export const NODE_ID = 'hCPpm1qXTlmvEy0tPGpHLw';

export interface ShardFailure {
  shard: number;
  index: string | null;
  node: string | null;
  reason: Cause;
}

/** A search whose every shard failed: search_phase_execution_exception "all shards failed". */
export function allShardsFailed(status: number, failures: ShardFailure[], phase = 'query'): Reply {
  const grouped: ShardFailure[] = [];
  for (const f of failures) {
    if (!grouped.some((g) => g.index === f.index && g.reason.reason === f.reason.reason)) grouped.push(f);
  }
  const top: Cause = {
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    phase,
    grouped: true,
    failed_shards: grouped,
  };
  const rootCauses = grouped.map((g) => g.reason);
  if (rootCauses.length > 0) top.caused_by = rootCauses[0];
  return { status, body: { error: { root_cause: rootCauses, ...top }, status } };
}

export function validationFailed(messages: string[]): never {
  const reason = `Validation Failed: ${messages.map((m, i) => `${i + 1}: ${m};`).join('')}`;
  fail(400, 'action_request_validation_exception', reason);
}

export function indexNotFound(index: string): never {
  fail(404, 'index_not_found_exception', `no such index [${index}]`, {
    index,
    'resource.type': 'index_or_alias',
    'resource.id': index,
    index_uuid: '_na_',
  });
}

export function noHandler(method: string, uri: string, status = 400): Reply {
  return { status, body: { error: `no handler found for uri [${uri}] and method [${method}]` } };
}

/** The security plugin's challenge: plain "Unauthorized" (2.10 and before, again from 2.14) with the realm header. */
export function unauthorized(): Reply {
  return { status: 401, text: 'Unauthorized', headers: { 'www-authenticate': 'Basic realm="OpenSearch Security"' } };
}

export function forbidden(action: string, user: string, backendRoles: string[] = []): Reply {
  const reason = `no permissions for [${action}] and User [name=${user}, backend_roles=[${backendRoles.join(', ')}], requestedTenant=null]`;
  return errorReply(403, { type: 'security_exception', reason });
}

/** A full search thread pool queue (what a busy or undersized indexer answers). */
export function tooManyRequests(route: string, node = 'node-1'): Reply {
  const rejected: Cause = {
    type: 'rejected_execution_exception',
    reason:
      `rejected execution of org.opensearch.common.util.concurrent.TimedRunnable@6b3c1e5a on ` +
      `QueueResizingOpenSearchThreadPoolExecutor[name = ${node}/search, queue capacity = 1000, ` +
      `min queue capacity = 1000, max queue capacity = 1000, frame size = 2000, targeted response rate = 1s, ` +
      `task execution EWMA = 2.1ms, adjustment amount = 50, ` +
      `org.opensearch.common.util.concurrent.QueueResizingOpenSearchThreadPoolExecutor@2f1a9d3c` +
      `[Running, pool size = 13, active threads = 13, queued tasks = 1000, completed tasks = 843921]]`,
  };
  if (route === 'search' || route === 'pit-search' || route === 'count') {
    return {
      status: 429,
      body: {
        error: {
          root_cause: [rejected],
          type: 'search_phase_execution_exception',
          reason: 'all shards failed',
          phase: 'query',
          grouped: true,
          failed_shards: [],
          caused_by: rejected,
        },
        status: 429,
      },
    };
  }
  return errorReply(429, rejected);
}

export type UnavailableVariant = 'cluster-block' | 'security-not-initialized';

export function serviceUnavailable(variant: UnavailableVariant = 'cluster-block'): Reply {
  if (variant === 'security-not-initialized') return { status: 503, text: 'OpenSearch Security not initialized.' };
  return errorReply(503, {
    type: 'cluster_block_exception',
    reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];',
  });
}

export function internalError(reason = 'test server: injected failure'): Reply {
  return errorReply(500, { type: 'exception', reason });
}
