// The catalogue routes an indexer source uses to tell which Wazuh it faces: `_cat/indices` (JSON or text,
// with `h=` columns and `s=` sort) and `_resolve/index` (indices, aliases, data streams).
import { indexNotFound } from './errors';
import { globToRegExp, splitExpression } from './resolve';
import type { IndexState, IndexStore } from './store';

function humanBytes(n: number): string {
  if (n < 1024) return `${n}b`;
  const units = ['kb', 'mb', 'gb', 'tb'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number(v.toFixed(1))}${units[u]}`;
}

const CAT_COLUMNS = [
  'health',
  'status',
  'index',
  'uuid',
  'pri',
  'rep',
  'docs.count',
  'docs.deleted',
  'store.size',
  'pri.store.size',
];

export function catIndices(
  store: IndexStore,
  indices: IndexState[],
  params: URLSearchParams,
  now: number,
): { json: boolean; rows: Record<string, string>[]; text: string } {
  let rows = indices.map((idx) => {
    const live = store.live(idx, now);
    const bytes = live.reduce((a, d) => a + JSON.stringify(d.source).length, 0) + 208 * idx.shards;
    const deleted = idx.versions.length - live.length;
    return {
      health: 'green',
      status: 'open',
      index: idx.name,
      uuid: idx.uuid,
      pri: String(idx.shards),
      rep: '0',
      'docs.count': String(live.length),
      'docs.deleted': String(Math.max(0, deleted)),
      'store.size': humanBytes(bytes),
      'pri.store.size': humanBytes(bytes),
    } as Record<string, string>;
  });
  const sortBy = params.get('s');
  if (sortBy) {
    const [col, dir] = sortBy.split(':');
    rows.sort((a, b) => (a[col] < b[col] ? -1 : a[col] > b[col] ? 1 : 0) * (dir === 'desc' ? -1 : 1));
  }
  const columns =
    params
      .get('h')
      ?.split(',')
      .map((c) => c.trim()) ?? CAT_COLUMNS;
  rows = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
  const json = params.get('format') === 'json';
  const header = params.get('v') === 'true' || params.get('v') === '';
  const table = header ? [Object.fromEntries(columns.map((c) => [c, c])), ...rows] : rows;
  const widths = columns.map((c) => Math.max(0, ...table.map((r) => r[c].length)));
  const text = table
    .map(
      (r) =>
        columns
          .map((c, i) => r[c].padEnd(widths[i]))
          .join(' ')
          .trimEnd() + '\n',
    )
    .join('');
  return { json, rows, text };
}

/** GET /_resolve/index/<expression>: matching indices (hidden ones only on request), aliases, data streams. */
export function resolveIndex(
  store: IndexStore,
  expression: string,
  expandWildcards: string | null,
): Record<string, unknown> {
  const withHidden = (expandWildcards ?? 'open').split(',').some((e) => e === 'all' || e === 'hidden');
  const indices = new Map<string, IndexState>();
  const streams = new Set<string>();
  for (const part of splitExpression(expression)) {
    const pattern = part === '_all' ? '*' : part;
    const wildcard = pattern.includes('*') || pattern.includes('?');
    const re = globToRegExp(pattern);
    let found = false;
    for (const idx of store.indices.values()) {
      if (!re.test(idx.name)) continue;
      if (wildcard && idx.hidden && !withHidden && !pattern.startsWith('.')) continue;
      indices.set(idx.name, idx);
      found = true;
    }
    for (const s of store.streams.values()) {
      if (re.test(s.name)) {
        streams.add(s.name);
        found = true;
      }
    }
    if (!found && !wildcard) indexNotFound(pattern);
  }
  return {
    indices: [...indices.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((i) => ({
        name: i.name,
        attributes: i.hidden ? ['hidden', 'open'] : ['open'],
        ...(i.dataStream ? { data_stream: i.dataStream } : {}),
      })),
    aliases: [],
    data_streams: [...streams].sort().map((name) => {
      const s = store.streams.get(name)!;
      return { name, backing_indices: [...s.backing], timestamp_field: s.timestampField };
    }),
  };
}
