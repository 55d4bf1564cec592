// The outgoing webhook against a real engine, the VirusTotal emulator and a webhook receiver on 127.0.0.1: one
// delivery per file per change to malicious, retried after a 500 (the failure kept in Diagnostics), kept across a
// restart, never following a redirect, Slack's body escaped, and its URL refused over the HTTP API.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract';
import { startHttpServer } from '../../electron/headless/server';
import { startVtEmulator, type VtEmulator } from '../emulator/vtEmulator';
import { startWebhookReceiver, type WebhookReceiver } from '../emulator/webhookReceiver';
import { GOOD_KEY, startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

const EVIL = 'e'.repeat(64);
const FAST = { baseMs: 20, maxMs: 100 };

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function stand(o: { url?: (r: WebhookReceiver) => string; format?: 'json' | 'slack' } = {}) {
  const t = makeTempDir('fimv-webhook-');
  cleanups.push(t.cleanup);
  const vt: VtEmulator = await startVtEmulator({
    apiKeys: [GOOD_KEY],
    files: [{ sha256: EVIL, malicious: 8, suspicious: 1, undetected: 62, names: ['dropper.exe'] }],
  });
  cleanups.push(() => vt.close());
  const receiver = await startWebhookReceiver();
  cleanups.push(() => receiver.close());
  const dataDir = path.join(t.dir, 'data');
  const options = {
    dataDir,
    vtBaseUrl: vt.url,
    apiKeyFromEnv: GOOD_KEY,
    webhookUrl: o.url ? o.url(receiver) : `${receiver.url}/hooks/fim`,
    webhookFormat: o.format,
    webhookRetry: FAST,
  };
  const start = async (extra: Partial<Parameters<typeof startTestEngine>[0]> = {}) => {
    const e = await startTestEngine({ ...options, ...extra });
    cleanups.push(() => e.stop());
    return e;
  };
  return { vt, receiver, dataDir, options, start };
}

/** Look the hash up again and wait for the answer's verdict event. */
async function answer(e: TestEngine, hash: string): Promise<void> {
  const before = e.events.filter((x) => x.type === 'verdict').length;
  await e.h.rescan({ hash });
  await e.until(() => e.events.filter((x) => x.type === 'verdict').length > before, 15_000, 'a new answer');
}

const diagnostics = async (e: TestEngine) => (await e.h.getDiagnostics({})).webhook;
type WebhookDiagnostics = Awaited<ReturnType<typeof diagnostics>>;

/** Waits until the engine has recorded what `check` looks for (each try reads Diagnostics again). */
async function recorded(e: TestEngine, check: (d: WebhookDiagnostics) => boolean, what: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const d = await diagnostics(e);
    if (check(d)) return d;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(d)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the webhook', () => {
  it('posts a new malicious file once, with the generic JSON body; again only after it was clean in between', async () => {
    const s = await stand();
    const e = await s.start();
    await answer(e, EVIL);
    const [hook] = await s.receiver.waitFor(1);
    expect(hook.method).toBe('POST');
    expect(hook.path).toBe('/hooks/fim');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['x-fim-verdict-event']).toBe('file.malicious');
    const body = JSON.parse(hook.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: `fim-verdict-${String(hook.headers['x-fim-verdict-delivery'])}`,
      source: 'FIM Verdict',
      event: 'file.malicious',
      file: { sha256: EVIL },
      verdict: {
        state: 'malicious',
        malicious: 8,
        suspicious: 1,
        engines: 71,
        permalink: `https://www.virustotal.com/gui/file/${EVIL}`,
        origin: 'virustotal',
      },
    });

    // answered again, still malicious: not a change, nothing sent
    await answer(e, EVIL);
    expect((await diagnostics(e)).delivered + (await diagnostics(e)).pending).toBe(1);

    // clean, then malicious again: a new change, a new delivery
    s.vt.addFile({ sha256: EVIL, malicious: 0, undetected: 70 });
    await answer(e, EVIL);
    s.vt.addFile({ sha256: EVIL, malicious: 5, undetected: 65 });
    await answer(e, EVIL);
    const hooks = await s.receiver.waitFor(2);
    expect(JSON.parse(hooks[1].body)).toMatchObject({ verdict: { malicious: 5, previousState: 'clean' } });
    expect(s.receiver.received).toHaveLength(2);
    const d = await recorded(e, (x) => x.delivered === 2, 'two deliveries recorded');
    expect(d).toMatchObject({ configured: true, target: s.receiver.url, format: 'json', delivered: 2, failed: 0 });
    expect(d.recent.map((r) => r.status)).toEqual(['delivered', 'delivered']);
  });

  it('retries after a 500, with backoff, and Diagnostics keeps the failure beside the delivery', async () => {
    const s = await stand();
    s.receiver.fail({ kind: 'status', status: 500 }, 2);
    const e = await s.start();
    await answer(e, EVIL);
    const hooks = await s.receiver.waitFor(3);
    expect(hooks.map((h) => h.status)).toEqual([500, 500, 200]);
    // the same delivery each time: a receiver can drop a repeat
    expect(new Set(hooks.map((h) => h.headers['x-fim-verdict-delivery'])).size).toBe(1);
    expect(hooks[2].at - hooks[1].at).toBeGreaterThanOrEqual(FAST.baseMs / 2);
    const d = await recorded(e, (x) => x.delivered === 1, 'the delivery recorded');
    expect(d.recent[0]).toMatchObject({
      status: 'delivered',
      attempts: 3,
      httpStatus: 200,
      error: 'the webhook answered HTTP 500',
    });
  });

  it('a pending delivery survives a restart and is sent by the next run', async () => {
    const s = await stand();
    s.receiver.fail({ kind: 'status', status: 503, retryAfter: '3600' }); // "come back in an hour"
    const first = await s.start();
    await answer(first, EVIL);
    await s.receiver.waitFor(1);
    const pending = await recorded(first, (x) => x.recent[0]?.attempts === 1, 'the first try recorded');
    expect(pending.recent[0]).toMatchObject({ status: 'pending', attempts: 1, httpStatus: 503 });
    await first.stop();
    // the next run, two hours later: the delivery is due, and the file is not announced a second time
    const later = await s.start({ clock: { now: () => Date.now() + 2 * 3_600_000 } });
    const hooks = await s.receiver.waitFor(2);
    expect(hooks[1].headers['x-fim-verdict-delivery']).toBe(hooks[0].headers['x-fim-verdict-delivery']);
    expect(await recorded(later, (x) => x.delivered === 1, 'the delivery recorded')).toMatchObject({
      delivered: 1,
      pending: 0,
      failed: 0,
    });
  });

  it('a delivery in flight when the engine stops is cut short, not counted as a try, and sent by the next run', async () => {
    const s = await stand();
    s.receiver.fail({ kind: 'hang' });
    const first = await s.start();
    await answer(first, EVIL);
    await s.receiver.waitFor(1);
    await first.stop(); // does not wait for the request's 10 s deadline: it is aborted
    const later = await s.start();
    const hooks = await s.receiver.waitFor(2);
    expect(hooks[1].headers['x-fim-verdict-delivery']).toBe(hooks[0].headers['x-fim-verdict-delivery']);
    const d = await recorded(later, (x) => x.delivered === 1, 'the delivery recorded');
    expect(d.recent[0]).toMatchObject({ status: 'delivered', attempts: 1, error: null });
  });

  it('never follows a redirect: the delivery fails and says why', async () => {
    const other = await startWebhookReceiver();
    cleanups.push(() => other.close());
    const s = await stand();
    s.receiver.fail({ kind: 'redirect', to: `${other.url}/stolen` });
    const e = await s.start();
    await answer(e, EVIL);
    await s.receiver.waitFor(1);
    const d = await recorded(e, (x) => x.failed === 1, 'the failure recorded');
    expect(d.recent[0]).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 302 });
    expect(d.recent[0].error).toMatch(/redirect, which is not followed/);
    expect(other.received).toHaveLength(0);
  });

  it("Slack's body is an incoming-webhook message (its escaping: tests/unit/core/output/webhookPayload.test.ts)", async () => {
    const s = await stand({ format: 'slack' });
    const e = await s.start();
    await e.h.lookupHashes({ text: EVIL });
    await s.receiver.waitFor(1);
    const message = JSON.parse(s.receiver.received[0].body) as { text: string; unfurl_links: boolean };
    expect(message.unfurl_links).toBe(false);
    expect(message.text).toContain('*Malicious file*');
    expect(message.text).toContain('8 malicious, 1 suspicious of 71 engines');
    expect(message.text).toContain(`<https://www.virustotal.com/gui/file/${EVIL}|VirusTotal report>`);
  });

  it('the desktop app (IPC) may set it: credentials in it only over https, http(s) only', async () => {
    const s = await stand();
    const e = await s.start({ transport: 'ipc', webhookUrl: undefined });
    const put = async (update: Parameters<typeof e.h.putSettings>[0]) => e.h.putSettings(update);
    await expect(put({ webhookUrl: 'http://user:secret@127.0.0.1:9/h' })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/credentials in the URL .* refused over http/) as unknown,
    });
    await expect(put({ webhookUrl: 'ftp://example.com/h' })).rejects.toMatchObject({ code: 'bad-request' });
    const saved = await put({ webhookUrl: 'https://user:secret@hooks.example.com/h' });
    expect(saved.webhookUrl).toBe('https://user:secret@hooks.example.com/h');
  });
});

