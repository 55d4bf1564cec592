// Fault switches: per route (or every route), for the next N requests or until cleared. The first matching
// switch that still has requests left applies; one with no count stays on.
import type { UnavailableVariant } from './errors';
import type { ShardFailureInjection } from './shards';

export type IndexerRoute =
  'info' | 'cat-indices' | 'resolve-index' | 'count' | 'search' | 'pit-create' | 'pit-search' | 'pit-delete';

export type IndexerFault =
  /** the security plugin's 401 challenge */
  | { kind: 'unauthorized' }
  /** 403 security_exception for the request's user and action */
  | { kind: 'forbidden' }
  /** 429: the search thread pool queue is full (rejected_execution_exception) */
  | { kind: 'too-many-requests' }
  /** 503: cluster_block_exception (default), or the security plugin's plain "not initialized" */
  | { kind: 'unavailable'; variant?: UnavailableVariant }
  | { kind: 'status'; status: 500 | 502 | 504 }
  /** answer normally after ms */
  | { kind: 'slow'; ms: number }
  /** headers at once, the body after ms */
  | { kind: 'slow-body'; ms: number }
  /** close the connection without an answer */
  | { kind: 'reset' }
  /** never answer */
  | { kind: 'hang' }
  /** search and count: these shards fail; hits come from the others only */
  | ({ kind: 'shard-failures' } & Partial<ShardFailureInjection>);

interface Rule {
  route: IndexerRoute | '*';
  fault: IndexerFault;
  left: number;
}

export class FaultSwitches {
  private rules: Rule[] = [];

  /** `count` requests of `route` (default: every request until cleared) get `fault`. */
  set(route: IndexerRoute | '*', fault: IndexerFault, count?: number): void {
    this.rules.push({ route, fault, left: count ?? Infinity });
  }

  take(route: IndexerRoute): IndexerFault | null {
    const rule = this.rules.find((r) => (r.route === route || r.route === '*') && r.left > 0);
    if (!rule) return null;
    rule.left -= 1;
    if (rule.left <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }

  clear(route?: IndexerRoute | '*'): void {
    this.rules = route ? this.rules.filter((r) => r.route !== route) : [];
  }

  get active(): number {
    return this.rules.length;
  }
}
