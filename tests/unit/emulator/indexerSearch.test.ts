// The test indexer's search semantics over plain HTTP: term on arrays, ranges (ISO with offsets, epoch millis,
// date math), sort values, search_after strictness on ties, _source, totals, the result window, mappings that
// fail shards, and _shard_doc per version.
import { afterEach, describe, expect, it } from 'vitest';
import { type IndexerServer, startIndexerServer } from '../../emulator/indexer/indexerServer';
import { alert, call } from './indexerHelpers';

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

const TS = (sec: number) => `2026-07-05T09:00:${String(sec).padStart(2, '0')}.000+0200`;
const ids = (r: { json: { hits: { hits: { _source: { id: string } }[] } } }) =>
  r.json.hits.hits.map((h) => h._source.id);

describe('search', () => {
  it('filters with term on array fields, terms, ranges (ISO with offsets, epoch millis, date math) and exists', async () => {
    const s = await server();
    s.addAlerts([
      alert('1.1', TS(1)),
      alert('1.2', TS(2), { rule: { level: 3, id: '5710', groups: ['syslog', 'sshd'] }, syscheck: undefined }),
      alert('1.3', TS(3)),
    ]);
    const q = async (query: unknown) =>
      ids(await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { query, sort: ['id'] }));
    expect(await q({ term: { 'rule.groups': 'syscheck' } })).toEqual(['1.1', '1.3']);
    expect(await q({ terms: { 'rule.groups': ['sshd', 'nothing'] } })).toEqual(['1.2']);
    expect(await q({ range: { timestamp: { gt: '2026-07-05T07:00:01Z' } } })).toEqual(['1.2', '1.3']);
    const ms = Date.parse('2026-07-05T07:00:02Z');
    expect(await q({ range: { timestamp: { gte: ms } } })).toEqual(['1.2', '1.3']);
    expect(await q({ range: { timestamp: { lt: String(ms), format: 'epoch_millis' } } })).toEqual(['1.1']);
    expect(await q({ range: { '@timestamp': { gte: 'now-3h', lte: 'now' } } })).toEqual(['1.1', '1.2', '1.3']);
    expect(
      await q({
        bool: { filter: [{ exists: { field: 'syscheck.sha256_after' } }], must_not: [{ term: { id: '1.3' } }] },
      }),
    ).toEqual(['1.1']);
    const bad = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { query: { term: { 'rule.level': 'seven' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.root_cause[0]).toMatchObject({
      type: 'query_shard_exception',
      reason: 'failed to create query: For input string: "seven"',
    });
    const count = await call(s, 'POST', '/wazuh-alerts-4.x-*/_count', {
      query: { term: { 'rule.groups': 'syscheck' } },
    });
    expect(count.json).toEqual({ count: 2, _shards: { total: 3, successful: 3, skipped: 0, failed: 0 } });
  });

  it('writes date sort values as epoch millis and never returns a hit that ties with search_after', async () => {
    const s = await server();
    // six alerts, four of them in the same millisecond
    s.addAlerts(
      ['1.1', '1.2', '1.3', '1.4'].map((id) => alert(id, TS(5))).concat([alert('0.9', TS(4)), alert('2.0', TS(6))]),
    );
    const page = (sort: unknown[], after?: unknown[]) =>
      call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { size: 2, sort, ...(after ? { search_after: after } : {}) });
    const first = await page([{ timestamp: 'asc' }, { id: 'asc' }]);
    expect(first.json.hits.hits[1].sort).toEqual([Date.parse('2026-07-05T07:00:05Z'), '1.1']);
    // timestamp alone: the next page after a tie skips the other three alerts of that millisecond
    const lossy = await page([{ timestamp: 'asc' }]);
    const lossyNext = await page([{ timestamp: 'asc' }], lossy.json.hits.hits[1].sort);
    expect(ids(lossyNext)).toEqual(['2.0']);
    // timestamp + the alert id: every alert once, in order
    const seen: string[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const r = await page([{ timestamp: 'asc' }, { id: 'asc' }], after);
      if (r.json.hits.hits.length === 0) break;
      seen.push(...ids(r));
      after = r.json.hits.hits.at(-1).sort;
    }
    expect(seen).toEqual(['0.9', '1.1', '1.2', '1.3', '1.4', '2.0']);
    const desc = await page([{ timestamp: { order: 'desc', format: 'strict_date_optional_time' } }, { id: 'desc' }]);
    expect(desc.json.hits.hits[0].sort).toEqual(['2026-07-05T07:00:06.000Z', '2.0']);
  });

  it('filters _source, counts totals as asked and writes a missing number as Long.MAX_VALUE', async () => {
    const s = await server();
    s.addAlerts([alert('1.1', TS(1)), alert('1.2', TS(2), { rule: { level: 3, id: '1', groups: [] } })]);
    const r = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search?rest_total_hits_as_int=true', {
      _source: { includes: ['syscheck.*', 'id'], excludes: ['syscheck.sha256_after'] },
      sort: [{ 'syscheck.size_after': 'asc' }, 'id'],
    });
    expect(r.json.hits.total).toBe(2);
    expect(r.json.hits.hits[0]._source).toEqual({ id: '1.1', syscheck: { path: '/etc/1.1', event: 'modified' } });
    expect(r.text).toContain('"sort":[9223372036854775807,"1.1"]');
    const noTotal = await call(s, 'POST', '/_search', { track_total_hits: false, _source: false });
    expect(noTotal.json.hits).not.toHaveProperty('total');
    expect(noTotal.json.hits.hits[0]).not.toHaveProperty('_source');
    expect((await call(s, 'POST', '/_search', { track_total_hits: 1 })).json.hits.total).toEqual({
      value: 1,
      relation: 'gte',
    });
  });

  it('refuses from + size past the result window, and from with search_after', async () => {
    const s = await server();
    s.addAlerts([alert('1.1', TS(1))]);
    const r = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { from: 9_995, size: 10 });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ type: 'search_phase_execution_exception', reason: 'all shards failed' });
    expect(r.json.error.root_cause[0].reason).toMatch(
      /^Result window is too large, from \+ size must be less than or equal to: \[10000\] but was \[10005\]/,
    );
    const sa = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { from: 1, sort: ['id'], search_after: ['1'] });
    expect(sa.status).toBe(500);
    expect(sa.json.error.root_cause[0].reason).toBe('`from` parameter must be set to 0 when `search_after` is used.');
    const len = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { sort: ['timestamp', 'id'], search_after: [1] });
    expect(len.json.error.root_cause[0].reason).toBe('search_after has 1 value(s) but sort has 2.');
  });

  it('fails the shards of an index where a sort field is unmapped (a new 5.x backing index), unless unmapped_type', async () => {
    const s = await server({ preset: 'wazuh-5.x' });
    s.addEvents([{ '@timestamp': '2026-07-05T09:00:00.000Z', wazuh: { event: { id: 'e1' } } }]);
    s.rollover('wazuh-events-v5-system-activity');
    s.addEvents([{ '@timestamp': '2026-07-05T09:00:01.000Z', message: 'no id yet' }]);
    const sort = [{ '@timestamp': 'asc' }, { 'wazuh.event.id': 'asc' }];
    const r = await call(s, 'POST', '/wazuh-events-v5-system-activity/_search', { sort });
    expect(r.status).toBe(200);
    expect(r.json._shards).toMatchObject({ total: 2, successful: 1, failed: 1 });
    expect(r.json._shards.failures[0]).toMatchObject({
      index: '.ds-wazuh-events-v5-system-activity-000002',
      reason: { type: 'query_shard_exception', reason: 'No mapping found for [wazuh.event.id] in order to sort on' },
    });
    const ok = await call(s, 'POST', '/wazuh-events-v5-system-activity/_search', {
      sort: [{ '@timestamp': 'asc' }, { 'wazuh.event.id': { order: 'asc', unmapped_type: 'keyword' } }],
    });
    expect(ok.json._shards.failed).toBe(0);
    expect(ok.json.hits.hits.map((h: { sort: unknown[] }) => h.sort[1])).toEqual(['e1', null]);
  });

  it('knows _shard_doc only from OpenSearch 3.3, and only with a point in time', async () => {
    let s = await server();
    s.addAlerts([alert('1.1', TS(1))]);
    let r = await call(s, 'POST', '/wazuh-alerts-4.x-*/_search', { sort: ['timestamp', '_shard_doc'] });
    expect(r.status).toBe(400);
    expect(r.json.error.root_cause[0].reason).toBe('No mapping found for [_shard_doc] in order to sort on');
    await s.close();
    s = await server({ preset: 'wazuh-5.x' });
    s.addEvents([{ '@timestamp': '2026-07-05T09:00:00.000Z' }]);
    r = await call(s, 'POST', '/wazuh-events-v5-*/_search', { sort: ['@timestamp', '_shard_doc'] });
    expect(r.json.error.reason).toBe(
      'Validation Failed: 1: _shard_doc is only supported with point-in-time (PIT). Add a PIT or remove _shard_doc.;',
    );
    const pit = await call(s, 'POST', '/wazuh-events-v5-*/_search/point_in_time?keep_alive=1m');
    r = await call(s, 'POST', '/_search', { pit: { id: pit.json.pit_id }, sort: ['@timestamp', '_shard_doc'] });
    expect(r.json.hits.hits[0].sort).toEqual([Date.parse('2026-07-05T09:00:00Z'), expect.any(Number)]);
  });

  it('applies filter_path, and reorders tied hits per request when asked to play replicas', async () => {
    const s = await server({ tieOrder: 'shuffled' });
    s.addAlerts(Array.from({ length: 40 }, (_, i) => alert(`1.${100 + i}`, TS(5))));
    const filtered = await call(s, 'POST', '/_search?filter_path=hits.hits._id,hits.total', { size: 2 });
    expect(Object.keys(filtered.json)).toEqual(['hits']);
    expect(Object.keys(filtered.json.hits)).toEqual(['total', 'hits']);
    expect(Object.keys(filtered.json.hits.hits[0])).toEqual(['_id']);
    const orders = new Set<string>();
    for (let i = 0; i < 5; i++) {
      orders.add(ids(await call(s, 'POST', '/_search', { size: 40, sort: [{ timestamp: 'asc' }] })).join());
    }
    expect(orders.size).toBeGreaterThan(1);
    const stable = new Set<string>();
    for (let i = 0; i < 3; i++) {
      stable.add(
        ids(await call(s, 'POST', '/_search', { size: 40, sort: [{ timestamp: 'asc' }, { id: 'asc' }] })).join(),
      );
    }
    expect(stable.size).toBe(1);
  });
});
