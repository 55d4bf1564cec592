// The test indexer over plain HTTP: identity per preset, security answers, catalogue, visibility, points in
// time, fault switches and the request log (search semantics: indexerSearch.test.ts).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type IndexerServer, startIndexerServer } from '../../emulator/indexer/indexerServer';
import { alert, basic, call } from './indexerHelpers';

let ix: IndexerServer | null = null;
let now = Date.UTC(2026, 6, 5, 10, 0, 0);
async function server(o: Parameters<typeof startIndexerServer>[0] = {}): Promise<IndexerServer> {
  now = Date.UTC(2026, 6, 5, 10, 0, 0);
  ix = await startIndexerServer({ tls: false, now: () => now, ...o });
  return ix;
}
afterEach(async () => {
  await ix?.close();
  ix = null;
});

const T0 = '2026-07-05T09:00:00.000+0000';
const TS = (sec: number) => `2026-07-05T09:00:${String(sec).padStart(2, '0')}.000+0200`;
const ids = (r: { json: { hits: { hits: { _source: { id: string } }[] } } }) =>
  r.json.hits.hits.map((h) => h._source.id);

describe('identity and security', () => {
  it('answers GET / as a Wazuh 4.x indexer (7.10.2, no distribution) and as a 5.x one (OpenSearch 3.6)', async () => {
    let s = await server();
    let r = await call(s, 'GET', '/');
    expect(r.json.version.number).toBe('7.10.2');
    expect(r.json.version).not.toHaveProperty('distribution');
    expect(r.json.tagline).toBe('The OpenSearch Project: https://opensearch.org/');
    expect((await call(s, 'HEAD', '/')).status).toBe(200);
    await s.close();
    s = await server({ preset: 'wazuh-5.x' });
    r = await call(s, 'GET', '/');
    expect(r.json.version).toMatchObject({ distribution: 'opensearch', number: '3.6.0' });
  });

  it('challenges missing or wrong credentials as the security plugin does', async () => {
    const s = await server();
    for (const auth of [null, basic('admin', 'wrong'), basic('nobody', 'x')]) {
      const r = await call(s, 'GET', '/', undefined, auth);
      expect(r.status).toBe(401);
      expect(r.text).toBe('Unauthorized');
      expect(r.headers.get('www-authenticate')).toBe('Basic realm="OpenSearch Security"');
      expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    }
    expect(s.requests.map((q) => q.user)).toEqual([null, 'admin', 'nobody']);
  });

  it('refuses an index the user may not read with 403 security_exception, wildcards included', async () => {
    const s = await server();
    s.addAlerts([alert('1.1', T0)]);
    s.upsertFimStates([{ file: { path: '/etc/passwd' }, wazuh: { agent: { id: '001' } } }]);
    const user = basic('alerts-only', 'alerts-only-password');
    expect((await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', {}, user)).status).toBe(200);
    for (const path of ['/wazuh-states-fim-files/_search', '/wazuh-*/_search']) {
      const r = await call(s, 'POST', path, {}, user);
      expect(r.status).toBe(403);
      const reason =
        'no permissions for [indices:data/read/search] and User [name=alerts-only, backend_roles=[], requestedTenant=null]';
      expect(r.json).toEqual({
        error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason },
        status: 403,
      });
    }
    s.config.doNotFailOnForbidden = true;
    const reduced = await call(s, 'POST', '/wazuh-*/_search', {}, user);
    expect(reduced.status).toBe(200);
    expect(reduced.json.hits.hits.map((h: { _index: string }) => h._index)).toEqual(['wazuh-alerts-4.x-2026.07.05']);
  });

  it('refuses unknown parameters and unknown routes as OpenSearch does', async () => {
    const s = await server();
    const r = await call(s, 'POST', '/_search?sizee=1', {});
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('request [/_search] contains unrecognized parameter: [sizee]');
    const scroll = await call(s, 'POST', '/_search?scroll=1m', {});
    expect([scroll.status, scroll.json.error.reason]).toEqual([
      400,
      'test server: [scroll] is not emulated (use a query body; page with a point in time)',
    ]);
    const nh = await call(s, 'GET', '/_plugins/_nothing');
    expect(nh.status).toBe(400);
    expect(nh.json).toEqual({ error: 'no handler found for uri [/_plugins/_nothing] and method [GET]' });
  });
});

describe('catalogue', () => {
  it('lists daily indices, data stream backing indices and the state index', async () => {
    const s = await server({ preset: 'wazuh-5.x' });
    s.addAlerts([alert('1.1', '2026-07-04T23:30:00.000-0100'), alert('1.2', T0)]);
    s.addEvents([{ '@timestamp': '2026-07-05T09:00:00.000Z', wazuh: { event: { id: 'e1' } } }]);
    const cat = await call(s, 'GET', '/_cat/indices/wazuh-*?format=json&s=index');
    expect(cat.json.map((r: { index: string }) => r.index)).toEqual([
      '.ds-wazuh-events-v5-system-activity-000001',
      'wazuh-alerts-4.x-2026.07.05',
    ]);
    expect(cat.json[1]).toMatchObject({ health: 'green', status: 'open', pri: '3', rep: '0', 'docs.count': '2' });
    const text = await call(s, 'GET', '/_cat/indices/wazuh-alerts-*?h=index,docs.count');
    expect(text.text).toBe('wazuh-alerts-4.x-2026.07.05 2\n');
    const resolved = await call(s, 'GET', '/_resolve/index/wazuh-*');
    expect(resolved.json).toEqual({
      indices: [{ name: 'wazuh-alerts-4.x-2026.07.05', attributes: ['open'] }],
      aliases: [],
      data_streams: [
        {
          name: 'wazuh-events-v5-system-activity',
          backing_indices: ['.ds-wazuh-events-v5-system-activity-000001'],
          timestamp_field: '@timestamp',
        },
      ],
    });
    const missing = await call(s, 'GET', '/_resolve/index/wazuh-nothing');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({
      type: 'index_not_found_exception',
      reason: 'no such index [wazuh-nothing]',
    });
  });
});

describe('visibility and points in time', () => {
  it('shows a document only once it is searchable, whatever its timestamp says', async () => {
    const s = await server();
    s.addAlerts([alert('1.1', TS(1))]);
    s.addAlerts([alert('0.5', TS(0))], { visibleAt: now + 20_000 });
    s.addAlerts([alert('0.7', TS(0))], { visibleAt: 'refresh' });
    const search = () => call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { sort: ['timestamp', 'id'] });
    expect(ids(await search())).toEqual(['1.1']);
    expect(s.store.pending()).toBe(2);
    now += 20_000;
    expect(ids(await search())).toEqual(['0.5', '1.1']);
    s.refresh();
    expect(ids(await search())).toEqual(['0.5', '0.7', '1.1']);
  });

  it('freezes a point in time at creation, extends it by keep_alive and forgets it when it expires', async () => {
    const s = await server();
    s.addAlerts([alert('1.1', TS(1)), alert('1.2', TS(2))]);
    s.addAlerts([alert('0.9', TS(0))], { visibleAt: now + 5_000 });
    const created = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search/point_in_time?keep_alive=1m');
    expect(created.json).toEqual({
      pit_id: expect.stringMatching(/^[A-Za-z0-9_-]+=*$/),
      _shards: { total: 3, successful: 3, skipped: 0, failed: 0 },
      creation_time: now,
    });
    const id = created.json.pit_id as string;
    now += 10_000;
    s.addAlerts([alert('1.3', TS(3))]);
    const inPit = await call(s, 'POST', '/_search', { pit: { id, keep_alive: '1m' }, sort: ['timestamp', 'id'] });
    expect(inPit.json.pit_id).toBe(id);
    expect(ids(inPit)).toEqual(['1.1', '1.2']);
    const live = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { sort: ['timestamp', 'id'] });
    expect(ids(live)).toEqual(['0.9', '1.1', '1.2', '1.3']);
    const withIndex = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { pit: { id } });
    expect(withIndex.json.error.reason).toBe(
      'Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;',
    );
    now += 59_000; // still alive: the search above extended it by 1m
    expect((await call(s, 'POST', '/_search', { pit: { id } })).status).toBe(200);
    now += 61_000;
    const expired = await call(s, 'POST', '/_search', { pit: { id } });
    expect(expired.status).toBe(404);
    expect(expired.json.error).toMatchObject({ type: 'search_phase_execution_exception', reason: 'all shards failed' });
    expect(expired.json.error.root_cause[0].type).toBe('search_context_missing_exception');
  });

  it('closes points in time by id or all at once, and caps how many stay open', async () => {
    const s = await server({ maxOpenPits: 2 });
    s.addAlerts([alert('1.1', TS(1))]);
    const a = (await call(s, 'POST', '/wazuh-alerts-4.x-*/_search/point_in_time?keep_alive=5m')).json.pit_id;
    await call(s, 'POST', '/wazuh-alerts-4.x-*/_search/point_in_time?keep_alive=5m');
    const third = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search/point_in_time?keep_alive=5m');
    expect(third.status).toBe(429);
    expect(third.json.error.type).toBe('rejected_execution_exception');
    expect((await call(s, 'GET', '/_search/point_in_time/_all')).json.pits).toHaveLength(2);
    expect((await call(s, 'DELETE', '/_search/point_in_time', { pit_id: [a] })).json).toEqual({
      pits: [{ successful: true, pit_id: a }],
    });
    expect((await call(s, 'DELETE', '/_search/point_in_time', { pit_id: a })).json.pits[0].successful).toBe(false);
    expect((await call(s, 'DELETE', '/_search/point_in_time/_all')).json.pits).toHaveLength(1);
    expect(s.pits.open()).toHaveLength(0);
    const noKeepAlive = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search/point_in_time');
    expect(noKeepAlive.status).toBe(400);
  });

  it('plays an indexer without points in time (OpenSearch 1.2.4, Wazuh 4.3)', async () => {
    const s = await server({ preset: 'wazuh-4.3' });
    s.addAlerts([alert('1.1', TS(1))]);
    const create = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search/point_in_time?keep_alive=1m');
    expect(create.status).toBe(400);
    expect(create.json).toEqual({
      error: 'no handler found for uri [/wazuh-alerts-4.x-*/_search/point_in_time?keep_alive=1m] and method [POST]',
    });
    const search = await call(s, 'POST', '/_search', { pit: { id: 'x' } });
    expect(search.json.error).toMatchObject({
      type: 'parsing_exception',
      reason: 'Unknown key for a START_OBJECT in [pit].',
    });
    expect((await call(s, 'DELETE', '/_search/point_in_time', { pit_id: ['x'] })).status).toBe(400);
  });
});

