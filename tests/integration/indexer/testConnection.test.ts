// "Test connection" against the test indexer over real HTTPS: every answer in words, from an address nobody listens
// on to the number of FIM events in the last 24 hours; the Wazuh generation found from the indices present.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexerTestResult } from '../../../shared/indexer';
import { caFileUnusable } from '../../../electron/core/indexer/connection';
import { detectWazuhVersion } from '../../../electron/core/indexer/detectVersion';
import { testConnection } from '../../../electron/core/indexer/testConnection';
import { probeUrl } from '../../../electron/core/indexer/tlsProbe';
import {
  type IndexerServer,
  type IndexerServerOptions,
  startIndexerServer,
  TLS_FILES,
} from '../../emulator/indexer/indexerServer';
import { summarize } from '../../generators/indexerCorpus';
import { feedCorpus4, generateIndexer4Corpus } from '../../generators/wazuhIndexer4';
import { feedCorpus5, generateEvents5Corpus } from '../../generators/wazuhEvents5';
import { makeTempDir } from '../../helpers/tempDir';
import { apiFor, closeApis, connectionTo } from './helpers';

const servers: IndexerServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await closeApis();
  for (const s of servers.splice(0)) await s.close();
  for (const c of cleanups.splice(0)) c();
});
async function serve(o: IndexerServerOptions = {}): Promise<IndexerServer> {
  const s = await startIndexerServer(o);
  servers.push(s);
  return s;
}
const check = (r: IndexerTestResult, name: string) => r.checks.find((c) => c.check === name)!;
const corpus4 = generateIndexer4Corpus({ seed: 50, count: 600 });
const corpus5 = generateEvents5Corpus({ seed: 51, count: 600 });
const endOf = (c: { entries: { epochMs: number }[] }) => Math.max(...c.entries.map((e) => e.epochMs));

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('a healthy indexer', () => {
  it('Wazuh 4: trusted with the CA file, credentials accepted, FIM events of the last 24 hours counted', async () => {
    const s = await serve();
    feedCorpus4(s, corpus4);
    const now = endOf(corpus4) + 3_600_000;
    const r = await testConnection(connectionTo(s), { nowMs: now });
    expect(r).toMatchObject({ ok: true, wazuhVersion: 4, opensearchVersion: '7.10.2', warnings: [] });
    expect(r.fimEventsLast24h).toBe(summarize(corpus4.entries).fim + summarize(corpus4.entries).registry);
    expect(r.summary).toBe(`Connected: Wazuh 4, ${r.fimEventsLast24h} FIM events in the last 24 hours.`);
    expect(check(r, 'reachable').message).toBe('1 of 1 reachable');
    expect(check(r, 'certificate').message).toBe(`trusted (CA file ${TLS_FILES.rootCa})`);
    expect(check(r, 'credentials').message).toBe('accepted (user admin; it reports 7.10.2, as Wazuh 4.x indexers do)');
    expect(check(r, 'version').message).toBe('Wazuh 4 (wazuh-alerts-4.x-* found)');
    expect(check(r, 'read').message).toBe('may read wazuh-alerts-4.x-*');
    // the last 24 hours only
    const later = await testConnection(connectionTo(s), { nowMs: now + 2 * 86_400_000 });
    expect(later).toMatchObject({ ok: true, fimEventsLast24h: 0 });
  });

  it('Wazuh 5 with the read-only user; both generations present (an upgrade) reads 5', async () => {
    const s = await serve({ preset: 'wazuh-5.x' });
    feedCorpus5(s, corpus5);
    feedCorpus4(s, corpus4);
    const r = await testConnection(connectionTo(s, { username: 'fim-reader', password: 'fim-reader-password' }), {
      nowMs: endOf(corpus5) + 60_000,
    });
    expect(r).toMatchObject({
      ok: true,
      wazuhVersion: 5,
      opensearchVersion: '3.6.0',
      fimEventsLast24h: summarize(corpus5.entries).fim,
    });
    expect(check(r, 'version').message).toBe(
      'Wazuh 5 (wazuh-events-v5-* found; wazuh-alerts-4.x-* too, from before the upgrade)',
    );
    expect(check(r, 'credentials').message).toBe('accepted (user fim-reader; OpenSearch 3.6.0)');
  });

  it('a user that may not read the cluster information is still accepted', async () => {
    const s = await serve({ preset: 'wazuh-5.x' });
    feedCorpus5(s, corpus5);
    s.users.push({ name: 'analyst', password: 'pw', read: ['wazuh-*'], clusterMonitor: false });
    const r = await testConnection(connectionTo(s, { username: 'analyst', password: 'pw' }), { nowMs: endOf(corpus5) });
    expect(r.ok).toBe(true);
    expect(r.opensearchVersion).toBe(null);
    expect(check(r, 'credentials').message).toMatch(/may not read the cluster's version, which is fine/);
  });

  it('two URLs, one down: reachable 1 of 2, and the client goes to the one that answers', async () => {
    const s = await serve();
    feedCorpus4(s, corpus4);
    const port = await closedPort();
    const r = await testConnection(connectionTo(s, { urls: [`https://127.0.0.1:${port}`, s.url] }), {
      nowMs: endOf(corpus4),
    });
    expect(r.ok).toBe(true);
    expect(check(r, 'reachable').message).toMatch(/^1 of 2 reachable \(https:\/\/127\.0\.0\.1:\d+: connection refused/);
  });
});

describe('what is wrong, in words', () => {
  it('nobody listens', async () => {
    const port = await closedPort();
    const r = await testConnection(
      { urls: [`https://127.0.0.1:${port}`], username: 'admin', password: 'admin', trust: { kind: 'system' } },
      { nowMs: 0 },
    );
    expect(r.ok).toBe(false);
    expect(r.summary).toMatch(
      /^cannot connect: https:\/\/127\.0\.0\.1:\d+: connection refused \(is the indexer running/,
    );
    expect(r.checks.filter((c) => c.ok === null).map((c) => c.check)).toEqual([
      'certificate',
      'credentials',
      'read',
      'version',
      'events',
    ]);
  });

  it('certificates: unknown CA (system store, or another CA file), expired, for another host', async () => {
    const s = await serve();
    const system = await testConnection(connectionTo(s, { trust: { kind: 'system' } }), { nowMs: 0 });
    expect(system.summary).toBe(
      "certificate not trusted: it is signed by an unknown certificate authority: give the indexer's CA file (Wazuh's root-ca.pem)",
    );
    const other = await testConnection(connectionTo(s, { trust: { kind: 'ca-file', path: TLS_FILES.otherCa } }), {
      nowMs: 0,
    });
    expect(other.summary).toBe(system.summary);
    expect(check(other, 'reachable').ok).toBe(true);
    const expired = await serve({ tls: 'expired' });
    expect((await testConnection(connectionTo(expired), { nowMs: 0 })).summary).toBe(
      'certificate not trusted: the certificate has expired',
    );
    const wrongHost = await serve({ tls: 'wrong-host' });
    expect((await testConnection(connectionTo(wrongHost), { nowMs: 0 })).summary).toBe(
      "certificate not trusted: the certificate is for another host name than the URL's (use the name it was issued for)",
    );
    expect(wrongHost.requests).toHaveLength(0); // the password never went there
  });

  it('"accept any certificate" connects, says what it accepts blindly, and warns', async () => {
    const s = await serve({ tls: 'expired' });
    feedCorpus4(s, corpus4);
    const r = await testConnection(connectionTo(s, { trust: { kind: 'insecure' } }), { nowMs: endOf(corpus4) });
    expect(r.ok).toBe(true);
    expect(check(r, 'certificate')).toEqual({
      check: 'certificate',
      ok: null,
      message: 'accepted without checking (insecure); it would not be trusted: the certificate has expired',
    });
    expect(r.warnings).toEqual([
      'insecure: any certificate is accepted, so anyone on the path can read the password and the alerts',
    ]);
  });

  it('plain http works with a warning; the wrong scheme either way is named', async () => {
    const plain = await serve({ tls: false, preset: 'wazuh-5.x' });
    feedCorpus5(plain, corpus5);
    const r = await testConnection(connectionTo(plain), { nowMs: endOf(corpus5) });
    expect(r.ok).toBe(true);
    expect(check(r, 'certificate').message).toBe('not checked: plain http, nothing is encrypted');
    expect(r.warnings[0]).toMatch(
      /^plain http \(http:\/\/127\.0\.0\.1:\d+\): the password and the alerts cross the network unencrypted$/,
    );
    const httpsToPlain = await testConnection(connectionTo(plain, { urls: [plain.url.replace('http:', 'https:')] }), {
      nowMs: 0,
    });
    expect(httpsToPlain.summary).toMatch(/does not speak HTTPS \(is it http:\/\/\?\)|closed by the other side/);
    const tlsServer = await serve();
    const plainToTls = await testConnection(
      connectionTo(tlsServer, { urls: [tlsServer.url.replace('https:', 'http:')], trust: { kind: 'system' } }),
      { nowMs: 0 },
    );
    expect(plainToTls.ok).toBe(false);
    expect(plainToTls.summary).toMatch(
      /^cannot connect: the connection was closed by the other side \(if the indexer uses HTTPS, use https:\/\/\)$/,
    );
  });

  it('credentials refused (401); a user that may not read the FIM indices (403 naming them)', async () => {
    const s = await serve({ preset: 'wazuh-5.x' });
    feedCorpus5(s, corpus5);
    const wrong = await testConnection(connectionTo(s, { password: 'wrong' }), { nowMs: 0 });
    expect(wrong.summary).toBe('credentials refused (401)');
    expect(check(wrong, 'credentials').ok).toBe(false);
    const alertsOnly = await testConnection(
      connectionTo(s, { username: 'alerts-only', password: 'alerts-only-password' }),
      { nowMs: 0 },
    );
    expect(alertsOnly.summary).toBe('forbidden: this user cannot read wazuh-events-v5-* (403)');
    expect(check(alertsOnly, 'read').ok).toBe(false);
  });

  it('no Wazuh indices; a generation forced that is not there', async () => {
    const s = await serve();
    const none = await testConnection(connectionTo(s), { nowMs: 0 });
    expect(none.summary).toBe(
      'no Wazuh indices found (wazuh-alerts-4.x-* or wazuh-events-v5-*): is this the Wazuh indexer?',
    );
    feedCorpus4(s, corpus4);
    const forced = await testConnection(connectionTo(s), { nowMs: endOf(corpus4), wazuhVersion: '5' });
    expect(forced).toMatchObject({ ok: true, wazuhVersion: 5, fimEventsLast24h: 0 });
    expect(check(forced, 'version').message).toBe('Wazuh 5 (chosen; no wazuh-events-v5-* index on this indexer yet)');
  });

  it('an indexer that never answers: no answer within the timeout', async () => {
    const s = await serve();
    s.fail('info', { kind: 'hang' });
    const r = await testConnection(connectionTo(s), { nowMs: 0, timeoutMs: 300 });
    expect(r.summary).toBe('no answer within 0.3 s');
    expect(check(r, 'credentials').ok).toBe(false);
  });

  it('overloaded (429) and failing (500) indexers', async () => {
    const s = await serve();
    feedCorpus4(s, corpus4);
    s.fail('count', { kind: 'too-many-requests' });
    expect((await testConnection(connectionTo(s), { nowMs: 0 })).summary).toBe('rate-limited or overloaded (429)');
    s.clearFaults();
    s.fail('count', { kind: 'status', status: 500 });
    expect((await testConnection(connectionTo(s), { nowMs: 0 })).summary).toBe(
      'the indexer failed (500): exception: test server: injected failure',
    );
  });

  it('CA files that cannot be one: missing, not PEM, a folder, a FIFO (never read: it would block)', async () => {
    const s = await serve();
    const t = makeTempDir();
    cleanups.push(t.cleanup);
    const notPem = path.join(t.dir, 'notes.txt');
    fs.writeFileSync(notPem, 'secret line that must not be echoed\n');
    const fifo = path.join(t.dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const answer = async (p: string, caFileDetail?: boolean) =>
      (
        await testConnection(connectionTo(s, { trust: { kind: 'ca-file', path: p } }), {
          nowMs: 0,
          ...(caFileDetail === undefined ? {} : { caFileDetail }),
        })
      ).summary;
    const missing = path.join(t.dir, 'nope.pem');
    // for the local user, why
    expect(await answer(missing, true)).toBe(`cannot read the CA file ${missing}: no such file`);
    expect(await answer(notPem, true)).toBe(
      `the CA file ${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
    expect(await answer(t.dir, true)).toBe(`the CA file ${t.dir} is not a regular file`);
    expect(await answer(fifo, true)).toBe(`the CA file ${fifo} is not a regular file`);
    // by default (the HTTP API), one sentence whatever the reason: nothing learnt about the path
    for (const p of [missing, notPem, t.dir, fifo]) expect(await answer(p)).toBe(caFileUnusable(p));
    expect(caFileUnusable(missing)).toBe(
      `the CA file ${missing} cannot be used: it must be a PEM certificate (-----BEGIN CERTIFICATE-----) in a ` +
        'regular file of at most 1 MiB that FIM Verdict can read',
    );
    expect(s.requests).toHaveLength(0);
  });
});

describe('the pieces', () => {
  it('probeUrl gives Node error codes', async () => {
    const s = await serve({ tls: 'expired' });
    const p = await probeUrl(s.url, { ca: s.caPem!, timeoutMs: 5_000 });
    expect(p).toEqual({
      url: s.url,
      reachable: true,
      trusted: false,
      reason: 'the certificate has expired',
      code: 'CERT_HAS_EXPIRED',
    });
  });

  it('detectWazuhVersion: forced generations and forbidden patterns', async () => {
    const s = await serve();
    feedCorpus4(s, corpus4);
    expect(await detectWazuhVersion(apiFor(s), 4)).toMatchObject({
      version: 4,
      how: 'forced',
      message: 'Wazuh 4 (chosen; wazuh-alerts-4.x-* found)',
    });
    s.users.push({ name: 'web', password: 'pw', read: ['web-*'] });
    await expect(detectWazuhVersion(apiFor(s, { username: 'web', password: 'pw' }))).rejects.toMatchObject({
      problem: 'forbidden',
      message: 'forbidden: this user cannot read wazuh-alerts-4.x-* (403)',
    });
  });
});
