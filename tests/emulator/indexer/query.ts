// The query DSL parts a poller uses, evaluated per index with that index's field types: match_all, match_none,
// bool (must, filter, should, must_not, minimum_should_match), term, terms, range (gte/gt/lte/lt, format, date
// math), exists, ids, match, prefix, wildcard. A malformed query is a 400 parsing_exception for the whole
// request; a value the field's type cannot take (a word for a long, a bad date) fails that index's shards with
// query_shard_exception, as in OpenSearch. A field unmapped in an index matches nothing there.
import { fieldValues, type FieldType } from './mapping';
import { normalize, parsing, shardError, singleField, SUPPORTED, tokens } from './queryValues';
import { globToRegExp } from './resolve';
import type { DocVersion, IndexState } from './store';

export { ShardQueryError } from './queryValues';

export type Predicate = (doc: DocVersion) => boolean;

interface FieldCtx {
  type: FieldType | null;
  field: string;
}

export class QueryCompiler {
  constructor(
    private readonly index: IndexState | null,
    private readonly now: number,
  ) {}

  private field(name: string): FieldCtx {
    return { field: name, type: this.index ? this.index.mapping.typeOf(name) : 'keyword' };
  }

  private searchable(f: FieldCtx): boolean {
    if (f.type === null) return false;
    if (this.index && !this.index.mapping.isIndexed(f.field)) {
      shardError(this.index, `failed to create query: Cannot search on field [${f.field}] since it is not indexed.`);
    }
    return true;
  }

  private docValues(doc: DocVersion, f: FieldCtx, format?: string): unknown[] {
    const raw = fieldValues(doc.source, f.field);
    if (f.type === 'text') return raw.flatMap(tokens);
    const out: unknown[] = [];
    for (const v of raw) {
      try {
        const n = normalize(f.type ?? 'keyword', v, this.index, this.now, format);
        if (n !== null) out.push(n);
      } catch {
        // a stored value the type cannot read (ignore_malformed-like): not indexed, never matches
      }
    }
    return out;
  }

  compile(query: unknown): Predicate {
    if (query === undefined || query === null) return () => true;
    if (typeof query !== 'object' || Array.isArray(query))
      parsing('[_na] query malformed, must start with start_object');
    const entries = Object.entries(query as Record<string, unknown>);
    if (entries.length !== 1)
      parsing(`[${entries.map(([k]) => k).join(', ')}] query malformed, expected a single query`);
    const [kind, spec] = entries[0];
    switch (kind) {
      case 'match_all':
        return () => true;
      case 'match_none':
        return () => false;
      case 'bool':
        return this.bool(spec);
      case 'term':
        return this.term(spec);
      case 'terms':
        return this.terms(spec);
      case 'range':
        return this.range(spec);
      case 'exists':
        return this.exists(spec);
      case 'ids': {
        const values = (spec as { values?: unknown })?.values;
        if (!Array.isArray(values)) parsing('[ids] query malformed, [values] must be an array');
        const set = new Set(values.map(String));
        return (doc) => set.has(doc.id);
      }
      case 'match':
        return this.match(spec);
      case 'prefix':
      case 'wildcard':
        return this.pattern(kind, spec);
      default:
        if (['query_string', 'simple_query_string', 'multi_match', 'nested', 'script', 'regexp'].includes(kind)) {
          parsing(`test server: query [${kind}] is not emulated (supported: ${SUPPORTED})`);
        }
        parsing(`unknown query [${kind}]`);
    }
  }

  private clauses(spec: Record<string, unknown>, key: string): Predicate[] {
    const v = spec[key];
    if (v === undefined) return [];
    return (Array.isArray(v) ? v : [v]).map((q) => this.compile(q));
  }

  private bool(spec: unknown): Predicate {
    if (spec === null || typeof spec !== 'object') parsing('[bool] query malformed, no start_object after query name');
    const s = spec as Record<string, unknown>;
    for (const k of Object.keys(s)) {
      if (
        ![
          'must',
          'filter',
          'should',
          'must_not',
          'minimum_should_match',
          'boost',
          '_name',
          'adjust_pure_negative',
        ].includes(k)
      ) {
        parsing(`[bool] query does not support [${k}]`);
      }
    }
    const must = [...this.clauses(s, 'must'), ...this.clauses(s, 'filter')];
    const should = this.clauses(s, 'should');
    const mustNot = this.clauses(s, 'must_not');
    const msm = s.minimum_should_match;
    let minShould = must.length === 0 ? Math.min(1, should.length) : 0;
    if (typeof msm === 'number') minShould = msm;
    else if (typeof msm === 'string' && /^\d+$/.test(msm)) minShould = Number(msm);
    else if (typeof msm === 'string' && /^\d+%$/.test(msm))
      minShould = Math.floor((should.length * parseInt(msm)) / 100);
    return (doc) => {
      for (const p of must) if (!p(doc)) return false;
      for (const p of mustNot) if (p(doc)) return false;
      if (minShould > 0) {
        let hits = 0;
        for (const p of should) if (p(doc) && ++hits >= minShould) break;
        if (hits < minShould) return false;
      }
      return true;
    };
  }

