// The HTTP routes, generated from the contract's `http: [verb, path]` (nothing is listed twice), and the request
// input each method's zod schema validates: query string + path params for GET/DELETE, JSON body + path params for
// POST/PUT.
import { apiContract, type ApiMethod } from '../../shared/contract';

export type Verb = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Routes the server answers itself, outside the contract. A contract method may not take them. */
export const HEALTH_PATH = '/api/health';
export const EVENTS_PATH = '/api/events';
export const RESERVED_PATHS = [HEALTH_PATH, EVENTS_PATH] as const;

export interface Route {
  method: ApiMethod;
  verb: Verb;
  path: string;
  /** literal segments as strings, parameters as { param } */
  segments: (string | { param: string })[];
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-verb'; allowed: Verb[] }
  | { kind: 'none' };

export function compileRoutes(): Route[] {
  const routes: Route[] = [];
  const seen = new Set<string>();
  for (const method of Object.keys(apiContract) as ApiMethod[]) {
    const [verb, path] = apiContract[method].http;
    const segments = splitPath(path).map((s) => (s.startsWith(':') ? { param: s.slice(1) } : s));
    const shape = `${verb} ${segments.map((s) => (typeof s === 'string' ? s : ':')).join('/')}`;
    if (seen.has(shape)) throw new Error(`two contract methods share the route ${verb} ${path}`);
    if ((RESERVED_PATHS as readonly string[]).includes(path)) throw new Error(`${path} is reserved by the server`);
    seen.add(shape);
    routes.push({ method, verb, path, segments });
  }
  return routes;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function literalRank(route: Route): string {
  // earlier literal segments win over parameters: /api/x/literal beats /api/x/:param
  return route.segments.map((s) => (typeof s === 'string' ? '0' : '1')).join('');
}

/** `segments` are the decoded segments of the request path. */
export function matchRoute(routes: Route[], verb: string, segments: string[]): RouteMatch {
  const candidates: { route: Route; params: Record<string, string> }[] = [];
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = route.segments.every((s, i) => {
      if (typeof s === 'string') return s === segments[i];
      params[s.param] = segments[i];
      return true;
    });
    if (ok) candidates.push({ route, params });
  }
  if (candidates.length === 0) return { kind: 'none' };
  const sameVerb = candidates.filter((c) => c.route.verb === verb);
  if (sameVerb.length === 0) {
    return { kind: 'wrong-verb', allowed: [...new Set(candidates.map((c) => c.route.verb))] };
  }
  sameVerb.sort((a, b) => literalRank(a.route).localeCompare(literalRank(b.route)));
  return { kind: 'found', route: sameVerb[0].route, params: sameVerb[0].params };
}

/**
 * Query string -> the object the schema sees. A key given once is a string, given twice an array (which a schema
 * expecting one value rejects). An empty value (`?state=`) means "not given", as an HTML form sends it.
 */
export function queryObject(query: URLSearchParams, omit: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    if (omit.includes(key)) continue;
    const values = query.getAll(key).filter((v) => v !== '');
    if (values.length === 0) continue;
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** Path params win over the same name in the query or body: the path is what routed the request. */
export function withParams(input: unknown, params: Record<string, string>): unknown {
  if (Object.keys(params).length === 0) return input;
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) return { ...input, ...params };
  return input; // not an object: the schema says so
}
