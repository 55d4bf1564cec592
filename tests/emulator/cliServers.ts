// The CLI's other servers (see cli.ts): the Wazuh indexer, CIRCL hashlookup, MalwareBazaar and the Wazuh 5
// queue-http socket, each started by hand with a little seed data to look at.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { circlRecord, startCirclServer } from './circl';
import { startIndexerServer, TLS_FILES, type IndexerPreset } from './indexer/indexerServer';
import { mbRecord, startMalwareBazaarServer } from './malwarebazaar';
import { startWazuhQueueSocket } from './wazuhQueueSocket';
import { generateEvents5Corpus } from '../generators/wazuhEvents5';
import { generateIndexer4Corpus } from '../generators/wazuhIndexer4';
import { fimStates5 } from '../generators/wazuhStates5';

type Stoppable = { close(): Promise<void> };
const out = (line: string) => process.stdout.write(`${line}\n`);

function port(text: string | undefined): number {
  const n = Number(text ?? '0');
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port: not a port: ${text}`);
  return n;
}

export async function startIndexerCli(args: string[]): Promise<Stoppable> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      preset: { type: 'string', default: 'wazuh-4.x' },
      http: { type: 'boolean', default: false },
      documents: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
    },
  });
  const preset = values.preset as IndexerPreset;
  if (!['wazuh-4.x', 'wazuh-5.x', 'wazuh-4.3'].includes(preset))
    throw new Error(`--preset: wazuh-4.x, wazuh-5.x or wazuh-4.3, not ${preset}`);
  const count = Number(values.documents);
  const seed = Number(values.seed);
  const ix = await startIndexerServer({ preset, port: port(values.port), tls: values.http ? false : 'server' });
  // documents of the last hours, so "the last 24 hours" holds them
  const startEpochMs = Date.now() - 3 * 3_600_000;
  if (preset === 'wazuh-5.x') {
    const corpus = generateEvents5Corpus({ seed, count, startEpochMs });
    ix.addEvents(corpus.docs);
    ix.upsertFimStates(fimStates5(corpus.fleet).docs);
  } else ix.addAlerts(generateIndexer4Corpus({ seed, count, startEpochMs }).docs);
  out(ix.url);
  if (ix.caPem) out(`CA: ${TLS_FILES.rootCa}`);
  out(`users: ${ix.users.map((u) => `${u.name}/${u.password} (reads ${u.read.join(', ')})`).join('; ')}`);
  return ix;
}

export async function startCirclCli(args: string[]): Promise<Stoppable> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } } });
  const fixture = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '../fixtures/reputation/circl-lookup-sha1-found.json',
  );
  const {
    'hashlookup:trust': _t,
    'hashlookup:parent-total': _p,
    ...record
  } = JSON.parse(fs.readFileSync(fixture, 'utf8'));
  const known = { md5: '44d88612fea8a8f36de82e1278abb02f', sha1: '3395856ce81f2b7382dee72602f798b642f14140' };
  const c = await startCirclServer({
    port: port(values.port),
    records: [record, circlRecord(known, { FileName: 'eicar.com', KnownMalicious: 'eicar' })],
  });
  out(c.url);
  out(`known good: sha1 ${record['SHA-1']}; known malicious: sha1 ${known.sha1}`);
  return c;
}

export async function startMalwareBazaarCli(args: string[]): Promise<Stoppable> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, key: { type: 'string', multiple: true } },
  });
  const sample = {
    sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    sha1: '3395856ce81f2b7382dee72602f798b642f14140',
    md5: '44d88612fea8a8f36de82e1278abb02f',
  };
  const mb = await startMalwareBazaarServer({
    port: port(values.port),
    keys: values.key,
    records: [mbRecord(sample, { signature: 'EICAR-Test', file_name: 'eicar.com' })],
  });
  out(mb.apiUrl);
  out(`Auth-Key: ${mb.keys.join(', ')}; known sample sha256 ${sample.sha256}`);
  return mb;
}

export async function startQueueSocketCli(args: string[]): Promise<Stoppable> {
  const { values } = parseArgs({ args, options: { socket: { type: 'string' } } });
  const q = await startWazuhQueueSocket({
    socketPath: values.socket,
    onAnswered: (r) =>
      out(
        `${r.status} ${r.error ?? `${r.events.length} event(s)`}${r.events.map((e) => `\n  ${e.location}: ${e.message}`).join('')}`,
      ),
  });
  out(q.socketPath);
  return q;
}
