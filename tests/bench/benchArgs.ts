// The flags of `npm run bench` (see run.ts). A flag it does not know stops it: a typo must not silently run the
// one-hour variant of something.
export interface BenchArgs {
  json: boolean;
  quick: boolean;
  /** the ingest, look-up and UI figures of 100k alerts (everything but the scale part) */
  classic: boolean;
  scale: boolean;
  /** stored alerts of the scale part */
  alerts: number;
  seed: number;
  rounds: number;
  /** rounds of each export in the scale part */
  exportRounds: number;
  rebuild: boolean;
  /** the scale part's directory made from the built 1M one, each alert N / 1M times (scale/densify.ts), not built */
  densify: boolean;
  flatness: boolean;
}

const USAGE =
  'npm run bench -- [--json] [--quick] [--scale N] [--scale-only | --no-scale] [--rounds R] [--export-rounds R] [--seed S] [--rebuild] [--densify] [--ingest-flatness]';

function count(flag: string, value: string | undefined): number {
  const n = Number(value?.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number above 0, not ${value}\n${USAGE}`);
  return n;
}

export function benchArgs(argv: string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const a: BenchArgs = {
    json: false,
    quick,
    classic: true,
    scale: true,
    alerts: quick ? 50_000 : 1_000_000,
    seed: 15,
    rounds: quick ? 3 : 5,
    exportRounds: quick ? 1 : 2,
    rebuild: false,
    densify: false,
    flatness: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--json':
        a.json = true;
        break;
      case '--quick':
        break;
      case '--scale':
        a.alerts = count(flag, argv[++i]);
        break;
      case '--scale-only':
        a.classic = false;
        break;
      case '--no-scale':
        a.scale = false;
        break;
      case '--rounds':
        a.rounds = count(flag, argv[++i]);
        break;
      case '--export-rounds':
        a.exportRounds = count(flag, argv[++i]);
        break;
      case '--densify':
        a.densify = true;
        break;
      case '--seed':
        a.seed = count(flag, argv[++i]);
        break;
      case '--rebuild':
        a.rebuild = true;
        break;
      case '--ingest-flatness':
        a.flatness = true;
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  if (a.densify && (a.alerts % 1_000_000 !== 0 || a.alerts < 2_000_000))
    throw new Error(
      `--densify makes N from the built 1M directory: --scale needs a multiple of 1,000,000 above it\n${USAGE}`,
    );
  return a;
}
