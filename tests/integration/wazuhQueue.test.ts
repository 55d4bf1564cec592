// Verdicts into Wazuh 5 over its queue-http socket, against the project's test socket (parsed as wazuh/wazuh's
// engine does): the NDJSON format, the same fields and outcomes as the 4.x integration log, hostile paths and agent
// names that cannot forge an event, batches per agent, and every answer the sender can get.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertItem, Verdict } from '../../shared/contract';
import { errorRecord, verdictRecord } from '../../electron/core/output/integrationLog';
import { engineMessage, nextStep, postEnriched } from '../../electron/core/output/queueHttp';
import {
  errorBatch,
  escapeLocation,
  MAX_BATCH_EVENTS,
  planBatches,
  splitBatch,
  type VerdictItem,
} from '../../electron/core/output/wazuhQueue';
import { parseEnrichedBatch, type QueueSocketServer, startWazuhQueueSocket } from '../emulator/wazuhQueueSocket';
import { makeTempDir } from '../helpers/tempDir';

let q: QueueSocketServer | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await q?.close();
  q = null;
  for (const c of cleanups.splice(0)) c();
});

const SHA256 = '009b2e4be7c5406a27e58078b9320891c7a5ace5e4537fadb3a62eacac930934';
const SHA1 = 'd942b1004f0aad94387b63417f52cacbca7a9910';
const MD5 = 'f3a523107d78e5f4ee7bc98958814355';

function verdict(state: Verdict['state'], o: Partial<Verdict> = {}): Verdict {
  const answered = ['clean', 'malicious', 'suspicious'].includes(state);
  return {
    state,
    positives: answered ? (state === 'clean' ? 0 : 7) : null,
    total: answered ? 70 : null,
    permalink: answered ? `https://www.virustotal.com/gui/file/${SHA256}` : null,
    scanDate: answered ? '2026-07-05T09:20:00.000Z' : null,
    checkedAt: '2026-07-05T09:21:00.000Z',
    origin: 'virustotal',
    reason: null,
    ...o,
  };
}

let nextId = 1;
function item(o: { agent?: Partial<AlertItem['agent']>; path?: string; state?: Verdict['state'] } = {}): VerdictItem {
  const id = nextId++;
  const alert: AlertItem = {
    id,
    alertId: `5f0c2d7e-9a4b-4c1e-8f3d-${String(id).padStart(12, '0')}`,
    timestamp: '2026-07-05T09:16:48.012Z',
    epochMs: Date.UTC(2026, 6, 5, 9, 16, 48, 12),
    manager: 'node01',
    agent: { id: '003', name: 'web-01', ip: null, ...o.agent },
    rule: { id: '554', level: 5, description: 'File added to the system.' },
    path: o.path ?? '/tmp/.systemd-private-cache/agent',
    event: 'added',
    mode: 'realtime',
    md5: MD5,
    sha1: SHA1,
    sha256: SHA256,
    size: 51328,
    uname: 'root',
    whodata: null,
    sourceId: 1,
    verdict: verdict(o.state ?? 'malicious'),
  };
  return { alert, file: { md5: MD5, sha1: SHA1, sha256: SHA256 } };
}

