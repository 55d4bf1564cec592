// The pieces of query evaluation that do not depend on the query's structure: the errors (a malformed query
// fails the request, a value a field cannot take fails that index's shards), single-field query objects, and
// how a value compares for a field type (numbers, dates with their formats and date math, booleans, keywords,
// text tokens).
import { DateParseError, parseDate } from './dates';
import { type Cause, fail } from './errors';
import type { FieldType } from './mapping';
import type { IndexState } from './store';

/** A query that cannot run on an index's shards. */
export class ShardQueryError extends Error {
  constructor(override readonly cause: Cause) {
    super(cause.reason ?? cause.type);
  }
}

export const SUPPORTED = 'match_all, match_none, bool, term, terms, range, exists, ids, match, prefix, wildcard';

export function parsing(reason: string): never {
  fail(400, 'parsing_exception', reason);
}

export function shardError(index: IndexState | null, reason: string): never {
  throw new ShardQueryError({
    type: 'query_shard_exception',
    reason,
    index: index?.name ?? null,
    index_uuid: index?.uuid ?? null,
  });
}

export function singleField(kind: string, spec: unknown): [string, unknown] {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    parsing(`[${kind}] query malformed, no start_object after query name`);
  const entries = Object.entries(spec as Record<string, unknown>).filter(
    ([k]) => k !== 'boost' && k !== '_name' && k !== 'case_insensitive',
  );
  if (entries.length !== 1)
    parsing(`[${kind}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`);
  return entries[0];
}

/** The comparable form of a value for a field type (null: the value never matches). */
export function normalize(
  type: FieldType,
  value: unknown,
  index: IndexState | null,
  now: number,
  format?: string,
): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'long':
    case 'double': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (String(value).trim() === '' || !Number.isFinite(n))
        shardError(index, `failed to create query: For input string: "${String(value)}"`);
      return n;
    }
    case 'date':
      try {
        return parseDate(value, format, now);
      } catch (e) {
        if (e instanceof DateParseError) shardError(index, `failed to create query: ${e.message}`);
        throw e;
      }
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      shardError(
        index,
        `failed to create query: Failed to parse value [${String(value)}] as only [true] or [false] are allowed.`,
      );
      break;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export const tokens = (text: unknown): string[] =>
  String(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
