// Conformance: the official OpenSearch client (@opensearch-project/opensearch 3.x, what the indexer source will
// use) against the test indexer: info, PIT + search_after paging over generated 4.x and 5.x corpora (every
// FIM document exactly once, new documents outside the PIT), closing the PIT, the TLS cases, and 401, 403,
// 429 and 503 as the client reports them (503 retried by the client itself, 429 not).
import { Client, errors } from '@opensearch-project/opensearch';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type IndexerServer,
  type IndexerServerOptions,
  startIndexerServer,
  TLS_FILES,
} from '../../emulator/indexer/indexerServer';
import { fimDocIdsWithHash, summarize } from '../../generators/indexerCorpus';
import { feedCorpus4, generateIndexer4Corpus } from '../../generators/wazuhIndexer4';
import { feedCorpus5, generateEvents5Corpus } from '../../generators/wazuhEvents5';

let ix: IndexerServer | null = null;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await ix?.close();
  ix = null;
});

async function serve(o: IndexerServerOptions = {}): Promise<IndexerServer> {
  ix = await startIndexerServer(o);
  return ix;
}

function client(
  s: IndexerServer,
  o: { user?: string; password?: string; ca?: string | null; maxRetries?: number } = {},
): Client {
  const c = new Client({
    node: s.url,
    auth: { username: o.user ?? 'admin', password: o.password ?? 'admin' },
    ...(o.ca === null ? {} : { ssl: { ca: o.ca ?? s.caPem ?? undefined } }),
    maxRetries: o.maxRetries ?? 0,
  });
  clients.push(c);
  return c;
}

interface Hit {
  _id: string;
  _source: Record<string, unknown>;
  sort: unknown[];
}

/** Pages through a PIT with search_after, as an indexer poller does; returns the hits in order. */
async function pageAll(c: Client, pitId: string, query: unknown, sort: unknown[], size = 97): Promise<Hit[]> {
  const out: Hit[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const r = await c.search({
      body: {
        pit: { id: pitId, keep_alive: '1m' },
        size,
        query,
        sort,
        ...(after ? { search_after: after } : {}),
      } as never,
    });
    const hits = r.body.hits.hits as unknown as Hit[];
    if (hits.length === 0) return out;
    out.push(...hits);
    after = hits[hits.length - 1].sort;
  }
}

