// The Wazuh 5 queue-http socket test server: the engine's NDJSON parse (header, events, escaping,
// continuation lines), its 400 answers byte for byte, the request log, faults and a socket that goes away.
import fs from 'node:fs';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnrichedBatch, type QueueSocketServer, startWazuhQueueSocket } from '../../emulator/wazuhQueueSocket';

let q: QueueSocketServer | null = null;
afterEach(async () => {
  await q?.close();
  q = null;
});

function post(
  socketPath: string,
  body: string,
  path = '/events/enriched',
  method = 'POST',
): Promise<{ status: number; text: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, path, method, headers: { 'content-type': 'application/x-ndjson' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            type: res.headers['content-type'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const HEADER = 'H {"wazuh":{"agent":{"id":"001","name":"web-01"}}}';
const verdict = { virustotal: { found: 1, malicious: 1, positives: 61, total: 72 } };

describe('parseEnrichedBatch', () => {
  it('reads the header, the queue byte, escaped locations, messages and continuation lines', () => {
    const body = [HEADER, `E 1:fim-verdict:${JSON.stringify(verdict)}`, 'E 1:C|:\\Users|:x:two', ' lines', ''].join(
      '\n',
    );
    const events = parseEnrichedBatch(Buffer.from(body));
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      header: { wazuh: { agent: { id: '001', name: 'web-01' } } },
      queue: 49,
      location: 'fim-verdict',
      message: JSON.stringify(verdict),
      json: verdict,
    });
    expect(events[1]).toMatchObject({ location: 'C:\\Users:x', message: 'two\nlines', json: null });
    expect(parseEnrichedBatch(Buffer.from(`${HEADER}\n`))).toEqual([]);
  });

  it('refuses what the engine refuses, with its reasons', () => {
    const bad: [string, string][] = [
      [HEADER, 'Missing newline after header'],
      ['X {}\nE 1:a:b', "Invalid header format, expected 'H {json}'"],
      ['H {nope\nE 1:a:b', 'JSON document could not be parsed: Invalid value.'],
      ['H {"agent":{"id":"001"}}\nE 1:a:b', 'AgentMetadataCache: missing or non-string /wazuh/agent/id in header'],
      [
        'H {"wazuh":{"agent":{"id":"web-01"}}}\nE 1:a:b',
        'AgentMetadataCache: /wazuh/agent/id must be a non-empty positive numeric string',
      ],
      [
        'H {"wazuh":{"agent":{"id":1}}}\nE 1:a:b',
        'AgentMetadataCache: missing or non-string /wazuh/agent/id in header',
      ],
      [`${HEADER}\nstray`, "Expected 'E ' at event start"],
      [`${HEADER}\nE 1:a`, 'Invalid format: event must be at least 5 bytes ("<byte>:<location>:<message>")'],
      [`${HEADER}\nE 1|abcdef`, 'Invalid format: event must be at least 5 bytes ("<byte>:<location>:<message>")'],
      [`${HEADER}\nE 1:ab|:cd`, "Invalid format: missing unescaped ':' between location and message"],
      [`${HEADER}\nE 1::msg`, 'Invalid format: location cannot be empty'],
    ];
    for (const [body, reason] of bad) expect(() => parseEnrichedBatch(Buffer.from(body)), body).toThrow(reason);
  });
});

describe('startWazuhQueueSocket', () => {
  it('accepts a batch with 200 and an empty body, and records its events', async () => {
    q = await startWazuhQueueSocket();
    expect(fs.statSync(q.socketPath).mode & 0o777).toBe(0o660);
    const r = await post(q.socketPath, `${HEADER}\nE 1:fim-verdict:${JSON.stringify(verdict)}\n`);
    expect(r).toEqual({ status: 200, text: '', type: undefined });
    expect(q.events.map((e) => e.json)).toEqual([verdict]);
    expect(q.requests[0]).toMatchObject({ method: 'POST', path: '/events/enriched', status: 200, error: null });
  });

  it('answers 400 with the engine body, which is not JSON-escaped', async () => {
    q = await startWazuhQueueSocket();
    const r = await post(q.socketPath, `${HEADER}\nE 1:a\n`);
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/json');
    expect(r.text).toBe(
      '{"error": "NDJson parser error, Invalid format: event must be at least 5 bytes ("<byte>:<location>:<message>")", "code": 400}',
    );
    expect(() => JSON.parse(r.text)).toThrow();
    const ok = await post(q.socketPath, '{"wazuh":1}\n');
    expect(JSON.parse(ok.text)).toEqual({
      error: "NDJson parser error, Invalid header format, expected 'H {json}'",
      code: 400,
    });
    expect(q.events).toHaveLength(0);
    expect((await post(q.socketPath, '', '/events/other')).status).toBe(404);
  });

  it('fails on request, and goes away and comes back on the same path', async () => {
    q = await startWazuhQueueSocket();
    const good = `${HEADER}\nE 1:fim-verdict:{}\n`;
    q.fail({ kind: 'bad-request', reason: 'Agent metadata merge failed: nope' }, 1);
    q.fail({ kind: 'server-error' }, 1);
    expect((await post(q.socketPath, good)).text).toBe(
      '{"error": "NDJson parser error, Agent metadata merge failed: nope", "code": 400}',
    );
    expect((await post(q.socketPath, good)).status).toBe(500);
    expect((await post(q.socketPath, good)).status).toBe(200);
    q.fail({ kind: 'reset' }, 1);
    await expect(post(q.socketPath, good)).rejects.toThrow();
    await q.goAway();
    expect(fs.existsSync(q.socketPath)).toBe(false);
    await expect(post(q.socketPath, good)).rejects.toMatchObject({ code: 'ENOENT' });
    await q.comeBack();
    expect((await post(q.socketPath, good)).status).toBe(200);
    expect(q.events).toHaveLength(2);
  });
});
