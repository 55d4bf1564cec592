// Writes a large realistic alerts.json (about a third FIM) for the ingest benchmark, streaming to disk so the
// generator itself never holds the file.
import fs from 'node:fs';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';

export interface Corpus {
  path: string;
  bytes: number;
  lines: number;
  fimEvents: number;
}

export async function makeCorpus(path: string, targetBytes: number, seed = 42): Promise<Corpus> {
  const gen = new WazuhAlertGenerator({ seed });
  const out = fs.createWriteStream(path);
  let bytes = 0;
  let lines = 0;
  const fimIds = new Set<string>();
  while (bytes < targetBytes) {
    // a third FIM, the rest what a manager sees every day (sshd, web, rootcheck...), a few Wazuh VT answers
    const batch = gen.stream({
      count: 5000,
      format: 'json',
      mix: { fim: 33, other: 62, 'wazuh-vt': 3, registry: 2 },
      distinctFiles: 1500,
    });
    const text = batch.map((a) => a.text + '\n').join('');
    for (const a of batch) if (a.kind === 'fim') fimIds.add(a.alertId);
    bytes += Buffer.byteLength(text);
    lines += batch.length;
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { path, bytes, lines, fimEvents: fimIds.size };
}