  private term(spec: unknown): Predicate {
    const [name, raw] = singleField('term', spec);
    const value =
      raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { value?: unknown }).value : raw;
    if (value === undefined || Array.isArray(value)) parsing(`[term] query does not support array of values`);
    const f = this.field(name);
    if (!this.searchable(f)) return () => false;
    const want = f.type === 'text' ? String(value) : normalize(f.type!, value, this.index, this.now);
    return (doc) => this.docValues(doc, f).some((v) => v === want);
  }

  private terms(spec: unknown): Predicate {
    const [name, raw] = singleField('terms', spec);
    if (!Array.isArray(raw)) parsing(`[terms] query does not support [${name}]`);
    const f = this.field(name);
    if (!this.searchable(f)) return () => false;
    const wanted = new Set(
      raw.map((v) => (f.type === 'text' ? String(v) : normalize(f.type!, v, this.index, this.now))),
    );
    return (doc) => this.docValues(doc, f).some((v) => wanted.has(v));
  }

  private range(spec: unknown): Predicate {
    const [name, raw] = singleField('range', spec);
    if (raw === null || typeof raw !== 'object') parsing(`[range] query malformed, no start_object after query name`);
    const r = raw as Record<string, unknown>;
    for (const k of Object.keys(r)) {
      if (
        ![
          'gte',
          'gt',
          'lte',
          'lt',
          'from',
          'to',
          'include_lower',
          'include_upper',
          'format',
          'time_zone',
          'boost',
          'relation',
        ].includes(k)
      ) {
        parsing(`[range] query does not support [${k}]`);
      }
    }
    const f = this.field(name);
    if (!this.searchable(f)) return () => false;
    const format = typeof r.format === 'string' ? r.format : undefined;
    const bound = (v: unknown) =>
      v === undefined || v === null ? null : normalize(f.type!, v, this.index, this.now, format);
    let lower = bound(r.gte ?? r.gt ?? r.from);
    let upper = bound(r.lte ?? r.lt ?? r.to);
    const lowerIncl = r.gt === undefined && (r.gte !== undefined || r.include_lower !== false);
    const upperIncl = r.lt === undefined && (r.lte !== undefined || r.include_upper !== false);
    if (f.type === 'text') {
      lower = lower === null ? null : String(lower);
      upper = upper === null ? null : String(upper);
    }
    const cmp = (a: unknown, b: unknown) => ((a as number | string) < (b as number | string) ? -1 : a === b ? 0 : 1);
    return (doc) =>
      this.docValues(doc, f, format).some((v) => {
        if (lower !== null) {
          const c = cmp(v, lower);
          if (c < 0 || (c === 0 && !lowerIncl)) return false;
        }
        if (upper !== null) {
          const c = cmp(v, upper);
          if (c > 0 || (c === 0 && !upperIncl)) return false;
        }
        return true;
      });
  }

  private exists(spec: unknown): Predicate {
    const name = (spec as { field?: unknown })?.field;
    if (typeof name !== 'string') parsing('[exists] must be provided with a [field]');
    const f = this.field(name);
    if (f.type === null) return () => false;
    return (doc) => fieldValues(doc.source, name).length > 0;
  }

  private match(spec: unknown): Predicate {
    const [name, raw] = singleField('match', spec);
    const value = raw !== null && typeof raw === 'object' ? (raw as { query?: unknown }).query : raw;
    const f = this.field(name);
    if (!this.searchable(f)) return () => false;
    if (f.type === 'text') {
      const wanted = new Set(tokens(value));
      return (doc) => this.docValues(doc, f).some((t) => wanted.has(t as string));
    }
    const want = normalize(f.type!, value, this.index, this.now);
    return (doc) => this.docValues(doc, f).some((v) => v === want);
  }

  private pattern(kind: 'prefix' | 'wildcard', spec: unknown): Predicate {
    const [name, raw] = singleField(kind, spec);
    const value = raw !== null && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
    if (typeof value !== 'string') parsing(`[${kind}] query malformed, [value] must be a string`);
    const f = this.field(name);
    if (!this.searchable(f)) return () => false;
    const re = kind === 'prefix' ? null : globToRegExp(value);
    return (doc) => this.docValues(doc, f).some((v) => (re ? re.test(String(v)) : String(v).startsWith(value)));
  }
}
