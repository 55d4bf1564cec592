// Sorting as OpenSearch does it: `sort` in its string / object / array forms, asc/desc, `missing`,
// `unmapped_type`, `format` on date fields; the sort values it writes back per hit (dates as epoch millis
// unless a format is given; a missing number or date as Long.MAX_VALUE/MIN_VALUE, a missing keyword as null);
// `search_after` returning only the hits strictly after the given values (hits that tie on every sort value
// with the last one are NOT returned, which is why a unique tiebreaker is needed). Equal hits are ordered by
// shard, then by their order in the shard.
import { DateParseError, formatDate, parseDate } from './dates';
import { type Cause, fail } from './errors';
import { fieldValues, type FieldType } from './mapping';
import type { DocVersion, IndexState } from './store';

export interface SortField {
  field: string;
  order: 'asc' | 'desc';
  missing: unknown;
  unmappedType: string | null;
  format: string | null;
}

/** A sort or search_after that cannot run on an index's shards. */
export class ShardSortError extends Error {
  constructor(override readonly cause: Cause) {
    super(cause.reason ?? cause.type);
  }
}

export const LONG_MAX = 9223372036854775807n;
export const LONG_MIN = -9223372036854775808n;
const MISSING = Symbol('missing');
type Key = number | string | typeof MISSING;

function parseOne(item: unknown): SortField {
  if (typeof item === 'string') {
    return {
      field: item,
      order: item === '_score' ? 'desc' : 'asc',
      missing: '_last',
      unmappedType: null,
      format: null,
    };
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    fail(
      400,
      'parsing_exception',
      'malformed sort format, within the sort array, an object, or an actual string are allowed',
    );
  }
  const entries = Object.entries(item as Record<string, unknown>);
  if (entries.length !== 1) fail(400, 'parsing_exception', `[sort] only one field per sort object is supported`);
  const [field, spec] = entries[0];
  const base: SortField = {
    field,
    order: field === '_score' ? 'desc' : 'asc',
    missing: '_last',
    unmappedType: null,
    format: null,
  };
  if (typeof spec === 'string') return { ...base, order: orderOf(spec) };
  if (spec === null || typeof spec !== 'object')
    fail(400, 'parsing_exception', `[${field}] malformed sort specification`);
  const s = spec as Record<string, unknown>;
  for (const k of Object.keys(s)) {
    if (!['order', 'missing', 'unmapped_type', 'format', 'mode', 'numeric_type'].includes(k)) {
      fail(400, 'parsing_exception', `[field_sort] unknown field [${k}]`);
    }
  }
  return {
    field,
    order: s.order === undefined ? base.order : orderOf(s.order),
    missing: s.missing ?? '_last',
    unmappedType: typeof s.unmapped_type === 'string' ? s.unmapped_type : null,
    format: typeof s.format === 'string' ? s.format : null,
  };
}

function orderOf(v: unknown): 'asc' | 'desc' {
  if (v === 'asc' || v === 'ASC') return 'asc';
  if (v === 'desc' || v === 'DESC') return 'desc';
  fail(400, 'illegal_argument_exception', `Unknown SortOrder [${String(v)}]`);
}

/** The request's sort (body `sort`, or the `sort=f:asc,g` query parameter). */
export function parseSort(spec: unknown): SortField[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === 'string' && spec.includes(':')) {
    return spec.split(',').map((p) => {
      const [f, o] = p.split(':');
      return { ...parseOne(f), order: o ? orderOf(o) : 'asc' };
    });
  }
  return (Array.isArray(spec) ? spec : [spec]).map(parseOne);
}

export interface SortContext {
  index: IndexState;
  /** the shard's position in the request (or in the point in time) */
  shardOrdinal: (doc: DocVersion) => number;
  now: number;
}

/** Checks a sort against an index's mappings (a failure fails that index's shards). */
export function checkSort(sort: SortField[], index: IndexState): void {
  for (const s of sort) {
    if (['_score', '_doc', '_shard_doc', '_id'].includes(s.field)) continue;
    const type = index.mapping.typeOf(s.field);
    if (type === null && !s.unmappedType) {
      throw new ShardSortError({
        type: 'query_shard_exception',
        reason: `No mapping found for [${s.field}] in order to sort on`,
        index: index.name,
        index_uuid: index.uuid,
      });
    }
    if (type === 'text') {
      throw new ShardSortError({
        type: 'illegal_argument_exception',
        reason:
          `Text fields are not optimised for operations that require per-document field data like aggregations ` +
          `and sorting, so these operations are disabled by default. Please use a keyword field instead. ` +
          `Alternatively, set fielddata=true on [${s.field}] in order to load field data by uninverting the ` +
          `inverted index. Note that this can use significant memory.`,
      });
    }
  }
}

