// The emulated cluster's data: indices (with shards and mappings), data streams and their backing indices, and
// every document version with the time it was indexed and the time it became searchable (a refresh). Searches
// outside a point in time see, per document id, the newest version that is visible at that moment.
import { createHash } from 'node:crypto';
import { IndexMapping, kindOfIndex, MappingError, shardsOf, type IndexKind } from './mapping';

export interface DocVersion {
  index: string;
  id: string;
  /** global write order (the `_doc` order) */
  seq: number;
  shard: number;
  source: Record<string, unknown>;
  indexedAt: number;
  /** searchable from this time on; Infinity until the next refresh() */
  visibleAt: number;
  /** a deletion marker */
  deleted: boolean;
}

export interface IndexState {
  name: string;
  uuid: string;
  kind: IndexKind;
  shards: number;
  hidden: boolean;
  dataStream: string | null;
  mapping: IndexMapping;
  versions: DocVersion[];
  creationDate: number;
  live: { count: number; at: number; until: number; docs: DocVersion[] } | null;
}

export interface DataStreamState {
  name: string;
  backing: string[];
  timestampField: string;
}

export interface WriteOptions {
  /** when it was indexed (default now) */
  indexedAt?: number;
  /** when it becomes searchable: a time, or 'refresh' = at the next refresh(); default: at once */
  visibleAt?: number | 'refresh';
}

export interface NewDoc {
  /** default: an id generated like OpenSearch's (20 base64url characters) */
  id?: string;
  source: Record<string, unknown>;
}

const hashBytes = (text: string): Buffer => createHash('sha1').update(text).digest();

export function isDataStreamName(name: string): boolean {
  return /^wazuh-(events|findings)-v5-[a-z0-9-]+$/.test(name) || name === 'wazuh-events-raw-v5';
}

export class IndexStore {
  readonly indices = new Map<string, IndexState>();
  readonly streams = new Map<string, DataStreamState>();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  ensureIndex(name: string, dataStream: string | null = null): IndexState {
    const existing = this.indices.get(name);
    if (existing) return existing;
    const kind = kindOfIndex(name);
    const state: IndexState = {
      name,
      uuid: hashBytes(`uuid:${name}`).toString('base64url').slice(0, 22),
      kind,
      shards: shardsOf(kind),
      hidden: name.startsWith('.'),
      dataStream,
      mapping: new IndexMapping(kind),
      versions: [],
      creationDate: this.now(),
      live: null,
    };
    this.indices.set(name, state);
    return state;
  }

  ensureStream(name: string): DataStreamState {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = { name, backing: [], timestampField: '@timestamp' };
      this.streams.set(name, stream);
      this.rollover(name);
    }
    return stream;
  }

  /** A new backing (write) index for the stream: `.ds-<stream>-00000N`. */
  rollover(streamName: string): string {
    const stream = this.streams.get(streamName) ?? this.ensureStream(streamName);
    const name = `.ds-${streamName}-${String(stream.backing.length + 1).padStart(6, '0')}`;
    stream.backing.push(name);
    this.ensureIndex(name, streamName);
    return name;
  }

  /** Indexes documents into an index or data stream (a stream's documents go to its write index). */
  write(target: string, docs: readonly NewDoc[], options: WriteOptions = {}): DocVersion[] {
    const now = this.now();
    const isStream = this.streams.has(target) || (!this.indices.has(target) && isDataStreamName(target));
    const stream = isStream ? this.ensureStream(target) : null;
    const index = this.ensureIndex(stream ? stream.backing[stream.backing.length - 1] : target);
    const written: DocVersion[] = [];
    for (const doc of docs) {
      if (stream && !(stream.timestampField in doc.source)) {
        throw new MappingError(`data stream timestamp field [${stream.timestampField}] is missing (${target})`);
      }
      index.mapping.observe(doc.source, index.name);
      this.seq += 1;
      const id = doc.id ?? hashBytes(`${index.name}:${this.seq}`).toString('base64url').slice(0, 20);
      const version: DocVersion = {
        index: index.name,
        id,
        seq: this.seq,
        shard: hashBytes(id).readUInt32BE(0) % index.shards,
        source: structuredClone(doc.source),
        indexedAt: options.indexedAt ?? now,
        visibleAt: options.visibleAt === 'refresh' ? Infinity : (options.visibleAt ?? now),
        deleted: false,
      };
      index.versions.push(version);
      written.push(version);
    }
    return written;
  }

  /** Deletes a document (a newer, deleted version); the deletion is visible per `options` like a write. */
  delete(indexName: string, id: string, options: WriteOptions = {}): boolean {
    const index = this.indices.get(indexName);
    if (!index || !this.live(index, Infinity).some((d) => d.id === id)) return false;
    this.seq += 1;
    index.versions.push({
      index: indexName,
      id,
      seq: this.seq,
      shard: hashBytes(id).readUInt32BE(0) % index.shards,
      source: {},
      indexedAt: options.indexedAt ?? this.now(),
      visibleAt: options.visibleAt === 'refresh' ? Infinity : (options.visibleAt ?? this.now()),
      deleted: true,
    });
    index.live = null;
    return true;
  }

  /** Makes every written-but-unrefreshed version searchable now. */
  refresh(): void {
    const now = this.now();
    for (const index of this.indices.values()) {
      for (const v of index.versions) if (v.visibleAt === Infinity) v.visibleAt = now;
      index.live = null;
    }
  }

  /** Per id, the newest version visible at `at` (deleted documents left out), in write order. */
  live(index: IndexState, at: number): DocVersion[] {
    const cached = index.live;
    if (cached && cached.count === index.versions.length && at >= cached.at && at < cached.until) return cached.docs;
    const latest = new Map<string, DocVersion>();
    let until = Infinity;
    for (const v of index.versions) {
      if (v.visibleAt <= at) latest.set(v.id, v);
      else if (v.visibleAt < until) until = v.visibleAt;
    }
    const docs = [...latest.values()].filter((v) => !v.deleted).sort((a, b) => a.seq - b.seq);
    index.live = { count: index.versions.length, at, until, docs };
    return docs;
  }

  /** Documents written but not yet searchable. */
  pending(): number {
    const now = this.now();
    let n = 0;
    for (const index of this.indices.values()) for (const v of index.versions) if (v.visibleAt > now) n++;
    return n;
  }
}
