// `npm run demo`: FIM Verdict with no key and no Wazuh. A temporary data directory, the project's
// VirusTotal-compatible server on 127.0.0.1, and a generator writing realistic FIM alerts (several agents, Linux
// and Windows paths, some files malicious) at a human pace. The app says DEMO everywhere: nothing here is real.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVtEmulator } from '../tests/emulator/vtEmulator';
import { AGENTS, WazuhAlertGenerator, randomHashes, randomPath, type GenAgent } from '../tests/generators/wazuhAlerts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_KEY = 'd'.repeat(64);

interface DemoFile {
  path: string;
  agent: GenAgent;
  hashes: { md5: string; sha1: string; sha256: string };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fim-verdict-demo-'));
  const alerts = path.join(dir, 'alerts.json');
  fs.writeFileSync(alerts, '');
  const vt = await startVtEmulator({ apiKeys: [DEMO_KEY] });
  const gen = new WazuhAlertGenerator({ seed: Date.now() % 100_000, startEpochMs: Date.now() });
  const rng = gen.rng;

  // the files the simulated agents will report: most known to the simulated VirusTotal, some never seen by it
  const pool: DemoFile[] = [];
  for (let i = 0; i < 60; i++) {
    const agent = rng.pick(AGENTS);
    const hashes = randomHashes(rng) as DemoFile['hashes'];
    const p = randomPath(rng, { os: agent.os, nonAscii: rng.bool(0.1) });
    const roll = rng.next();
    const names = [path.basename(p)];
    // about 70 engines give a verdict, as on VirusTotal
    if (roll < 0.18) {
      const malicious = rng.int(3, 62);
      const threatLabel = rng.pick([
        'trojan.agent/generic',
        'miner.xmrig/linux',
        'ransom.lockbit/win',
        'backdoor.mirai/elf',
      ]);
      vt.addFile({ ...hashes, malicious, suspicious: rng.int(0, 2), undetected: 70 - malicious, names, threatLabel });
    } else if (roll < 0.26) {
      const suspicious = rng.int(1, 3);
      vt.addFile({ ...hashes, malicious: 0, suspicious, undetected: 68 - suspicious, harmless: 2, names });
    } else if (roll < 0.85) {
      const harmless = rng.int(0, 5);
      vt.addFile({ ...hashes, malicious: 0, undetected: rng.int(62, 70) - harmless, harmless, names });
    } // else: a file VirusTotal has never seen
    pool.push({ path: p, agent, hashes });
  }

  const write = () => {
    const f = rng.pick(pool);
    const line = rng.bool(0.7)
      ? gen.fimAlert({
          event: rng.bool(0.2) ? 'added' : 'modified',
          path: f.path,
          agent: f.agent,
          hashes: f.hashes,
          epochMs: Date.now(),
        })
      : gen.otherAlert(rng.pick(['sshd', 'web', 'rootcheck'] as const), { epochMs: Date.now() });
    fs.appendFileSync(alerts, line + '\n');
  };
  for (let i = 0; i < 25; i++) write(); // something to look at from the first second
  let timer: NodeJS.Timeout;
  const schedule = () => {
    timer = setTimeout(
      () => {
        const burst = rng.bool(0.15) ? rng.int(3, 8) : 1; // a package update touches several files at once
        for (let i = 0; i < burst; i++) write();
        schedule();
      },
      rng.int(800, 4000),
    );
  };
  schedule();

  console.log(`DEMO: simulated alerts are written to ${alerts}`);
  console.log(`DEMO: a simulated VirusTotal answers on ${vt.url} (no request leaves this machine)`);
  const app = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join('scripts', 'start.ts'),
      '--alerts',
      alerts,
      '--data-dir',
      path.join(dir, 'data'),
      '--vt-url',
      vt.url,
      '--quota-per-minute',
      '30',
      '--quota-per-day',
      '10000',
      '--quota-per-month',
      '100000',
      '--demo',
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, VT_API_KEY: DEMO_KEY } },
  );
  const stop = () => app.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  app.on('exit', async (code) => {
    clearTimeout(timer);
    await vt.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(`the demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