describe('the NDJSON body', () => {
  it('H with the agent, E 1:fim-verdict:<the integration log record + sha256>, as the engine parses it', async () => {
    q = await startWazuhQueueSocket();
    const items = [item(), item({ state: 'clean' }), item({ state: 'unknown' })];
    const plan = planBatches(items);
    expect(plan.batches).toHaveLength(1);
    const body = plan.batches[0].body;
    expect(body.split('\n')[0]).toBe('H {"wazuh":{"agent":{"id":"003","name":"web-01"}}}');
    expect(body.split('\n')[1].startsWith('E 1:fim-verdict:{"virustotal":')).toBe(true);
    expect(await postEnriched(q.socketPath, body)).toEqual({ kind: 'ok' });
    expect(q.events).toHaveLength(3);
    for (const [i, e] of q.events.entries()) {
      expect(e).toMatchObject({
        queue: 49,
        location: 'fim-verdict',
        header: { wazuh: { agent: { id: '003', name: 'web-01' } } },
      });
      const expected = verdictRecord(items[i].alert, items[i].file)!;
      (expected.virustotal.source as Record<string, unknown>).sha256 = SHA256;
      expect(e.json).toEqual(expected);
    }
    // the outcomes Wazuh's rules know: malicious with positives/total/permalink, no positives, not found
    expect((q.events[0].json as { virustotal: object }).virustotal).toMatchObject({
      found: 1,
      malicious: 1,
      positives: 7,
      total: 70,
      scan_date: '2026-07-05 09:20:00',
      permalink: `https://www.virustotal.com/gui/file/${SHA256}`,
    });
    expect((q.events[1].json as { virustotal: object }).virustotal).toMatchObject({
      found: 1,
      malicious: 0,
      positives: 0,
    });
    expect((q.events[2].json as { virustotal: object }).virustotal).toEqual({
      found: 0,
      malicious: 0,
      source: expect.objectContaining({ file: items[2].alert.path, sha256: SHA256, alert_id: items[2].alert.alertId }),
    });
    expect(q.requests[0]).toMatchObject({ method: 'POST', path: '/events/enriched', status: 200 });
  });

  it('a path or an agent name holding newlines, "E ", ANSI, RTL marks or quotes cannot forge an event', async () => {
    q = await startWazuhQueueSocket();
    const hostilePath = '/tmp/x\nE 1:fim-verdict:{"virustotal":{"malicious":0}}\n\u001b[31m\u202etxt.exe\u2028"\\';
    const name = 'web"01\n E x';
    const plan = planBatches([item({ path: hostilePath, agent: { name } })]);
    const body = plan.batches[0].body;
    expect(body.split('\n')).toHaveLength(3); // header, one event, the final newline
    const raw = [...body].filter(
      (c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f') || /[\u2028\u2029\u202a-\u202e]/.test(c)),
    );
    expect(raw).toEqual([]);
    expect(await postEnriched(q.socketPath, body)).toEqual({ kind: 'ok' });
    expect(q.events).toHaveLength(1);
    expect((q.events[0].json as { virustotal: { source: { file: string } } }).virustotal.source.file).toBe(hostilePath);
    expect(q.events[0].header).toEqual({ wazuh: { agent: { id: '003', name } } });
  });

  it('batches per agent, in order, at most MAX_BATCH_EVENTS each; what cannot be sent says why', () => {
    const items = [
      item({ agent: { id: '001' } }),
      item({ agent: { id: '002' } }),
      item({ agent: { id: '001' } }),
      item({ agent: { id: null } }),
      item({ agent: { id: 'S-1' } }),
      item({ state: 'pending' }),
      item({ state: 'error' }),
      ...Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => item({ agent: { id: '009' } })),
    ];
    const plan = planBatches(items);
    expect(plan.batches.map((b) => [b.agent.id, b.alertIds.length])).toEqual([
      ['001', 2],
      ['002', 1],
      ['009', MAX_BATCH_EVENTS],
      ['009', 1],
    ]);
    expect(plan.batches[0].alertIds).toEqual([items[0].alert.id, items[2].alert.id]);
    expect(plan.notReady).toEqual([items[5].alert.id, items[6].alert.id]);
    expect(plan.unsendable).toEqual([
      { id: items[3].alert.id, reason: 'the agent id null is not digits: Wazuh 5 refuses it' },
      { id: items[4].alert.id, reason: 'the agent id "S-1" is not digits: Wazuh 5 refuses it' },
    ]);
    for (const b of plan.batches) expect(parseEnrichedBatch(Buffer.from(b.body))).toHaveLength(b.alertIds.length);
  });

  it('errors go once as the manager (agent 000), with the codes Wazuh rules match; a colon in a location is |:', async () => {
    q = await startWazuhQueueSocket();
    expect(await postEnriched(q.socketPath, errorBatch(errorRecord('credentials', 401)))).toEqual({ kind: 'ok' });
    expect(q.events[0]).toMatchObject({ header: { wazuh: { agent: { id: '000' } } }, location: 'fim-verdict' });
    expect(q.events[0].json).toEqual({
      virustotal: { error: 403, description: 'Error: Check credentials', http_status: 401 },
      integration: 'virustotal',
    });
    expect(escapeLocation('a:b:c')).toBe('a|:b|:c');
    const body = 'H {"wazuh":{"agent":{"id":"001"}}}\nE 1:' + escapeLocation('fim:verdict') + ':{}\n';
    expect(await postEnriched(q.socketPath, body)).toEqual({ kind: 'ok' });
    expect(q.events[1].location).toBe('fim:verdict');
  });

  it('splitting a batch keeps its header and halves its events', () => {
    const plan = planBatches(Array.from({ length: 5 }, () => item()));
    const [a, b] = splitBatch(plan.batches[0]);
    expect([a.alertIds.length, b.alertIds.length]).toEqual([3, 2]);
    expect([...a.alertIds, ...b.alertIds]).toEqual(plan.batches[0].alertIds);
    for (const part of [a, b]) expect(parseEnrichedBatch(Buffer.from(part.body))).toHaveLength(part.alertIds.length);
  });
});