describe('faults and the request log', () => {
  it('answers 429, 503 and injected 401/403 for N requests of a route, then normally', async () => {
    const s = await server();
    s.addAlerts([alert('1.1', TS(1))]);
    s.fail('search', { kind: 'too-many-requests' }, 1);
    s.fail('search', { kind: 'unavailable' }, 1);
    s.fail('search', { kind: 'unavailable', variant: 'security-not-initialized' }, 1);
    s.fail('info', { kind: 'unauthorized' });
    const r1 = await call(s, 'POST', '/_search', {});
    expect(r1.status).toBe(429);
    expect(r1.json.error.root_cause[0].type).toBe('rejected_execution_exception');
    const r2 = await call(s, 'POST', '/_search', {});
    expect(r2.status).toBe(503);
    expect(r2.json.error.type).toBe('cluster_block_exception');
    const r3 = await call(s, 'POST', '/_search', {});
    expect([r3.status, r3.text]).toEqual([503, 'OpenSearch Security not initialized.']);
    expect((await call(s, 'POST', '/_search', {})).status).toBe(200);
    expect((await call(s, 'GET', '/')).status).toBe(401);
    expect((await call(s, 'GET', '/')).status).toBe(401);
    s.clearFaults();
    expect((await call(s, 'GET', '/')).status).toBe(200);
    s.fail('*', { kind: 'reset' }, 1);
    await expect(call(s, 'GET', '/')).rejects.toThrow();
  });

  it('answers late when slow and never when hanging', async () => {
    const s = await server();
    s.fail('info', { kind: 'slow', ms: 20 }, 1);
    s.fail('info', { kind: 'slow-body', ms: 20 }, 1);
    s.fail('info', { kind: 'hang' }, 1);
    expect((await call(s, 'GET', '/')).json.version.number).toBe('7.10.2');
    expect((await call(s, 'GET', '/')).json.version.number).toBe('7.10.2');
    const controller = new AbortController();
    const hanging = fetch(`${s.url}/`, {
      headers: { authorization: basic('admin', 'admin') },
      signal: controller.signal,
    });
    while (s.requests.length < 3) await new Promise((r) => setImmediate(r));
    controller.abort();
    await expect(hanging).rejects.toThrow(/abort/i);
    expect(s.requests.map((r) => r.status)).toEqual([200, 200, null]);
  });

  it('reports failed shards and answers from the others only', async () => {
    const s = await server();
    s.addAlerts(Array.from({ length: 30 }, (_, i) => alert(`1.${i + 10}`, TS(1))));
    const all = await call(s, 'POST', '/_search', { size: 100 });
    s.fail('search', { kind: 'shard-failures', failed: 2 }, 2);
    const partial = await call(s, 'POST', '/_search', { size: 100 });
    expect(partial.json._shards).toMatchObject({ total: 3, successful: 1, skipped: 0, failed: 2 });
    expect(partial.json._shards.failures).toHaveLength(2);
    expect(partial.json._shards.failures[0].reason.type).toBe('node_disconnected_exception');
    const shard2 = s.store.indices.get('wazuh-alerts-4.x-2026.07.05')!.versions.filter((v) => v.shard === 2).length;
    expect(partial.json.hits.hits).toHaveLength(shard2);
    expect(partial.json.hits.hits.length).toBeLessThan(all.json.hits.hits.length);
    const strict = await call(s, 'POST', '/_search?allow_partial_search_results=false', {});
    expect(strict.status).toBe(500);
    expect(strict.json.error.reason).toBe('Partial shards failure');
  });

  it('records method, path, query, body, user and status of every request', async () => {
    const s = await server();
    await call(
      s,
      'POST',
      '/wazuh-alerts-4.x-*/_search?size=5',
      { query: { match_all: {} } },
      basic('fim-reader', 'fim-reader-password'),
    );
    await call(s, 'GET', '/', undefined, null);
    expect(s.requests).toEqual([
      {
        at: now,
        method: 'POST',
        path: '/wazuh-alerts-4.x-*/_search',
        query: { size: '5' },
        body: { query: { match_all: {} } },
        user: 'fim-reader',
        route: 'search',
        status: 200,
      },
      { at: now, method: 'GET', path: '/', query: {}, body: null, user: null, route: 'info', status: 401 },
    ]);
    expect(s.searches()).toHaveLength(1);
    s.reset();
    expect(s.requests).toHaveLength(0);
  });

  it('refuses a FIM state document with a field the strict template does not declare, and updates by id', async () => {
    const s = await server({ preset: 'wazuh-5.x' });
    const state = {
      file: { path: '/etc/passwd', hash: { sha256: 'a'.repeat(64) } },
      wazuh: { agent: { id: '001' }, cluster: { name: 'wazuh' } },
    };
    const [v] = s.upsertFimStates([state]);
    expect(v.id).toBe(`wazuh_001_${createHash('sha1').update('/etc/passwd').digest('hex')}`);
    s.upsertFimStates([{ ...state, file: { path: '/etc/passwd', hash: { sha256: 'b'.repeat(64) } } }]);
    const r = await call(s, 'POST', '/wazuh-states-fim-files/_search', {});
    expect(r.json.hits.total.value).toBe(1);
    expect(r.json.hits.hits[0]._source.file.hash.sha256).toBe('b'.repeat(64));
    expect(() => s.upsertFimStates([{ ...state, file: { path: '/x', colour: 'red' } }])).toThrow(
      /mapping set to strict, dynamic introduction of \[colour\] within \[file\] is not allowed/,
    );
  });
});
