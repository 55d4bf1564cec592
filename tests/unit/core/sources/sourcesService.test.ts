// The sources service on its own, with a kind of source the test defines on the seam (what the indexer source will
// be: an opaque JSON cursor, records parsed by the source) and a fake sink: start, deliver with the cursor in the
// same transaction, state lines, removal with its counters kept, a type nobody registered, a change of shape.
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../shared/contract';
import type { Logger } from '../../../../electron/core/base/runtime';
import { EventHub } from '../../../../electron/core/events/eventHub';
import type {
  AlertSource,
  RunningStatus,
  SourceBatch,
  SourceHost,
  SourceKind,
} from '../../../../electron/core/sources/alertSource';
import { SourcesService } from '../../../../electron/core/sources/sourcesService';
import { emptyDelta, SourcesStore } from '../../../../electron/core/store/sourcesStore';
import { useTempDatabase } from '../../../helpers/tempDatabase';

const openDb = useTempDatabase('fimv-sources-');

/** A source that reads when the test says so: each read is one batch with a JSON cursor (a page number). */
class PagedSource implements AlertSource {
  state: RunningStatus['state'] = 'starting';
  started = 0;
  stopped = 0;
  page = 0;
  constructor(readonly host: SourceHost) {}
  start(): void {
    this.started++;
    this.state = 'following';
    this.host.stateChanged();
  }
  async stop(): Promise<void> {
    this.stopped++;
  }
  status(): RunningStatus {
    return { state: this.state, message: `page ${this.page}`, offset: this.page, size: null, pendingBytes: 0 };
  }
  /** one page of `n` records: delivered with its cursor, or not at all */
  read(n: number): void {
    const next = this.page + 1;
    this.host.deliver({
      records: { kind: 'parsed', records: [] },
      origin: 'https://indexer.example:9200',
      reason: 'live',
      bytes: 0,
      commit: (delta) =>
        this.host.advance({ kind: 'json', json: JSON.stringify({ page: next }) }, { ...delta, alertsRead: n }),
    });
    this.page = next;
  }
}

function setup(options: { sinkFails?: () => boolean } = {}) {
  const db = openDb();
  const clock = { now: () => 1_000 };
  const logged: string[] = [];
  const log: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };
  const events = new EventHub(log);
  const seen: ApiEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const opened: PagedSource[] = [];
  const kind: SourceKind = {
    type: 'paged',
    open: (_record, host) => {
      const s = new PagedSource(host);
      opened.push(s);
      return s;
    },
  };
  let saved = 0;
  const service = new SourcesService({
    db,
    clock,
    log,
    events,
    // the sink stores nothing of its own here: it runs the source's commit in one transaction, as ingest does
    sink: {
      store: (_id, batch: SourceBatch) =>
        db.transaction(() => {
          const delta = emptyDelta();
          batch.commit(delta);
          if (options.sinkFails?.()) throw new Error('the database refused the write');
          return { delta, insertedAlerts: 0 };
        })(),
    },
    mirror: { save: () => saved++ },
    kinds: () => new Map([[kind.type, kind]]),
  });
  const store = new SourcesStore(db);
  return { service, store, opened, seen, logged, saved: () => saved };
}

describe('SourcesService', () => {
  it('starts each stored source of a registered kind, and says its state', () => {
    const { service, store, opened, seen } = setup();
    const id = store.add(
      { type: 'paged', path: 'https://indexer.example:9200', kind: null, fromEnd: false, config: { version: 5 } },
      1,
    ).id;
    service.startAll();
    expect(opened).toHaveLength(1);
    expect(service.status(id)).toMatchObject({ state: 'following', message: 'page 0', offset: 0 });
    expect(seen.some((e) => e.type === 'source' && e.source.id === id)).toBe(true);
    expect(store.get(id)!.config).toEqual({ version: 5 });
  });

  it('stores an opaque cursor with its batch, and keeps the old one when the batch is refused', () => {
    let fail = false;
    const { service, store, opened } = setup({ sinkFails: () => fail });
    const id = store.add({ type: 'paged', path: 'https://indexer.example:9200', kind: null, fromEnd: false }, 1).id;
    service.startAll();
    opened[0].read(3);
    expect(store.get(id)).toMatchObject({ cursor: { kind: 'json', json: '{"page":1}' }, counters: { alertsRead: 3 } });
    fail = true;
    expect(() => opened[0].read(4)).toThrow('refused');
    expect(store.get(id)).toMatchObject({ cursor: { kind: 'json', json: '{"page":1}' }, counters: { alertsRead: 3 } });
  });

  it('removes a source: stopped, gone, and what it read still counted', async () => {
    const { service, store, opened, saved } = setup();
    const id = store.add({ type: 'paged', path: 'https://indexer.example:9200', kind: null, fromEnd: false }, 1).id;
    service.startAll();
    opened[0].read(5);
    expect(await service.remove(id)).toBe(true);
    expect(opened[0].stopped).toBe(1);
    expect(service.list()).toEqual([]);
    expect(service.totals().alertsRead).toBe(5);
    expect(saved()).toBe(1);
    expect(await service.remove(id)).toBe(false);
  });

  it('does not start a source of a type nobody registered, and says so', () => {
    const { service, store, opened, logged } = setup();
    const id = store.add({ type: 'carrier-pigeon', path: 'coop 7', kind: null, fromEnd: false }, 1).id;
    service.startAll();
    expect(opened).toEqual([]);
    expect(service.status(id)).toMatchObject({ state: 'stopped' });
    expect(logged.join('\n')).toMatch(/unknown type "carrier-pigeon": not started/);
  });

  it('a source that turns out to be of another shape is started again as that', async () => {
    const { service, store, opened } = setup();
    const id = store.add({ type: 'paged', path: '/mnt/alerts', kind: 'file', fromEnd: false }, 1).id;
    service.startAll();
    opened[0].host.restartAs({ kind: 'folder' });
    await new Promise((r) => setImmediate(r));
    expect(opened).toHaveLength(2);
    expect(opened[0].stopped).toBe(1);
    expect(store.get(id)!.kind).toBe('folder');
  });

  it('refuses a backfill of a kind that cannot read a past range, and of a source that does not exist', async () => {
    const { service, store } = setup();
    const id = store.add({ type: 'paged', path: 'https://indexer.example:9200', kind: null, fromEnd: false }, 1).id;
    await expect(service.startBackfill(id, '2024-01-01', '2024-01-02')).rejects.toMatchObject({ code: 'bad-request' });
    await expect(service.startBackfill(999, '2024-01-01', '2024-01-02')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a path that is not absolute, naming the field', () => {
    const { service } = setup();
    expect(() => service.add('alerts.json', false)).toThrow(/not an absolute path/);
  });
});
