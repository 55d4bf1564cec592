// The tables `npm run bench` prints on stderr: every figure with its goal beside it, then the scale part's
// goals and its per-request breakdown.
import type { ScaleFigures } from './scale/scaleBench';
import type { Summary } from './scale/timing';

interface Goal {
  goal: string;
  /** `f`: every figure of the run (a goal can be another figure) */
  ok: (v: number | boolean, f: Record<string, unknown>) => boolean;
}

const GOALS: Record<string, Goal> = {
  ingestRatio: { goal: '>= 1.0 (x baseline)', ok: (v) => Number(v) >= 1.0 },
  peakRssMB: { goal: '< 300 MB', ok: (v) => Number(v) < 300 },
  requestsPerUniqueHash: { goal: '= 1 exactly', ok: (v) => v === 1 },
  firstRenderMs: { goal: '< 300 ms', ok: (v) => Number(v) < 300 },
  latencyP95Ms: { goal: '< 200 ms', ok: (v) => Number(v) < 200 },
  bytesPerFimEvent: { goal: '<= 300 bytes', ok: (v) => Number(v) <= 300 },
  // issue 11: at most the share of files no free source knows to be good (vtRequestsPerUniqueFileGoal)
  vtRequestsPerUniqueFile: {
    goal: '<= vtRequestsPerUniqueFileGoal',
    ok: (v, f) => Number(v) <= Number(f.vtRequestsPerUniqueFileGoal),
  },
  riskyFileWaitRequests: { goal: '= 0 (the next request)', ok: (v) => v === 0 },
};

/** issue 15's goals for the scale part */
const SCALE_GOALS: Partial<Record<keyof ScaleFigures, Goal>> = {
  requestP95Ms: { goal: '< 100 ms (worst p95 of the UI requests)', ok: (v) => Number(v) < 100 },
  firstRowMs: { goal: '< 300 ms (navigation -> first row)', ok: (v) => Number(v) < 300 },
  oldestReachable: { goal: 'true (End shows the oldest alert)', ok: (v) => v === true },
  placeholderMaxMs: { goal: '< 200 ms (placeholders while scrolling)', ok: (v) => Number(v) < 200 },
  startMs: { goal: '< 1000 ms (launch -> serving)', ok: (v) => Number(v) < 1000 },
  exportPeakRssMB: { goal: '< 300 MB', ok: (v) => Number(v) < 300 },
  exportFirstByteMs: { goal: '< 200 ms', ok: (v) => Number(v) < 200 },
  statsDuringIngestP95Ms: { goal: '< 100 ms', ok: (v) => Number(v) < 100 },
};

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const verdict = (g: Goal | undefined, v: number | boolean, f: Record<string, unknown>) =>
  g ? (g.ok(v, f) ? 'met' : 'MISSED') : '';

/** Every figure that is a number, a string or a flag; objects are the scale part's (printScale). */
export function printFigures(f: Record<string, unknown>): void {
  const rows = [['figure', 'value', 'goal', '']];
  for (const [key, value] of Object.entries(f)) {
    if (typeof value === 'object' && value !== null) continue;
    const g = GOALS[key];
    rows.push([key, String(value), g?.goal ?? '', verdict(g, value as number, f)]);
  }
  process.stderr.write(`\n${table(rows)}\n\n`);
}

export function printScale(f: Record<string, unknown>): void {
  const s = f.scale as ScaleFigures | undefined;
  if (!s) return;
  const rows = [['scale figure', 'value', 'goal', '']];
  for (const [key, value] of Object.entries(s)) {
    if (typeof value === 'object' && value !== null) continue;
    const g = SCALE_GOALS[key as keyof ScaleFigures];
    rows.push([
      key,
      String(value),
      g?.goal ?? '',
      verdict(g, value as number | boolean, s as unknown as Record<string, unknown>),
    ]);
  }
  process.stderr.write(`${table(rows)}\n\n`);
  const req = [['request (ms)', 'p50', 'p95', 'max', 'n', 'p95 < 100']];
  for (const [name, r] of Object.entries(s.requests) as [string, Summary][])
    req.push([name, String(r.p50), String(r.p95), String(r.max), String(r.n), r.p95 < 100 ? 'met' : 'MISSED']);
  process.stderr.write(`${table(req)}\n\n`);
  const exp = [['export', 'rows', 'MB', 'first byte ms', 'total ms', 'RSS before MB', 'peak RSS MB', 'failed']];
  for (const e of s.exports)
    exp.push([
      `${e.what} ${e.format}`,
      String(e.rows),
      (e.bytes / 1e6).toFixed(1),
      String(e.firstByteMs),
      String(e.totalMs),
      String(e.rssBeforeMB),
      String(e.peakRssMB),
      e.failed ?? '',
    ]);
  process.stderr.write(`${table(exp)}\n\n`);
  const places = s.placeholders.map((p) => `${Math.round(p.depth * 100)}% (row ${p.index}): ${p.ms} ms`);
  process.stderr.write(`placeholders after a jump: ${places.join(', ')}\n`);
  const bytes = Object.entries(s.bytesPerEventByObject).map(([name, b]) => `${name} ${b}`);
  process.stderr.write(`bytes per FIM event by table/index: ${bytes.join(', ')}\n\n`);
}