describe('the webhook URL over the HTTP API', () => {
  it('is refused (403, saying where it is set), whatever the value; the format may change', async () => {
    const t = makeTempDir('fimv-webhook-http-');
    cleanups.push(t.cleanup);
    const e = await startTestEngine({
      dataDir: path.join(t.dir, 'data'),
      webhookUrl: 'https://hooks.example.com/services/T000/B000/secret',
    });
    cleanups.push(() => e.stop());
    const token = 'w'.repeat(40);
    const server = await startHttpServer({ backend: e.engine.backend, token, port: 0, staticDir: null });
    cleanups.push(() => server.close());
    const put = async (body: unknown) => {
      const res = await fetch(new URL('/api/settings', server.url), {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return {
        status: res.status,
        json: (await res.json()) as Record<string, unknown> & { error?: { message: string } },
      };
    };
    // a URL set by --webhook: the browser sees its origin only, and sending that back changes nothing
    const get = async () =>
      (await (
        await fetch(new URL('/api/settings', server.url), { headers: { authorization: `Bearer ${token}` } })
      ).json()) as ApiOutput<'getSettings'>;
    expect((await get()).webhookUrl).toBe('https://hooks.example.com/…');
    expect(JSON.stringify(await get())).not.toContain('T000/B000/secret');
    expect((await put({ webhookUrl: 'https://hooks.example.com/…', threshold: 2 })).status).toBe(200);
    const refused = await put({ webhookUrl: 'https://attacker.example/collect' });
    expect(refused.status).toBe(403);
    expect(String(refused.json.error?.message)).toMatch(/--webhook .* desktop app/);
    expect((await put({ webhookUrl: 'http://127.0.0.1:8080/' })).status).toBe(403);
    expect((await put({ webhookUrl: null })).status).toBe(403); // removing it is a change too
    const view = (await put({ webhookFormat: 'slack' })).json as ApiOutput<'getSettings'>;
    expect(view.webhookFormat).toBe('slack');
    expect(view.webhookUrl).toBe('https://hooks.example.com/…');
    expect(view.lockedOverHttp).toContain('webhookUrl');
  });
});
