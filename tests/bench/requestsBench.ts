// Requests benchmark: 100k FIM events over 3k unique files against the VirusTotal emulator. We must spend exactly
// one request per file; Wazuh's integration spends one per alert (and at the public key's 4 a minute, that is
// weeks of quota for what costs us hours).
import fs from 'node:fs';
import path from 'node:path';
import { startEngine } from '../../electron/core/engine';
import { startVtEmulator } from '../emulator/vtEmulator';
import { AGENTS, WazuhAlertGenerator, randomHashes, randomPath } from '../generators/wazuhAlerts';
import { GOOD_KEY, memorySecretStore } from '../helpers/engine';
import { round } from './ingestBench';

export interface RequestFigures {
  fimEventsStreamed: number;
  uniqueFiles: number;
  requests: number;
  requestsPerUniqueHash: number;
  wazuhRequests: number;
  requestsSaved: number;
  lookupSeconds: number;
  /** at the public key's 4 a minute */
  publicKeyHoursUs: number;
  publicKeyDaysWazuh: number;
}

export async function requestsBench(
  dataDir: string,
  events: number,
  files: number,
  log: (m: string) => void,
): Promise<RequestFigures> {
  const vt = await startVtEmulator({ apiKeys: [GOOD_KEY] });
  const gen = new WazuhAlertGenerator({ seed: 99, startEpochMs: Date.now() - events * 50 });
  const pool = Array.from({ length: files }, (_, i) => {
    const agent = AGENTS[i % AGENTS.length];
    const hashes = randomHashes(gen.rng) as { md5: string; sha1: string; sha256: string };
    vt.addFile({ ...hashes, malicious: i % 37 === 0 ? 12 : 0, undetected: 60 });
    return { agent, hashes, path: randomPath(gen.rng, { os: agent.os }) };
  });
  const alerts = path.join(dataDir, '..', 'requests-alerts.json');
  fs.mkdirSync(path.dirname(alerts), { recursive: true });
  const out = fs.openSync(alerts, 'w');
  // every file at least once, then random repeats: the same file reported again and again, on several agents
  for (let i = 0; i < events; i++) {
    const f = i < files ? pool[i] : gen.rng.pick(pool);
    const agent = gen.rng.bool(0.7) ? f.agent : gen.rng.pick(AGENTS);
    fs.writeSync(
      out,
      gen.fimAlert({
        event: i < files ? 'added' : 'modified',
        path: f.path,
        hashes: f.hashes,
        agent,
        epochMs: Date.now() - (events - i) * 50,
      }) + '\n',
    );
  }
  fs.closeSync(out);
  log(`look-ups: ${events} FIM events over ${files} files`);
  const started = Date.now();
  const engine = await startEngine({
    dataDir,
    sources: [{ path: alerts, fromEnd: false }],
    vtBaseUrl: vt.url,
    apiKeyFromEnv: GOOD_KEY,
    quota: { perMinute: 1_000_000, perDay: 10_000_000, perMonth: 100_000_000 },
    secrets: memorySecretStore(),
    transport: 'http',
  });
  try {
    for (;;) {
      const s = await engine.backend.handlers.getStats({});
      if (s.fimEvents === events && s.queue === 0 && s.inFlight === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await engine.stop();
    await vt.close();
  }
  const seconds = (Date.now() - started) / 1000;
  const requests = vt.fileRequests();
  return {
    fimEventsStreamed: events,
    uniqueFiles: files,
    requests,
    requestsPerUniqueHash: round(requests / files, 3),
    wazuhRequests: events,
    requestsSaved: events - requests,
    lookupSeconds: round(seconds),
    publicKeyHoursUs: round(requests / 4 / 60),
    publicKeyDaysWazuh: round(events / 4 / 60 / 24),
  };
}
