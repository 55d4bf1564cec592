// The engine reading one alerts.json into an empty data directory, in a process of its own (ingestFlatness.ts):
// prints, as its last line, when each tenth of the FIM events was stored. The counters read are the source's own
// (moved in the ingest transaction), asked every 20 ms.
import { startEngine } from '../../../electron/core/engine';
import { memorySecretStore } from '../../helpers/engine';

const [file, dataDir, expectedLines] = process.argv.slice(2);
const lines = Number(expectedLines);

const engine = await startEngine({ dataDir, secrets: memorySecretStore(), transport: 'http' });
const h = engine.backend.handlers;
const started = process.hrtime.bigint();
const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
await h.addSource({ path: file, fromEnd: false });
const marks: { fimEvents: number; seconds: number }[] = [];
let tenth = 0;
let fimEvents = 0;
for (;;) {
  const [src] = await h.listSources({});
  const done = !!src && src.alertsRead + src.errors >= lines;
  fimEvents = src?.fimEvents ?? 0;
  // the total is known once read: tenths are marked against the alerts read, the last one at the end
  while (tenth < 9 && src && src.alertsRead >= ((tenth + 1) * lines) / 10) {
    tenth++;
    marks.push({ fimEvents, seconds: seconds() });
  }
  if (done) {
    marks.push({ fimEvents, seconds: seconds() });
    break;
  }
  await new Promise((r) => setTimeout(r, 20));
}
await engine.stop();
process.stdout.write(JSON.stringify({ fimEvents, marks, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
