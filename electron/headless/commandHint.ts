// A flag shown the way the user can pass it: with the command they ran. `npm start` and `npm run headless` take
// flags after `--` (npm's own flags come before it), so "pass --port 0" alone is a trap: `npm start --port 0`
// gives npm the flag. npm names the script it runs in npm_lifecycle_event.
const SCRIPTS: Record<string, string> = {
  start: 'npm start --',
  headless: 'npm run headless --',
  demo: 'npm run demo --',
};

/** "npm start --", "npm run headless --", or null (started some other way: the flags alone). */
export function commandPrefix(env: NodeJS.ProcessEnv = process.env): string | null {
  const script = env.npm_lifecycle_event;
  return script && Object.hasOwn(SCRIPTS, script) ? SCRIPTS[script] : null;
}

/** `npm start -- --port 0` (or `--port 0` when not started through npm), in backquotes. */
export function withFlags(flags: string, env: NodeJS.ProcessEnv = process.env): string {
  const prefix = commandPrefix(env);
  return `\`${prefix ? `${prefix} ${flags}` : flags}\``;
}

/** Another FIM Verdict holds the data folder: what to do, with the command the user ran. */
export function lockedMessage(pid: number, dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return `another FIM Verdict (pid ${pid}) is already using ${dataDir}: stop it, or start with ${withFlags('--data-dir <another folder>', env)}`;
}

/** The usage line with the command the user ran ("usage: npm start -- [--alerts <path>]..."). */
export function usageFor(usageLine: string, env: NodeJS.ProcessEnv = process.env): string {
  const prefix = commandPrefix(env);
  return prefix ? usageLine.replace('npm run headless --', prefix) : usageLine;
}
