// GET /api/stats while the engine ingests: a backlog of FIM alerts (the last hour of a busy fleet) is appended to
// the alerts.json the server follows, and /api/stats is timed four times a second (a view asking while the analyst
// works; back to back, the requests themselves would slow the ingest they wait for) until every line is read.
// Ingest runs on the engine's thread a chunk at a time (fileSource.ts, LIVE_CHUNK_BYTES), so a request waits for
// the chunk in progress: that wait is part of what the analyst sees.
import fs from 'node:fs';
import type { Stats } from '../../../shared/contract';
import { fimJson } from '../../generators/wazuhJson';
import { ScaleEventStream } from './events';
import { round1, summarize, timedGet, type Server, type Summary } from './timing';

export interface IngestStats {
  stats: Summary;
  backlog: number;
  seconds: number;
  /** FIM events stored per second meanwhile */
  perSecond: number;
}

export async function statsDuringIngest(
  server: Server,
  liveFile: string,
  backlog: number,
  seed: number,
  log: (m: string) => void,
): Promise<IngestStats> {
  // the same fleet, new events and files: the hour before now
  const stream = new ScaleEventStream(seed, backlog, Date.now(), 3_600_000, 1);
  const lines: string[] = [];
  while (!stream.done)
    for (const item of stream.next(5_000)) if (item.kind === 'fim') lines.push(JSON.stringify(fimJson(item.spec)));
  const sourceOf = (s: Stats) => s.sources.find((x) => x.path === liveFile);
  const before = sourceOf((await timedGet<Stats>(server, '/api/stats')).body)?.alertsRead ?? 0;
  log(`stats during ingest: ${backlog.toLocaleString('en')} FIM alerts appended to ${liveFile}`);
  fs.appendFileSync(liveFile, lines.join('\n') + '\n');
  const started = performance.now();
  const times: number[] = [];
  for (;;) {
    const { ms, body } = await timedGet<Stats>(server, '/api/stats');
    times.push(ms);
    const read = (sourceOf(body)?.alertsRead ?? 0) - before;
    if (read >= backlog) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (performance.now() - started > 20 * 60_000) throw new Error(`ingest stalled: ${read} of ${backlog} lines read`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { stats: summarize(times), backlog, seconds: round1(seconds), perSecond: Math.round(backlog / seconds) };
}
