// Field mappings of the emulated indices, as the real index templates define them:
// - Wazuh 4.x `wazuh-alerts-4.x-*` (wazuh/wazuh extensions/elasticsearch/7.x/wazuh-template.json): a few typed
//   properties, every other string a keyword (dynamic template string_as_keyword), new fields mapped on sight;
// - Wazuh 5.x `wazuh-events-v5-*` data streams (wazuh-indexer-plugins templates/streams/events.json): only
//   @timestamp declared, every other field mapped by a dynamic template when a document first carries it
//   (`dynamic: strict_allow_templates`); event.original is stored but not indexed;
// - `wazuh-states-fim-files` (templates/states/fim-files.json): `dynamic: strict`, a document with an undeclared
//   field is refused.
// A field that no template declares and no document of the index has shown is unmapped: sorting on it fails on
// that index's shards ("No mapping found for [f] in order to sort on"), term/range on it match nothing.

export type FieldType = 'date' | 'keyword' | 'long' | 'double' | 'boolean' | 'text' | 'ip';
export type IndexKind = 'wazuh-alerts-4.x' | 'wazuh-events-v5' | 'wazuh-states-fim-files' | 'generic';

interface MappingSpec {
  declared: Record<string, FieldType>;
  dynamic: 'true' | 'strict' | 'strict_allow_templates';
  /** what a dynamic template makes of these fields when they first appear (default: strings keyword, numbers long) */
  dynamicTypes: Record<string, FieldType>;
  notIndexed: string[];
  shards: number;
}

const keywords = (...names: string[]): Record<string, FieldType> =>
  Object.fromEntries(names.map((n) => [n, 'keyword' as FieldType]));

const SPECS: Record<IndexKind, MappingSpec> = {
  'wazuh-alerts-4.x': {
    declared: {
      '@timestamp': 'date',
      timestamp: 'date',
      'syscheck.mtime_after': 'date',
      'syscheck.mtime_before': 'date',
      'rule.level': 'long',
      'rule.firedtimes': 'long',
      'rule.frequency': 'long',
      'syscheck.size_after': 'long',
      'syscheck.size_before': 'long',
      'rule.mail': 'boolean',
      full_log: 'text',
      previous_log: 'text',
      message: 'text',
      ...keywords(
        'agent.id',
        'agent.name',
        'agent.ip',
        'manager.name',
        'cluster.name',
        'cluster.node',
        'rule.id',
        'rule.groups',
        'rule.description',
        'location',
        'decoder.name',
        'syscheck.path',
        'syscheck.event',
        'syscheck.mode',
        'syscheck.md5_after',
        'syscheck.sha1_after',
        'syscheck.sha256_after',
        'syscheck.md5_before',
        'syscheck.sha1_before',
        'syscheck.sha256_before',
        'syscheck.inode_after',
        'syscheck.inode_before',
      ),
    },
    dynamic: 'true',
    dynamicTypes: {},
    notIndexed: [],
    shards: 3,
  },
  'wazuh-events-v5': {
    declared: { '@timestamp': 'date' },
    dynamic: 'strict_allow_templates',
    dynamicTypes: {
      'event.created': 'date',
      'event.ingested': 'date',
      'event.start': 'date',
      'event.end': 'date',
      'file.mtime': 'date',
      'file.ctime': 'date',
      'file.accessed': 'date',
      'file.created': 'date',
      'file.size': 'long',
      'event.duration': 'long',
      'event.severity': 'long',
      'wazuh.protocol.queue': 'long',
      'event.risk_score': 'double',
      'wazuh.agent.host.ip': 'ip',
      'wazuh.space.event_discarded': 'boolean',
    },
    notIndexed: ['event.original'],
    shards: 1,
  },
  'wazuh-states-fim-files': {
    declared: {
      'file.mtime': 'date',
      'state.modified_at': 'date',
      'file.size': 'long',
      'state.document_version': 'long',
      'wazuh.agent.host.ip': 'ip',
      ...keywords(
        'checksum.hash.sha1',
        'file.attributes',
        'file.device',
        'file.gid',
        'file.group',
        'file.hash.md5',
        'file.hash.sha1',
        'file.hash.sha256',
        'file.inode',
        'file.owner',
        'file.path',
        'file.permissions',
        'file.uid',
        'message',
        'wazuh.agent.groups',
        'wazuh.agent.host.architecture',
        'wazuh.agent.host.hostname',
        'wazuh.agent.host.os.name',
        'wazuh.agent.host.os.platform',
        'wazuh.agent.host.os.type',
        'wazuh.agent.host.os.version',
        'wazuh.agent.id',
        'wazuh.agent.name',
        'wazuh.agent.version',
        'wazuh.cluster.name',
        'wazuh.cluster.node',
        'wazuh.schema.version',
      ),
    },
    dynamic: 'strict',
    dynamicTypes: {},
    notIndexed: [],
    shards: 1,
  },
  generic: { declared: {}, dynamic: 'true', dynamicTypes: {}, notIndexed: [], shards: 1 },
};

