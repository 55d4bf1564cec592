// The CIRCL hashlookup test server: lookups (found with trust and parents, 404, 400 in the real server's
// words), bulk answers (found records only, request order), case-insensitive hashes, faults and the log.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CirclServer, circlRecord, pythonHexCheck, startCirclServer } from '../../emulator/circl';
import { FIXTURES_DIR } from '../../helpers/fixtures';

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'reputation', name), 'utf8'));
const LS = fixture('circl-lookup-sha1-found.json');
const BAD = { md5: 'f'.repeat(32), sha1: 'e'.repeat(40), sha256: 'd'.repeat(64) };

let c: CirclServer | null = null;
afterEach(async () => {
  await c?.close();
  c = null;
});

async function get(url: string): Promise<{ status: number; json: unknown }> {
  const r = await fetch(url);
  return { status: r.status, json: await r.json() };
}
async function bulk(url: string, body: string): Promise<{ status: number; json: unknown }> {
  const r = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: r.status, json: await r.json() };
}

describe('CIRCL hashlookup test server', () => {
  it('answers a stored record by any of its hashes, any case, as the live service does', async () => {
    const { 'hashlookup:trust': _t, 'hashlookup:parent-total': _p, ...stored } = LS;
    c = await startCirclServer({ records: [stored] });
    for (const [kind, h] of [
      ['sha1', LS['SHA-1']],
      ['md5', LS.MD5.toLowerCase()],
      ['sha256', LS['SHA-256'].toLowerCase()],
    ]) {
      const r = await get(`${c.url}/lookup/${kind}/${h}`);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ ...stored, 'hashlookup:trust': 50 });
    }
    expect(Object.keys((await get(`${c.url}/lookup/sha1/${LS['SHA-1']}`)).json as object)).toEqual(
      Object.keys({ ...stored, 'hashlookup:trust': 50 }).sort(),
    );
  });

  it('adds parents and KnownMalicious to the trust score', async () => {
    c = await startCirclServer();
    const parent = { 'SHA-1': 'A'.repeat(40), FileName: 'coreutils_9.1-1_amd64.deb' };
    c.add(circlRecord(BAD, { parents: [parent], KnownMalicious: 'malshare' }));
    const r = (await get(`${c.url}/lookup/sha1/${BAD.sha1}`)).json as Record<string, unknown>;
    expect(r).toMatchObject({
      'hashlookup:parent-total': 1,
      parents: [parent],
      'hashlookup:trust': 35,
      KnownMalicious: 'malshare',
    });
  });

  it('answers 404 with the query as sent and 400 for malformed hashes, in the server words', async () => {
    c = await startCirclServer();
    const zero = '0'.repeat(40);
    expect(await get(`${c.url}/lookup/sha1/${zero}`)).toEqual({
      status: 404,
      json: fixture('circl-lookup-not-found.json'),
    });
    expect((await get(`${c.url}/lookup/md5/${'A'.repeat(32)}`)).json).toEqual({
      message: 'Non existing MD5',
      query: 'A'.repeat(32),
    });
    expect((await get(`${c.url}/lookup/sha256/${'0'.repeat(64)}`)).json).toMatchObject({
      message: 'Non existing SHA-256',
    });
    expect(await get(`${c.url}/lookup/md5/xyz`)).toEqual({
      status: 400,
      json: { message: 'MD5 value incorrect, expecting a MD5 value in hex format' },
    });
    expect((await get(`${c.url}/lookup/sha1/${'g'.repeat(40)}`)).json).toEqual({
      message: 'SHA1 value incorrect, expecting a SHA1 value in hex format',
    });
    expect((await get(`${c.url}/lookup/sha256/abc`)).status).toBe(400);
    expect(pythonHexCheck('0x' + 'a'.repeat(30), 32)).toBe('0X' + 'A'.repeat(30));
    expect(pythonHexCheck('a_' + 'b'.repeat(30), 32)).toBe('A_' + 'B'.repeat(30));
  });

  it('answers bulk requests with the found records only, in request order, and the real errors', async () => {
    c = await startCirclServer({
      records: [circlRecord(BAD), circlRecord({ md5: '1'.repeat(32), sha1: '2'.repeat(40) })],
    });
    const r = await bulk(
      `${c.url}/bulk/md5`,
      JSON.stringify({ hashes: ['1'.repeat(32), 'nothex', '9'.repeat(32), BAD.md5.toUpperCase(), '1'.repeat(32)] }),
    );
    expect(r.status).toBe(200);
    expect((r.json as { MD5: string }[]).map((x) => x.MD5)).toEqual([
      '1'.repeat(32),
      BAD.md5.toUpperCase(),
      '1'.repeat(32),
    ]);
    expect((r.json as object[])[0]).not.toHaveProperty('hashlookup:trust');
    const s = await bulk(`${c.url}/bulk/sha1`, JSON.stringify({ hashes: [BAD.sha1] }));
    expect((s.json as { 'SHA-1': string }[])[0]['SHA-1']).toBe(BAD.sha1.toUpperCase());
    expect(await bulk(`${c.url}/bulk/sha1`, '{"hash":[]}')).toEqual({
      status: 404,
      json: { message: "JSON format incorrect. An array of hashes in the key 'hashes' is expected." },
    });
    expect((await bulk(`${c.url}/bulk/sha1`, '{nope')).status).toBe(400);
    expect(await bulk(`${c.url}/bulk/sha1`, '{"hashes":[1]}')).toEqual({
      status: 500,
      json: { message: 'Internal Server Error' },
    });
    expect((await fetch(`${c.url}/bulk/sha256`, { method: 'POST', body: '{"hashes":[]}' })).status).toBe(404);
    expect(c.askedAbout('1'.repeat(32))).toBe(1);
    expect(c.requests.map((q) => q.kind)).toEqual(['bulk', 'bulk', 'bulk', 'bulk', 'bulk', 'other']);
  });

  it('fails, slows, resets and recovers on request', async () => {
    c = await startCirclServer({ records: [circlRecord(BAD)] });
    c.fail({ kind: 'status', status: 503 }, 1);
    c.fail({ kind: 'status', status: 500 }, 1);
    const r503 = await fetch(`${c.url}/lookup/sha1/${BAD.sha1}`);
    expect([r503.status, r503.headers.get('content-type')]).toEqual([503, 'text/html']);
    expect(await get(`${c.url}/lookup/sha1/${BAD.sha1}`)).toEqual({
      status: 500,
      json: { message: 'Internal Server Error' },
    });
    c.fail({ kind: 'slow', ms: 30 }, 1);
    expect((await get(`${c.url}/lookup/sha1/${BAD.sha1}`)).status).toBe(200);
    c.fail({ kind: 'reset' }, 1);
    await expect(fetch(`${c.url}/lookup/sha1/${BAD.sha1}`)).rejects.toThrow();
    expect((await get(`${c.url}/lookup/sha1/${BAD.sha1}`)).status).toBe(200);
    expect(c.requests.map((q) => q.status)).toEqual([503, 500, 200, null, 200]);
  });
});
