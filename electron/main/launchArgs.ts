// The desktop app takes the same flags as the headless mode (`npm start -- --alerts <path> ...`, and the demo).
// Electron's argv also carries Chromium switches, so only our flags (and their values) are picked out, then
// checked by the headless parser: one definition of every flag and its message.
import { parseHeadlessArgs, type HeadlessArgs } from '../headless/args';

const WITH_VALUE = new Set([
  '--alerts',
  '--data-dir',
  '--vt-url',
  '--quota-per-minute',
  '--quota-per-day',
  '--quota-per-month',
  '--integration-log',
  '--providers',
  '--circl-url',
  '--malwarebazaar-url',
]);
const WITHOUT_VALUE = new Set(['--from-end', '--demo']);

/** Our flags out of Electron's argv, in order, each with its value. */
export function pickOurFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.split('=')[0];
    if (WITHOUT_VALUE.has(name)) out.push(arg);
    else if (WITH_VALUE.has(name)) {
      out.push(arg);
      if (!arg.includes('=') && i + 1 < argv.length) out.push(argv[++i]);
    }
  }
  return out;
}

export interface DesktopLaunch {
  args: HeadlessArgs;
  /** --data-dir was given: use it instead of the profile folder */
  dataDirGiven: boolean;
}

/** Throws ArgsError with a message naming the flag. */
export function parseDesktopArgs(argv: readonly string[], cwd: string): DesktopLaunch {
  const ours = pickOurFlags(argv);
  return {
    args: parseHeadlessArgs(ours, { cwd }),
    dataDirGiven: ours.some((a) => a === '--data-dir' || a.startsWith('--data-dir=')),
  };
}
