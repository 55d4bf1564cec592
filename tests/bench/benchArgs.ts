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
  rebuild: boolean;
  flatness: boolean;
}

const USAGE =
  'npm run bench -- [--json] [--quick] [--scale N] [--scale-only | --no-scale] [--rounds R] [--seed S] [--rebuild] [--ingest-flatness]';

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
    rebuild: false,
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
  return a;
}
