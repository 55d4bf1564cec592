// --wazuh-socket in the engine: every FIM alert whose verdict is known is posted to Wazuh 5's queue-http socket
// (the project's test socket, parsed as wazuh/wazuh's engine does), in order, one agent per batch; while the socket
// is away the events wait in SQLite, across a restart, and go once it is back; an event Wazuh refuses (400) is set
// aside with Wazuh's message, shown in the stats and in Diagnostics, and the rest go on.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startWazuhQueueSocket, type QueueSocketServer } from '../emulator/wazuhQueueSocket';
import { startVtEmulator } from '../emulator/vtEmulator';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { GOOD_KEY, startTestEngine, type TestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

it('posts each verdict once, in order, waiting in SQLite while the socket is away; a refused event is set aside', async () => {
  const t = makeTempDir('fimv-wq-');
  cleanups.push(t.cleanup);
  const vt = await startVtEmulator({ apiKeys: [GOOD_KEY], perMinute: null });
  cleanups.push(() => vt.close());
  const q: QueueSocketServer = await startWazuhQueueSocket({ socketPath: path.join(t.dir, 'queue-http.sock') });
  cleanups.push(() => q.close());
  await q.goAway(); // the manager is stopped when FIM Verdict starts

  const gen = new WazuhAlertGenerator({ seed: 8 });
  const files = Array.from({ length: 4 }, (_, i) =>
    vt.addFile({
      sha256: (i + 1).toString(16).repeat(64).slice(0, 64),
      malicious: i === 0 ? 9 : 0,
      undetected: 60,
      harmless: 3,
    }),
  );
  const lines = Array.from({ length: 30 }, (_, i) => {
    const f = files[i % files.length];
    return gen.fimAlert({ event: 'modified', hashes: { md5: f.md5!, sha1: f.sha1!, sha256: f.sha256 } });
  });
  const alerts = path.join(t.dir, 'alerts.json');
  fs.writeFileSync(alerts, lines.join('\n') + '\n');
  const options = {
    dataDir: path.join(t.dir, 'data'),
    sources: [{ path: alerts, fromEnd: false }],
    vtBaseUrl: vt.url,
    apiKeyFromEnv: GOOD_KEY,
    quota: { perMinute: 1000, perDay: 100_000, perMonth: 1_000_000 },
    wazuhSocket: q.socketPath,
  };
  let e: TestEngine = await startTestEngine(options);
  cleanups.push(() => e.stop());
  let s = await e.until(
    (x) => x.fimEvents === 30 && x.queue === 0 && x.wazuhQueue?.pending === 30 && x.wazuhQueue.state === 'retrying',
    20_000,
    'every verdict waiting for the socket',
  );
  expect(s.wazuhQueue!.message).toMatch(/queue-http\.sock does not exist: is the Wazuh manager running\?: retrying at/);
  const diagnostics = await e.h.getDiagnostics({});
  expect(diagnostics.notices.join('\n')).toMatch(/Wazuh 5 queue socket: .*does not exist/);

  // a restart loses nothing that waits
  await e.stop();
  e = await startTestEngine(options);
  s = await e.until((x) => x.wazuhQueue?.pending === 30, 20_000);
  expect(s.wazuhQueue!.sent).toBe(0);

  await q.comeBack();
  s = await e.until((x) => x.wazuhQueue?.sent === 30, 60_000, 'the socket back');
  expect(s.wazuhQueue).toMatchObject({ pending: 0, setAside: 0, state: 'idle' });
  expect(q.events).toHaveLength(30);
  // each alert once; the events of one file in the order its alerts were stored (the outbox's order)
  const page = await e.h.listAlerts({ limit: 100, offset: 0 });
  const rowOf = new Map(page.items.map((a) => [a.alertId, a.id]));
  const sent = q.events.map((ev) => (ev.json as { virustotal: { source: { alert_id: string } } }).virustotal.source);
  expect(sent.map((x) => x.alert_id).sort()).toEqual(page.items.map((a) => a.alertId).sort());
  for (const f of files) {
    const ids = q.events
      .map((ev) => (ev.json as { virustotal: { source: { alert_id: string; sha256: string } } }).virustotal.source)
      .filter((x) => x.sha256 === f.sha256)
      .map((x) => rowOf.get(x.alert_id)!);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  }
  for (const ev of q.events) {
    const json = ev.json as { virustotal: { source: { agent: { id: string }; sha256: string } } };
    expect(ev.location).toBe('fim-verdict');
    expect((ev.header as { wazuh: { agent: { id: string } } }).wazuh.agent.id).toBe(json.virustotal.source.agent.id);
  }
  const malicious = q.events.find(
    (ev) => (ev.json as { virustotal: { source: { sha256: string } } }).virustotal.source.sha256 === files[0].sha256,
  )!.json as { virustotal: Record<string, unknown> };
  expect(malicious.virustotal).toMatchObject({ found: 1, malicious: 1, positives: 9 });

  // one more alert (its answer is known: posted at once), refused by Wazuh: set aside with its message
  q.fail({ kind: 'bad-request', reason: 'Invalid format: location cannot be empty' }, 1);
  const f = files[1];
  fs.appendFileSync(
    alerts,
    gen.fimAlert({ event: 'added', hashes: { md5: f.md5!, sha1: f.sha1!, sha256: f.sha256 } }) + '\n',
  );
  s = await e.until((x) => x.wazuhQueue?.setAside === 1, 20_000, 'the refused event');
  expect(s.wazuhQueue!.lastSetAside).toBe(
    'Wazuh refused the verdicts (400): NDJson parser error, Invalid format: location cannot be empty',
  );
  expect(q.events).toHaveLength(30);
  // and the next one goes
  fs.appendFileSync(
    alerts,
    gen.fimAlert({ event: 'added', hashes: { md5: f.md5!, sha1: f.sha1!, sha256: f.sha256 } }) + '\n',
  );
  s = await e.until((x) => x.wazuhQueue?.sent === 31, 20_000);
  expect(q.events).toHaveLength(31);
  expect((await e.h.getDiagnostics({})).notices.join('\n')).toMatch(
    /Wazuh 5 refused a verdict event: .*location cannot be empty/,
  );
});