function typeFor(s: SortField, index: IndexState): FieldType {
  const t = index.mapping.typeOf(s.field);
  if (t) return t;
  return s.unmappedType === 'date' ? 'date' : s.unmappedType === 'long' ? 'long' : 'keyword';
}

function toKey(type: FieldType, v: unknown, now: number, format?: string | null): Key {
  if (v === null || v === undefined) return MISSING;
  if (type === 'date') return parseDate(v, format ?? undefined, now);
  if (type === 'long' || type === 'double') return Number(v);
  if (type === 'boolean') return v === true || v === 'true' ? 1 : 0;
  return String(v);
}

export interface SortedHit {
  doc: DocVersion;
  keys: Key[];
  shardOrdinal: number;
}

export function sortKeys(sort: SortField[], doc: DocVersion, ctx: SortContext): Key[] {
  return sort.map((s) => {
    if (s.field === '_doc') return doc.seq;
    if (s.field === '_shard_doc') return ctx.shardOrdinal(doc) * 2 ** 32 + doc.seq;
    if (s.field === '_score') return 1;
    if (s.field === '_id') return doc.id;
    const type = typeFor(s, ctx.index);
    const values = fieldValues(doc.source, s.field)
      .map((v) => {
        try {
          return toKey(type, v, ctx.now);
        } catch {
          return MISSING;
        }
      })
      .filter((k) => k !== MISSING);
    if (values.length === 0) {
      return s.missing === '_last' || s.missing === '_first' ? MISSING : toKey(type, s.missing, ctx.now);
    }
    return values.reduce((a, b) => ((s.order === 'asc' ? b < a : b > a) ? b : a));
  });
}

function compareKey(a: Key, b: Key, s: SortField): number {
  if (a === MISSING || b === MISSING) {
    if (a === b) return 0;
    const missingFirst = s.missing === '_first';
    return (a === MISSING) === missingFirst ? -1 : 1;
  }
  const c = a < b ? -1 : a > b ? 1 : 0;
  return s.order === 'asc' ? c : -c;
}

export function compareKeys(a: Key[], b: Key[], sort: SortField[]): number {
  for (let i = 0; i < sort.length; i++) {
    const c = compareKey(a[i], b[i], sort[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** The `sort` array OpenSearch writes for a hit. */
export function sortValuesOut(keys: Key[], sort: SortField[], index: IndexState): unknown[] {
  return keys.map((k, i) => {
    const s = sort[i];
    const type = ['_doc', '_shard_doc', '_score', '_id'].includes(s.field) ? null : typeFor(s, index);
    if (k === MISSING) {
      if (type === 'date' || type === 'long')
        return (s.missing === '_first') === (s.order === 'asc') ? LONG_MIN : LONG_MAX;
      if (type === 'double') return (s.missing === '_first') === (s.order === 'asc') ? -Infinity : Infinity;
      return null;
    }
    if (type === 'date' && s.format && typeof k === 'number') return formatDate(k, s.format);
    return k;
  });
}

/** The search_after values as sort keys; a value the field cannot take fails with OpenSearch's message. */
export function searchAfterKeys(values: unknown[], sort: SortField[], index: IndexState, now: number): Key[] {
  return values.map((v, i) => {
    const s = sort[i];
    if (v === null) return MISSING;
    if (['_doc', '_shard_doc', '_score'].includes(s.field)) return Number(v);
    if (s.field === '_id') return String(v);
    const type = typeFor(s, index);
    if (typeof v === 'string' && (type === 'long' || type === 'double') && !Number.isFinite(Number(v))) {
      throw new ShardSortError({
        type: 'illegal_argument_exception',
        reason: `Failed to parse search_after value for field [${s.field}].`,
      });
    }
    if (typeof v === 'string' && /^-?\d+$/.test(v) && (v === String(LONG_MAX) || v === String(LONG_MIN)))
      return MISSING;
    if ((v === Number(LONG_MAX) || v === Number(LONG_MIN)) && (type === 'long' || type === 'date')) return MISSING;
    try {
      return toKey(type, v, now, s.format ?? 'strict_date_optional_time||epoch_millis');
    } catch (e) {
      if (e instanceof DateParseError) {
        throw new ShardSortError({
          type: 'illegal_argument_exception',
          reason: `Failed to parse search_after value for field [${s.field}].`,
        });
      }
      throw e;
    }
  });
}
