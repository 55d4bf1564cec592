// `npm run bench`: speed and memory, measured side by side in one run; figures and the goals beside them.
// `npm run bench -- --json` prints one JSON object as its last line. `--quick` uses smaller inputs.
// Scale part (docs/BENCHMARKS.md, "Scale"): `--scale N` stored alerts (default 1,000,000; 50,000 with --quick),
// `--scale-only` / `--no-scale`, `--rounds R` timed rounds per request (default 5), `--seed S`, `--rebuild`;
// `--ingest-flatness` adds the ingest rate per tenth of an N-event alerts.json (scale/ingestFlatness.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexerBench } from './indexerBench';
import { ingestBench } from './ingestBench';
import { providersBench } from './providersBench';
import { requestsBench } from './requestsBench';
import { benchArgs } from './benchArgs';
import { RENDERER_DIR } from '../../electron/headless/cli';
import { bundlesStale } from '../../scripts/buildSteps';
import { REPO_ROOT } from '../helpers/headlessProcess';
import { printFigures, printScale } from './printTables';
import { ingestFlatness } from './scale/ingestFlatness';
import { scaleBench } from './scale/scaleBench';
import { uiBench } from './uiBench';

let args: ReturnType<typeof benchArgs>;
try {
  args = benchArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

async function main(): Promise<void> {
  // the UI figures open the built renderer in Chromium: without it they would only time out, after minutes of work
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `the user interface is not built (no ${path.join(RENDERER_DIR, 'index.html')}): run \`npm run build\` first`,
    );
  }
  // the scale part's start figures launch the built headless mode: an older bundle would time yesterday's code
  if (args.scale && bundlesStale(REPO_ROOT))
    throw new Error('the bundles in out/ are older than the sources: run `npm run build` first');
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-bench-'));
  try {
    let figures: Record<string, unknown> = {};
    if (args.classic) {
      const ingest = await ingestBench(args.quick ? 40 : 210, log);
      const dataDir = path.join(work, 'data');
      const requests = await requestsBench(dataDir, args.quick ? 20_000 : 100_000, args.quick ? 1_000 : 3_000, log);
      const ui = await uiBench(dataDir, path.join(work, 'requests-alerts.json'), log);
      // beside the file ingest figure: FIM events per second from the test indexer into SQLite
      const indexer = await indexerBench(args.quick ? 10_000 : 50_000, log);
      const providers = await providersBench(path.join(work, 'providers'), args.quick ? 500 : 2_000, log);
      figures = { ...ingest, ...indexer, ...requests, ...ui, ...providers };
    }
    if (args.scale) {
      const options = { alerts: args.alerts, seed: args.seed, rounds: args.rounds, quick: args.quick };
      const made = { rebuild: args.rebuild, densify: args.densify, exportRounds: args.exportRounds };
      const scale = await scaleBench({ ...options, ...made }, log);
      figures = { ...figures, ...scale };
    }
    if (args.flatness) {
      figures.ingestFlatness = await ingestFlatness({ events: args.alerts, seed: args.seed }, log);
    }
    figures = {
      ...figures,
      machine: `${os.cpus().length} cores, node ${process.version}`,
      // other work on the machine makes figures noisy: the 1-minute load average at the start and the end
      load: `${loadAtStart.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}`,
      benchSeconds: Math.round((Date.now() - started) / 1000),
    };
    // stderr: the JSON line stays the last line of stdout
    printFigures(figures);
    printScale(figures);
    if (args.json) process.stdout.write(JSON.stringify(figures) + '\n');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
