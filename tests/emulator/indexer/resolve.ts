// Index expressions as OpenSearch resolves them: comma lists, `*` wildcards, `-exclusions`, `_all`; a data
// stream name stands for its backing indices; hidden indices (`.ds-...`) are left out of wildcards unless the
// pattern starts with a dot or expand_wildcards includes `hidden`. A concrete name that does not exist is
// index_not_found (404) unless ignore_unavailable; a wildcard that matches nothing is an empty result.
import { indexNotFound } from './errors';
import type { IndexState, IndexStore } from './store';

export interface ResolveOptions {
  ignoreUnavailable?: boolean;
  /** expand_wildcards: open (default), all, hidden, ... */
  expandWildcards?: string;
}

export interface Resolved {
  indices: IndexState[];
  /** the names the expression addressed (data stream names, index names), for permission checks */
  addressed: string[];
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

export function splitExpression(expression: string | null | undefined): string[] {
  if (!expression) return ['_all'];
  return expression
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

export function resolveIndices(store: IndexStore, expression: string | null, options: ResolveOptions = {}): Resolved {
  const parts = splitExpression(expression);
  const expand = (options.expandWildcards ?? 'open').split(',');
  const withHidden = expand.includes('all') || expand.includes('hidden');
  const chosen = new Map<string, IndexState>();
  const addressed = new Set<string>();

  const addStream = (name: string) => {
    addressed.add(name);
    for (const b of store.streams.get(name)?.backing ?? []) {
      const idx = store.indices.get(b);
      if (idx) chosen.set(b, idx);
    }
  };

  for (const raw of parts) {
    const exclude = raw.startsWith('-') && chosen.size > 0;
    const part = exclude ? raw.slice(1) : raw;
    const pattern = part === '_all' ? '*' : part;
    if (pattern.includes('*') || pattern.includes('?')) {
      const re = globToRegExp(pattern);
      const hiddenOk = withHidden || pattern.startsWith('.');
      for (const s of store.streams.values()) {
        if (!re.test(s.name)) continue;
        if (exclude) for (const b of s.backing) chosen.delete(b);
        else addStream(s.name);
      }
      for (const idx of store.indices.values()) {
        if (!re.test(idx.name) || (idx.hidden && !hiddenOk)) continue;
        if (exclude) chosen.delete(idx.name);
        else {
          chosen.set(idx.name, idx);
          addressed.add(idx.name);
        }
      }
      continue;
    }
    if (exclude) {
      chosen.delete(part);
      for (const b of store.streams.get(part)?.backing ?? []) chosen.delete(b);
      continue;
    }
    if (store.streams.has(part)) addStream(part);
    else if (store.indices.has(part)) {
      chosen.set(part, store.indices.get(part)!);
      addressed.add(part);
    } else if (!options.ignoreUnavailable) indexNotFound(part);
  }
  const indices = [...chosen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { indices, addressed: [...addressed] };
}
