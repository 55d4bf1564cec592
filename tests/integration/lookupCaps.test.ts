// POST /api/lookup answered every refused piece back: a 2 MB body came back as a 72 MB answer. Now one request
// holds at most 20,000 values; the first 100 refused are named (each cut to 80 characters) and the rest counted.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract';
import { startHttpServer, type HttpServer } from '../../electron/headless/server';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

const TOKEN = 'l'.repeat(40);
let engine: TestEngine;
let server: HttpServer;
let cleanup: () => void;

beforeAll(async () => {
  const t = makeTempDir('fimv-lookup-caps-');
  cleanup = t.cleanup;
  engine = await startTestEngine({ dataDir: path.join(t.dir, 'data') });
  server = await startHttpServer({
    backend: engine.engine.backend,
    token: TOKEN,
    port: 0,
    host: '127.0.0.1',
    staticDir: null,
  });
});
afterAll(async () => {
  await server.close();
  await engine.stop();
  cleanup();
});

async function lookup(text: string): Promise<{ status: number; bytes: number; body: unknown }> {
  const res = await fetch(new URL('/api/lookup', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const raw = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(raw), body: JSON.parse(raw) };
}

const hex = (i: number, len: number) => i.toString(16).padStart(len, 'c');

describe('POST /api/lookup stays small whatever is pasted', () => {
  it('2 MB of refused values: the first 100 named, each cut to 80 characters, the rest counted', async () => {
    const junk = Array.from({ length: 19_000 }, (_, i) => `not-a-hash-${i}-${'x'.repeat(85)}`);
    const text = junk.join('\n');
    expect(text.length).toBeGreaterThan(1_900_000);
    const r = await lookup(text);
    expect(r.status).toBe(200);
    const body = r.body as ApiOutput<'lookupHashes'>;
    expect(body.accepted).toEqual([]);
    expect(body.rejectedTotal).toBe(19_000);
    expect(body.rejected).toHaveLength(100);
    expect(body.rejected[0]).toEqual({
      input: `${junk[0].slice(0, 80)}…`,
      reason: expect.stringMatching(/not hexadecimal/),
    });
    expect(r.bytes).toBeLessThan(32 * 1024); // it was 72 MB
  });

  it('one 2 MB value is repeated cut to 80 characters', async () => {
    const r = await lookup('z'.repeat(1_999_000));
    expect(r.status).toBe(200);
    const body = r.body as ApiOutput<'lookupHashes'>;
    expect(body.rejected).toEqual([{ input: `${'z'.repeat(80)}…`, reason: expect.any(String) }]);
    expect(body.rejectedTotal).toBe(1);
    expect(r.bytes).toBeLessThan(1024);
  });

  it('more than 20,000 values: refused with a message, not answered value by value', async () => {
    const r = await lookup('x '.repeat(999_000));
    expect(r.status).toBe(400);
    expect((r.body as { error: { message: string } }).error.message).toBe(
      'at most 20,000 values at a time: paste them in parts',
    );
    expect(r.bytes).toBeLessThan(1024);
  });

  it('good hashes are all queued beside the refused ones', async () => {
    const good = Array.from({ length: 50 }, (_, i) => hex(i, 64));
    const bad = Array.from({ length: 500 }, (_, i) => `bad${i}`);
    const r = await lookup([...good, ...bad].join(', '));
    const body = r.body as ApiOutput<'lookupHashes'>;
    expect(body.accepted.map((a) => a.hash)).toEqual(good);
    expect(body.rejected.map((x) => x.input)).toEqual(bad.slice(0, 100));
    expect(body.rejectedTotal).toBe(500);
  });
});
