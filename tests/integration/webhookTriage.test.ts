// Triage changes on the webhook, against a real engine, the VirusTotal emulator and a webhook receiver on
// 127.0.0.1: nothing is posted for a triage change until webhookTriage is on (it is off by default; settable over
// the HTTP API, unlike the URL); then each change is one 'file.triage' delivery with the file, its verdict, the new
// and previous state, the note and who, and a closed file FIM Verdict reopens is told too, by FIM Verdict.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../electron/headless/server';
import { startVtEmulator } from '../emulator/vtEmulator';
import { startWebhookReceiver } from '../emulator/webhookReceiver';
import { GOOD_KEY, startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

const EVIL = 'e'.repeat(64);
const TOKEN = 'webhook-triage-token-0123456789';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function answer(e: TestEngine, hash: string): Promise<void> {
  const before = e.events.filter((x) => x.type === 'verdict').length;
  await e.h.rescan({ hash });
  await e.until(() => e.events.filter((x) => x.type === 'verdict').length > before, 15_000, 'a new answer');
}

/** The deliveries queued so far (a triage change is queued before setTriage answers). */
async function deliveries(e: TestEngine) {
  return (await e.h.getDiagnostics({})).webhook;
}

describe('triage changes on the webhook', () => {
  it('are posted only once webhookTriage is on; each change once, a reopening by FIM Verdict too', async () => {
    const t = makeTempDir('fimv-webhook-triage-');
    cleanups.push(t.cleanup);
    const vt = await startVtEmulator({
      apiKeys: [GOOD_KEY],
      files: [{ sha256: EVIL, malicious: 3, suspicious: 1, undetected: 62, names: ['dropper.exe'] }],
    });
    cleanups.push(() => vt.close());
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const e = await startTestEngine({
      dataDir: path.join(t.dir, 'data'),
      vtBaseUrl: vt.url,
      apiKeyFromEnv: GOOD_KEY,
      webhookUrl: `${receiver.url}/hooks/fim`,
      webhookRetry: { baseMs: 20, maxMs: 100 },
      analystName: 'alice',
    });
    cleanups.push(() => e.stop());
    const server = await startHttpServer({ backend: e.engine.backend, token: TOKEN, port: 0, staticDir: null });
    cleanups.push(() => server.close());
    const put = (body: unknown) =>
      fetch(`${server.url.replace(/\/$/, '')}/api/settings`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    await answer(e, EVIL);
    await receiver.waitFor(1); // file.malicious
    expect((await e.h.getSettings({})).webhookTriage).toBe(false);

    // off by default: a triage change queues nothing
    await e.h.setTriage({ hashes: [EVIL], state: 'acknowledged', note: 'looking' });
    expect((await deliveries(e)).recent.map((r) => r.kind)).toEqual(['malicious']);

    // switched on over the HTTP API (the URL is not settable there; this boolean is)
    const res = await put({ webhookTriage: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { webhookTriage: boolean }).webhookTriage).toBe(true);
    await e.h.setTriage({ hashes: [EVIL], state: 'false-positive', note: 'build artefact \u202Eexe' });
    const [, hook] = await receiver.waitFor(2);
    expect(hook.headers['x-fim-verdict-event']).toBe('file.triage');
    // the control character travels as a JSON escape
    expect(hook.body).toContain('build artefact \\u202eexe');
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'file.triage',
      file: { sha256: EVIL },
      verdict: { state: 'malicious', malicious: 3, suspicious: 1, origin: 'virustotal', previousState: null },
      triage: { state: 'false-positive', previousState: 'acknowledged', note: 'build artefact \u202Eexe', by: 'alice' },
    });

    // the same state and note again: no change, nothing sent
    await e.h.setTriage({ hashes: [EVIL], state: 'false-positive', note: 'build artefact \u202Eexe' });
    // more engines say malicious: FIM Verdict reopens the file and says so (the verdict did not change: no
    // file.malicious)
    vt.addFile({ sha256: EVIL, malicious: 12, undetected: 58 });
    await answer(e, EVIL);
    const hooks = await receiver.waitFor(3);
    expect(JSON.parse(hooks[2].body)).toMatchObject({
      event: 'file.triage',
      verdict: { malicious: 12 },
      triage: {
        state: 'new',
        previousState: 'false-positive',
        by: 'FIM Verdict',
        note: 'reopened: 12 engines say malicious now (3 when it was closed)',
      },
    });
    expect((await deliveries(e)).recent.map((r) => r.kind).sort()).toEqual(['malicious', 'triage', 'triage']);
    expect(receiver.received).toHaveLength(3);
  });
});
