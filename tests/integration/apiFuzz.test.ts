// Hostile requests against every route of the real HTTP server over the real engine: random query strings,
// random and deeply nested JSON, random bytes, wrong types. Never a 500; every refusal is a 4xx with a message.
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContract, API_METHODS, type ApiMethod } from '../../shared/contract';
import { startHttpServer, type HttpServer } from '../../electron/headless/server';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

const TOKEN = 'f'.repeat(40);
let engine: TestEngine;
let server: HttpServer;
let cleanup: () => void;

beforeAll(async () => {
  const t = makeTempDir('fimv-fuzz-');
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

/** A route with its path parameters filled with a random (possibly hostile) value. */
function routeOf(method: ApiMethod, param: string): string {
  return apiContract[method].http[1].replace(/:[a-z]+/g, encodeURIComponent(param));
}

async function send(method: ApiMethod, param: string, query: Record<string, string>, body: string | undefined) {
  const [verb] = apiContract[method].http;
  const url = new URL(routeOf(method, param), server.url);
  for (const [k, v] of Object.entries(query)) url.searchParams.append(k, v);
  const res = await fetch(url, {
    method: verb,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: verb === 'GET' || verb === 'DELETE' ? undefined : body,
  });
  const text = await res.text();
  return { status: res.status, text };
}

function check(r: { status: number; text: string }) {
  expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
  if (r.status >= 400) {
    const body = JSON.parse(r.text) as { error: { message: string } };
    expect(typeof body.error.message).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(0);
  }
}

const deepJson = fc.integer({ min: 1, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const shapeKeys = (m: ApiMethod): string[] => {
  const shape = (apiContract[m].input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
};

describe('every API route refuses hostile input with a 4xx and a message, never a 500', () => {
  for (const method of API_METHODS) {
    it(method, async () => {
      const keys = shapeKeys(method);
      const key = keys.length
        ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 }))
        : fc.string({ maxLength: 12 });
      const value = fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.integer().map(String),
        fc.constantFrom('', '-1', '1e309', 'NaN', 'true', '[]', '{}', '../../etc/passwd', 'a'.repeat(5000)),
      );
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        fc.dictionary(key, fc.jsonValue({ maxDepth: 2 })).map((v) => JSON.stringify(v)),
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
        deepJson,
        fc.constant('{"__proto__": {"admin": true}}'),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 70 }),
          fc.dictionary(key, value, { maxKeys: 4 }),
          body,
          async (param, query, b) => {
            check(await send(method, param, query, b));
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  it('a wrong type in each field of the settings is named in the answer', async () => {
    for (const field of ['threshold', 'baseUrl', 'quota', 'timeoutSeconds', 'apiVersion', 'filters']) {
      const r = await send('putSettings', '', {}, JSON.stringify({ [field]: { nested: [1, 2, 3] } }));
      expect(r.status).toBe(400);
      expect(r.text).toContain(field);
    }
  });
});
