// Runs a test server standalone and prints how to reach it:
//   tsx tests/emulator/cli.ts [vt] --port N [--key K]... [--per-minute N] [--host H] [--no-seed]
//       the VirusTotal emulator (switch it with its control API, see vtEmulator.ts)
//   tsx tests/emulator/cli.ts indexer [--port N] [--preset wazuh-4.x|wazuh-5.x|wazuh-4.3] [--http] [--documents N] [--seed S]
//   tsx tests/emulator/cli.ts circl [--port N]
//   tsx tests/emulator/cli.ts malwarebazaar [--port N] [--key K]...
//   tsx tests/emulator/cli.ts queue-socket [--socket PATH]
import { parseArgs } from 'node:util';
import { startCirclCli, startIndexerCli, startMalwareBazaarCli, startQueueSocketCli } from './cliServers';
import { startVtEmulator } from './vtEmulator';
import type { VtFileSpec } from './vtFiles';

/** A few files to look up by hand: EICAR's test file (malicious), a suspicious one and a clean one. */
const SEED: VtFileSpec[] = [
  {
    sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    sha1: '3395856ce81f2b7382dee72602f798b642f14140',
    md5: '44d88612fea8a8f36de82e1278abb02f',
    malicious: 62,
    undetected: 6,
    names: ['eicar.com', 'eicar.txt'],
    type: 'Text',
    threatLabel: 'virus.eicar/test',
    size: 68,
    tags: ['text'],
  },
  { sha256: '1'.repeat(64), suspicious: 2, undetected: 66, names: ['tool.exe'] },
  { sha256: '2'.repeat(64), undetected: 68, harmless: 2, names: ['notepad.exe'] },
];

const OTHERS = {
  indexer: startIndexerCli,
  circl: startCirclCli,
  malwarebazaar: startMalwareBazaarCli,
  'queue-socket': startQueueSocketCli,
} as const;

async function main(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2);
  if (first && first in OTHERS) {
    const server = await OTHERS[first as keyof typeof OTHERS](rest);
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  const { values } = parseArgs({
    args: first === 'vt' ? rest : process.argv.slice(2),
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      key: { type: 'string', multiple: true },
      'per-minute': { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: tsx tests/emulator/cli.ts [vt|indexer|circl|malwarebazaar|queue-socket] [options] (see the head of cli.ts)\n',
    );
    return;
  }
  const port = Number(values.port);
  const perMinute = values['per-minute'] === undefined ? null : Number(values['per-minute']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`);
  if (perMinute !== null && (!Number.isInteger(perMinute) || perMinute < 1))
    throw new Error(`--per-minute: not a positive integer: ${values['per-minute']}`);
  const emulator = await startVtEmulator({
    port,
    host: values.host,
    apiKeys: values.key?.length ? values.key : undefined,
    perMinute,
    files: values['no-seed'] ? [] : SEED,
  });
  process.stdout.write(`${emulator.url}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
