// CirclClient against the CIRCL hashlookup test server on 127.0.0.1: bulk SHA-1 and MD5 in batches, SHA-256
// lookups, known good / malicious / not found, case-insensitive hashes, and every typed error (400, 5xx, hang,
// reset), with the rest of a batch held back after a service error.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CirclClient, type CirclClientOptions } from '../../electron/core/providers/circl/circlClient';
import { toProviderAnswer } from '../../electron/core/providers/types';
import { ProviderAnswerSchema } from '../../shared/providers';
import { circlRecord, startCirclServer, type CirclServer } from '../emulator/circl';
import { createRng } from '../generators/prng';
import { REPUTATION_FIXTURES } from '../helpers/fixtures';
import { errorOf, foundOf } from '../helpers/providerResults';

const LS = JSON.parse(fs.readFileSync(path.join(REPUTATION_FIXTURES, 'circl-lookup-sha1-found.json'), 'utf8'));
const { 'hashlookup:trust': _trust, 'hashlookup:parent-total': _parents, ...LS_STORED } = LS;
const ls = { md5: LS.MD5.toLowerCase(), sha1: LS['SHA-1'].toLowerCase(), sha256: LS['SHA-256'].toLowerCase() };
const EVIL = { md5: 'a1'.repeat(16), sha1: 'b2'.repeat(20), sha256: 'c3'.repeat(32) };
const UNKNOWN = { md5: 'd4'.repeat(16), sha1: 'e5'.repeat(20), sha256: 'f6'.repeat(32) };
const NSRL_DLL = { md5: '0a'.repeat(16), sha1: '0b'.repeat(20), sha256: '0c'.repeat(32) };

let circl: CirclServer;
const clients: CirclClient[] = [];
function client(o: Partial<CirclClientOptions> = {}): CirclClient {
  const c = new CirclClient({
    config: { baseUrl: `${circl.url}/` },
    timeoutMs: 5_000,
    proxy: { httpProxy: '', httpsProxy: '' }, // whatever this machine's environment says
    ...o,
  });
  clients.push(c);
  return c;
}

beforeEach(async () => {
  circl = await startCirclServer({
    records: [
      LS_STORED,
      circlRecord(EVIL, { FileName: './tmp/x', KnownMalicious: 'malshare' }),
      {
        MD5: NSRL_DLL.md5.toUpperCase(),
        'SHA-1': NSRL_DLL.sha1.toUpperCase(),
        'SHA-256': NSRL_DLL.sha256,
        FileName: 'kernel32.dll',
        FileSize: '1141248',
        ProductCode: { ProductName: 'Windows 10', ProductVersion: '1909', MfgCode: '608' },
        OpSystemCode: { OpSystemName: 'Windows 10' },
        source: 'NSRL',
        db: 'nsrl_modern_rds',
      },
    ],
  });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await circl.close();
});

