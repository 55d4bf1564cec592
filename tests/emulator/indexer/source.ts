// `_source` filtering: false (no _source), a pattern or list of patterns, or {includes, excludes}; and the
// `_source`, `_source_includes`, `_source_excludes` query parameters. Patterns use `*` and match full dotted
// paths; including an object includes everything under it.
import { fail } from './errors';
import { globToRegExp } from './resolve';

export interface SourceFilter {
  enabled: boolean;
  includes: RegExp[];
  excludes: RegExp[];
}

const patterns = (v: unknown, what: string): RegExp[] => {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : null;
  if (!list || !list.every((p) => typeof p === 'string'))
    fail(400, 'parsing_exception', `[${what}] must be a string or an array of strings`);
  return list.map((p) => globToRegExp(p.trim()));
};

export function parseSourceFilter(body: unknown, params: URLSearchParams): SourceFilter {
  let enabled = true;
  let includes: RegExp[] = [];
  let excludes: RegExp[] = [];
  if (body === false) enabled = false;
  else if (body === true || body === undefined) {
    // whole source
  } else if (typeof body === 'string' || Array.isArray(body)) includes = patterns(body, '_source');
  else if (body !== null && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    includes = patterns(b.includes ?? b.include, '_source.includes');
    excludes = patterns(b.excludes ?? b.exclude, '_source.excludes');
  } else fail(400, 'parsing_exception', '[_source] must be a boolean, a string, an array or an object');
  const param = params.get('_source');
  if (param === 'false') enabled = false;
  else if (param && param !== 'true') includes = patterns(param, '_source');
  if (params.has('_source_includes')) includes = patterns(params.get('_source_includes'), '_source_includes');
  if (params.has('_source_excludes')) excludes = patterns(params.get('_source_excludes'), '_source_excludes');
  return { enabled, includes, excludes };
}

function filterNode(node: unknown, path: string, f: SourceFilter): unknown {
  if (Array.isArray(node)) {
    const kept = node.map((item) => filterNode(item, path, f)).filter((item) => item !== undefined);
    return kept.length > 0 || node.length === 0 ? kept : undefined;
  }
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const child = filterNode(v, path ? `${path}.${k}` : k, f);
      if (child !== undefined) out[k] = child;
    }
    return Object.keys(out).length > 0 || !path ? out : undefined;
  }
  const included = f.includes.length === 0 || f.includes.some((re) => prefixes(path).some((p) => re.test(p)));
  const excluded = f.excludes.some((re) => prefixes(path).some((p) => re.test(p)));
  return included && !excluded ? node : undefined;
}

/** "a.b.c" -> ["a", "a.b", "a.b.c"]: including or excluding an object covers its fields. */
function prefixes(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

export function filterSource(source: Record<string, unknown>, f: SourceFilter): Record<string, unknown> | undefined {
  if (!f.enabled) return undefined;
  if (f.includes.length === 0 && f.excludes.length === 0) return source;
  return (filterNode(source, '', f) as Record<string, unknown>) ?? {};
}