describe('the sender: every answer, and what to do next', () => {
  it('400 with the engine message, JSON or not (its body is built without escaping)', async () => {
    q = await startWazuhQueueSocket();
    const bad = 'H {"wazuh":{"agent":{"id":"web"}}}\nE 1:x:{}\n';
    const r = await postEnriched(q.socketPath, bad);
    expect(r).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'NDJson parser error, AgentMetadataCache: /wazuh/agent/id must be a non-empty positive numeric string',
    });
    q.fail({ kind: 'bad-request', reason: 'Expected "E " at event start' }, 1);
    const raw = await postEnriched(q.socketPath, planBatches([item()]).batches[0].body);
    expect(raw).toEqual({
      kind: 'rejected',
      status: 400,
      message: '{"error": "NDJson parser error, Expected "E " at event start", "code": 400}',
    });
    expect(nextStep(raw, 5)).toEqual({
      action: 'split',
      message: `Wazuh refused the verdicts (400): ${raw.kind === 'rejected' ? raw.message : ''}`,
    });
    expect(nextStep(raw, 1).action).toBe('set-aside');
    expect(nextStep({ kind: 'rejected', status: 413, message: 'too large' }, 2).action).toBe('split');
    expect(nextStep({ kind: 'rejected', status: 404, message: '' }, 2).action).toBe('retry');
  });

  it('the socket away (nothing dropped: retry), back again; refused; not allowed', async () => {
    q = await startWazuhQueueSocket();
    const body = planBatches([item()]).batches[0].body;
    await q.goAway();
    const missing = await postEnriched(q.socketPath, body);
    expect(missing).toEqual({
      kind: 'unavailable',
      reason: 'missing',
      message: `${q.socketPath} does not exist: is the Wazuh manager running?`,
    });
    expect(nextStep(missing, 1)).toEqual({
      action: 'retry',
      message: missing.kind === 'unavailable' ? missing.message : '',
    });
    await q.comeBack();
    expect(await postEnriched(q.socketPath, body)).toEqual({ kind: 'ok' });

    const t = makeTempDir('fimv-sock-');
    cleanups.push(t.cleanup);
    // a file where the socket should be, nobody listening (a stale path): refused
    const stale = path.join(t.dir, 'queue-http.sock');
    fs.writeFileSync(stale, '');
    expect(await postEnriched(stale, body)).toEqual({
      kind: 'unavailable',
      reason: 'refused',
      message: `${stale} refuses connections: is the Wazuh manager running?`,
    });
    if (process.getuid?.() !== 0) {
      const locked = path.join(t.dir, 'locked');
      fs.mkdirSync(locked, { mode: 0o700 });
      const q2 = await startWazuhQueueSocket({ socketPath: path.join(locked, 'queue-http.sock') });
      cleanups.push(() => void q2.close());
      fs.chmodSync(path.join(locked, 'queue-http.sock'), 0o000);
      const denied = await postEnriched(q2.socketPath, body);
      expect(denied).toMatchObject({ kind: 'unavailable', reason: 'permission' });
      expect(denied.kind === 'unavailable' && denied.message).toMatch(
        /run FIM Verdict as a user in the wazuh-manager group/,
      );
      fs.chmodSync(path.join(locked, 'queue-http.sock'), 0o660);
    }
  });

  it('500, a reset connection and a hang: retry, with the reason', async () => {
    q = await startWazuhQueueSocket();
    const body = planBatches([item()]).batches[0].body;
    q.fail({ kind: 'server-error' }, 1);
    const e500 = await postEnriched(q.socketPath, body);
    expect(e500).toEqual({ kind: 'server-error', status: 500, message: 'Internal server error' });
    expect(nextStep(e500, 1)).toEqual({ action: 'retry', message: 'Wazuh failed (500): Internal server error' });
    q.fail({ kind: 'reset' }, 1);
    expect(await postEnriched(q.socketPath, body)).toMatchObject({ kind: 'unavailable', reason: 'dropped' });
    q.fail({ kind: 'hang' }, 1);
    const hung = await postEnriched(q.socketPath, body, { timeoutMs: 200 });
    expect(hung).toEqual({
      kind: 'timeout',
      message: `no answer from ${q.socketPath} within 0.2 s (the batch may have been taken: it is sent again)`,
    });
    expect(nextStep(hung, 1).action).toBe('retry');
    expect(await postEnriched(q.socketPath, body)).toEqual({ kind: 'ok' });
  });

  it('engineMessage: the error field, or the text', () => {
    expect(engineMessage('{"error":"x","code":400}')).toBe('x');
    expect(engineMessage('oops\nline')).toBe('oops line');
    expect(engineMessage('')).toBe('no message');
  });
});