describe('CIRCL hashlookup client', () => {
  it('asks about many files in one bulk SHA-1 request and says known good, malicious or nothing', async () => {
    const [good, evil, unknown] = await client().lookup([ls, EVIL, UNKNOWN]);
    expect(circl.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/bulk/sha1']]);
    expect(circl.requests[0].body).toEqual({ hashes: [ls.sha1, EVIL.sha1, UNKNOWN.sha1] });

    const g = foundOf(good);
    expect(g.asked).toEqual({ kind: 'sha1', hash: ls.sha1 });
    expect(g.finding).toMatchObject({ verdict: 'known-good', why: 'known good: NSRL, Debian coreutils 9.1-1' });
    expect(g.finding.details).toEqual({
      provider: 'circl',
      source: 'debian-bookworm',
      db: 'nsrl_modern_rds',
      fileName: './usr/bin/ls',
      fileSize: 138208,
      productName: null,
      productVersion: null,
      vendor: null,
      packageName: 'coreutils',
      packageVersion: '9.1-1',
      mimeType: 'application/x-pie-executable',
      trust: null, // bulk answers carry no trust
      knownMalicious: [],
    });
    expect(JSON.parse(g.finding.raw)).toMatchObject({ 'SHA-1': LS['SHA-1'], PackageName: 'coreutils' });

    const e = foundOf(evil);
    expect(e.finding).toMatchObject({ verdict: 'malicious', why: 'malicious: CIRCL hashlookup, listed by malshare' });
    expect(e.finding.details).toMatchObject({ knownMalicious: ['malshare'] });
    expect(unknown).toEqual({ kind: 'not-found', provider: 'circl', asked: { kind: 'sha1', hash: UNKNOWN.sha1 } });
    for (const r of [g, e]) expect(ProviderAnswerSchema.safeParse(toProviderAnswer(r, Date.now())).success).toBe(true);
  });

  it('reads hashes in any case, asks each distinct hash once, and answers every query in order', async () => {
    const upper = { md5: null, sha1: ls.sha1.toUpperCase(), sha256: null };
    const results = await client().lookup([upper, { ...ls }, upper, UNKNOWN]);
    expect(circl.requests).toHaveLength(1);
    expect(circl.requests[0].body).toEqual({ hashes: [ls.sha1, UNKNOWN.sha1] });
    expect(results.map((r) => r.kind)).toEqual(['found', 'found', 'found', 'not-found']);
    expect(results.every((r) => r.asked?.hash === r.asked?.hash.toLowerCase())).toBe(true);
  });

  it('uses bulk MD5 for files known by MD5 only and a SHA-256 lookup for files known by SHA-256 only', async () => {
    const results = await client().lookup([
      { md5: NSRL_DLL.md5.toUpperCase(), sha1: null, sha256: null },
      { md5: null, sha1: null, sha256: ls.sha256 },
      { md5: null, sha1: null, sha256: UNKNOWN.sha256 },
      { md5: 'not a hash', sha1: '', sha256: 'e5'.repeat(20) /* a SHA-1 in the SHA-256 field */ },
    ]);
    expect(circl.requests.map((r) => r.path)).toEqual([
      '/bulk/md5',
      `/lookup/sha256/${ls.sha256}`,
      `/lookup/sha256/${UNKNOWN.sha256}`,
    ]);
    const dll = foundOf(results[0]);
    expect(dll.finding.why).toBe('known good: NSRL, Windows 10 1909');
    expect(dll.finding.details).toMatchObject({ productName: 'Windows 10', vendor: '608', fileSize: 1141248 });
    const byLookup = foundOf(results[1]);
    // a lookup carries hashlookup:trust (50: the server's "no opinion" for a record without parents)
    expect(byLookup.finding).toMatchObject({ verdict: 'known-good', details: { trust: 50 } });
    expect(byLookup.asked).toEqual({ kind: 'sha256', hash: ls.sha256 });
    expect(results[2]).toMatchObject({ kind: 'not-found' });
    expect(errorOf(results[3])).toMatchObject({ type: 'bad-hash', retryable: false });
    expect(results[3].asked).toBeNull();
  });

  it('splits bulk requests into batches of 500 (or the size given)', async () => {
    const rng = createRng(11);
    const files = Array.from({ length: 1_200 }, () => ({ md5: null, sha1: rng.hex(40), sha256: null }));
    files[777] = { md5: null, sha1: ls.sha1, sha256: null };
    const results = await client().lookup(files);
    expect(circl.requests.map((r) => r.hashes.length)).toEqual([500, 500, 200]);
    expect(results.filter((r) => r.kind === 'found').map((r) => r.asked?.hash)).toEqual([ls.sha1]);
    expect(results[777].kind).toBe('found');

    circl.reset();
    await client({ batchSize: 100 }).lookup(files.slice(0, 250));
    expect(circl.requests.map((r) => r.hashes.length)).toEqual([100, 100, 50]);
  });

  it('answers not found for a 404 in the server words and a per-hash error for its 400', async () => {
    const c = client();
    expect(await c.lookupOne({ kind: 'sha256', hash: '0'.repeat(64) })).toMatchObject({ kind: 'not-found' });
    const bad = errorOf(await c.lookupOne({ kind: 'sha256', hash: 'z'.repeat(64) }));
    expect(bad).toMatchObject({ type: 'bad-hash', retryable: false, httpStatus: 400 });
    expect(bad.message).toBe(
      'CIRCL hashlookup: not a valid hash (SHA-256 value incorrect, expecting a SHA-256 value in hex format)',
    );
    expect(bad.retryAfterMs).toBeUndefined();
  });

  it('turns 5xx, a hang and a reset into transient errors with a backoff hint, and holds back the rest', async () => {
    const c = client({ batchSize: 2, timeoutMs: 300 });
    circl.fail({ kind: 'status', status: 503 }, 1);
    const down = await c.lookup([ls, EVIL, UNKNOWN, { md5: null, sha1: null, sha256: UNKNOWN.sha256 }]);
    // the first batch failed: the second batch and the SHA-256 lookup were not sent
    expect(circl.requests.map((r) => r.status)).toEqual([503]);
    expect(errorOf(down[0])).toMatchObject({
      type: 'unavailable',
      retryable: true,
      retryAfterMs: 60_000,
      httpStatus: 503,
      message: 'CIRCL hashlookup: temporarily unavailable (HTTP 503)',
    });
    expect(down[0].asked).toEqual({ kind: 'sha1', hash: ls.sha1 });
    expect(down.slice(2).map((r) => [r.asked, errorOf(r).type, errorOf(r).message.endsWith('not asked')])).toEqual([
      [null, 'unavailable', true],
      [null, 'unavailable', true],
    ]);

    circl.reset();
    circl.fail({ kind: 'status', status: 500 }, 1);
    expect(errorOf((await c.lookup([ls]))[0])).toMatchObject({
      type: 'unavailable',
      message: 'CIRCL hashlookup: temporarily unavailable (HTTP 500: Internal Server Error)',
    });
    circl.fail({ kind: 'hang' }, 1);
    expect(errorOf((await c.lookup([ls]))[0])).toMatchObject({
      type: 'timeout',
      retryable: true,
      retryAfterMs: 30_000,
    });
    circl.fail({ kind: 'reset' }, 1);
    expect(errorOf((await c.lookup([ls]))[0])).toMatchObject({ type: 'network', retryable: true });
    circl.fail({ kind: 'status', status: 429 }, 1);
    expect(errorOf((await c.lookup([ls]))[0])).toMatchObject({ type: 'rate-limited', retryable: true });
    // and it answers again once the service is back
    expect((await c.lookup([ls]))[0].kind).toBe('found');
  });

  it('waits for a slow answer within its deadline', async () => {
    circl.fail({ kind: 'slow', ms: 50 }, 1);
    expect((await client({ timeoutMs: 10_000 }).lookup([ls]))[0].kind).toBe('found');
  });

  it('reads its base URL from one config object and refuses one it cannot use', () => {
    expect(client().baseUrl).toBe(circl.url);
    expect(new CirclClient({ config: { baseUrl: 'https://hashlookup.circl.lu' } }).baseUrl).toBe(
      'https://hashlookup.circl.lu',
    );
    expect(() => new CirclClient({ config: { baseUrl: 'ftp://example.org' } })).toThrow(/http\(s\)/);
    expect(() => new CirclClient({ config: { baseUrl: 'https://u:p@example.org' } })).toThrow(/user name/);
    expect(() => new CirclClient({ config: { baseUrl: 'not a url' } })).toThrow(/not a URL/);
  });

  it('sends nothing for an empty batch or for queries without a hash', async () => {
    expect(await client().lookup([])).toEqual([]);
    const [r] = await client().lookup([{ md5: null, sha1: null, sha256: null, size: 10 }]);
    expect(errorOf(r).type).toBe('bad-hash');
    expect(circl.requests).toHaveLength(0);
  });
});