/** The kind of an index by its name (a data stream's backing index is named after its stream). */
export function kindOfIndex(name: string): IndexKind {
  if (name.startsWith('wazuh-alerts-4.x-')) return 'wazuh-alerts-4.x';
  if (name.startsWith('wazuh-events-v5-') || name.startsWith('.ds-wazuh-events-v5-')) return 'wazuh-events-v5';
  if (name === 'wazuh-states-fim-files') return 'wazuh-states-fim-files';
  return 'generic';
}

export function shardsOf(kind: IndexKind): number {
  return SPECS[kind].shards;
}

/** A document OpenSearch refuses (strict mapping). */
export class MappingError extends Error {}

/** The leaf paths of a document and one sample value each (arrays of objects are walked element by element). */
export function leafPaths(source: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(source)) {
    for (const item of source) leafPaths(item, prefix, out);
    if (source.length === 0 && prefix) out.set(prefix, undefined);
  } else if (source !== null && typeof source === 'object') {
    for (const [k, v] of Object.entries(source)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix && !out.has(prefix)) out.set(prefix, source);
  return out;
}

export class IndexMapping {
  readonly kind: IndexKind;
  private readonly spec: MappingSpec;
  private readonly types = new Map<string, FieldType>();

  constructor(kind: IndexKind) {
    this.kind = kind;
    this.spec = SPECS[kind];
    for (const [f, t] of Object.entries(this.spec.declared)) this.types.set(f, t);
  }

  /** Maps the new fields of a document; a strict index refuses a field its template does not declare. */
  observe(source: Record<string, unknown>, index: string): void {
    const leaves = leafPaths(source);
    if (this.spec.dynamic === 'strict') {
      for (const path of leaves.keys()) {
        if (!this.types.has(path)) {
          const dot = path.lastIndexOf('.');
          throw new MappingError(
            `mapping set to strict, dynamic introduction of [${path.slice(dot + 1)}] within [${dot < 0 ? '_doc' : path.slice(0, dot)}] is not allowed (index ${index})`,
          );
        }
      }
      return;
    }
    for (const [path, sample] of leaves) {
      if (this.types.has(path) || sample === undefined || sample === null) continue;
      const inferred: FieldType =
        typeof sample === 'number'
          ? Number.isInteger(sample)
            ? 'long'
            : 'double'
          : typeof sample === 'boolean'
            ? 'boolean'
            : 'keyword';
      this.types.set(path, this.spec.dynamicTypes[path] ?? inferred);
    }
  }

  typeOf(field: string): FieldType | null {
    return this.types.get(field) ?? null;
  }

  isIndexed(field: string): boolean {
    return !this.spec.notIndexed.includes(field);
  }
}

/** The values of a dotted field in a document (arrays flattened; keys that themselves contain dots honoured). */
export function fieldValues(source: unknown, field: string): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, parts: string[]): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, parts);
      return;
    }
    if (parts.length === 0) {
      if (node !== null && node !== undefined) out.push(node);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    for (let i = parts.length; i >= 1; i--) {
      const key = parts.slice(0, i).join('.');
      if (Object.hasOwn(obj, key)) walk(obj[key], parts.slice(i));
    }
  };
  walk(source, field.split('.'));
  return out;
}