describe('the official client against the test indexer', () => {
  it('reads GET / and pages a 4.x corpus through a PIT: every FIM alert once, later ones outside it', async () => {
    const s = await serve();
    const c = client(s);
    expect((await c.info()).body.version.number).toBe('7.10.2');
    const corpus = generateIndexer4Corpus({ seed: 41, count: 1_500, maxBurst: 25 });
    const summary = summarize(corpus.entries);
    expect(summary.largestSameTimestamp).toBeGreaterThan(5);
    feedCorpus4(s, corpus);

    const pit = await c.createPit({ index: ['wazuh-alerts-4.x-*'], keep_alive: '1m' });
    s.addAlerts([{ ...(corpus.docs[0] as object), id: '9999999999.1' }]);
    const hits = await pageAll(c, pit.body.pit_id, { bool: { filter: [{ term: { 'rule.groups': 'syscheck' } }] } }, [
      { timestamp: 'asc' },
      { id: 'asc' },
    ]);
    const fimAndRegistry = corpus.entries.filter((e) => e.kind !== 'other').map((e) => e.docId);
    const seen = hits.map((h) => String(h._source.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...fimAndRegistry].sort());
    const withHash = fimDocIdsWithHash(corpus.entries);
    expect(seen.filter((id) => withHash.has(id))).toHaveLength(summary.fimWithHash);

    const closed = await c.deletePit({ body: { pit_id: [pit.body.pit_id] } });
    expect(closed.body.pits).toEqual([{ successful: true, pit_id: pit.body.pit_id }]);
    const searches = s.searches();
    expect(searches.length).toBe(Math.ceil(hits.length / 97) + 1);
    for (const q of searches) {
      expect(q.body).not.toHaveProperty('from');
      expect(q.route).toBe('pit-search');
    }
  });

  it('pages a 5.x corpus with wazuh.event.id as tiebreaker; documents not yet searchable stay outside the PIT', async () => {
    const corpus = generateEvents5Corpus({ seed: 7, count: 1_200, lateShare: 0.2 });
    let clock = corpus.entries[corpus.entries.length - 1].epochMs + 10_000;
    const s = await serve({ preset: 'wazuh-5.x', now: () => clock });
    const c = client(s);
    expect((await c.info()).body.version).toMatchObject({ distribution: 'opensearch', number: '3.6.0' });
    feedCorpus5(s, corpus, { visibility: 'by-delay' });
    const query = { term: { 'wazuh.integration.name': 'wazuh-fim' } };
    const sort = [{ '@timestamp': 'asc' }, { 'wazuh.event.id': 'asc' }];
    const fimSearchable = (at: number) =>
      corpus.entries.filter((e) => e.kind === 'fim' && e.epochMs + e.delayMs <= at).map((e) => e.docId);

    const pit = await c.createPit({ index: ['wazuh-events-v5-system-activity*'], keep_alive: '5m' });
    clock += 200_000; // every late event is searchable now, but not in the PIT (still alive: 5m)
    const hits = await pageAll(c, pit.body.pit_id, query, sort);
    const seen = hits.map((h) => (h._source.wazuh as { event: { id: string } }).event.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(fimSearchable(clock - 200_000).sort());
    expect(seen.length).toBeLessThan(summarize(corpus.entries).fim);
    const count = await c.count({ index: 'wazuh-events-v5-*', body: { query } });
    expect(count.body.count).toBe(summarize(corpus.entries).fim);
  });

  it('trusts the server with the test CA and refuses it without, with another CA, expired or for another host', async () => {
    let s = await serve();
    expect((await client(s).info()).statusCode).toBe(200);
    const refused = async (ca: string | null) => {
      const e = await client(s, { ca })
        .info()
        .catch((err: unknown) => err);
      expect(e).toBeInstanceOf(errors.ConnectionError);
      return (e as Error).message;
    };
    expect(await refused(null)).toMatch(/unable to verify the first certificate/);
    expect(await refused(fs.readFileSync(TLS_FILES.otherCa, 'utf8'))).toMatch(/unable to verify the first certificate/);
    await s.close();
    s = await serve({ tls: 'expired' });
    expect(await refused(s.caPem)).toMatch(/certificate has expired/);
    await s.close();
    s = await serve({ tls: 'wrong-host' });
    expect(await refused(s.caPem)).toMatch(/Hostname\/IP does not match certificate's altnames/);
    expect(s.requests).toHaveLength(0);
  });

  it('reports 401 and 403 as ResponseErrors with the security plugin bodies', async () => {
    const s = await serve();
    s.addAlerts([
      { timestamp: '2026-07-05T09:00:00.000+0000', id: '1.1', rule: { id: '550', level: 7, groups: ['syscheck'] } },
    ]);
    const e401 = await client(s, { password: 'wrong' })
      .info()
      .catch((e: unknown) => e);
    expect(e401).toBeInstanceOf(errors.ResponseError);
    expect((e401 as errors.ResponseError).statusCode).toBe(401);
    expect((e401 as errors.ResponseError).meta.headers?.['www-authenticate']).toBe('Basic realm="OpenSearch Security"');
    const reader = client(s, { user: 'alerts-only', password: 'alerts-only-password' });
    expect((await reader.search({ index: 'wazuh-alerts-4.x-*', body: {} })).body.hits.hits).toHaveLength(1);
    const e403 = await reader.search({ index: 'wazuh-states-fim-files', body: {} }).catch((e: unknown) => e);
    expect((e403 as errors.ResponseError).statusCode).toBe(403);
    expect((e403 as errors.ResponseError).message).toMatch(
      /^security_exception: \[security_exception\] Reason: no permissions for/,
    );
  });

  it('reads gzip-compressed request bodies (the client option compression: gzip)', async () => {
    const s = await serve();
    s.addAlerts([
      { timestamp: '2026-07-05T09:00:00.000+0000', id: '1.1', rule: { id: '550', level: 7, groups: ['syscheck'] } },
    ]);
    const c = new Client({
      node: s.url,
      auth: { username: 'admin', password: 'admin' },
      ssl: { ca: s.caPem! },
      compression: 'gzip',
    });
    clients.push(c);
    const r = await c.search({ index: 'wazuh-alerts-4.x-*', body: { query: { term: { id: '1.1' } } } });
    expect(r.body.hits.hits).toHaveLength(1);
    expect(s.requests[0].body).toEqual({ query: { term: { id: '1.1' } } });
  });

  it('does not retry 429, retries 503 by itself up to maxRetries', async () => {
    const s = await serve();
    const c = client(s, { maxRetries: 3 });
    s.fail('info', { kind: 'too-many-requests' }, 1);
    const e429 = await c.info().catch((e: unknown) => e);
    expect((e429 as errors.ResponseError).statusCode).toBe(429);
    expect(s.requests).toHaveLength(1);
    s.reset();
    s.fail('info', { kind: 'unavailable' }, 2);
    expect((await c.info()).statusCode).toBe(200);
    expect(s.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    s.reset();
    s.fail('info', { kind: 'unavailable' });
    const e503 = await c.info().catch((e: unknown) => e);
    expect((e503 as errors.ResponseError).statusCode).toBe(503);
    expect(s.requests).toHaveLength(4);
  });
});
