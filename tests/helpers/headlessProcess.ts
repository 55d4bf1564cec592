// Runs the headless mode as a real child process (the way users and CI scripts run it), for crash tests and
// the browser tests.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The headless mode as `npm run build` bundles it (what `npm start` runs where there is no display). */
export const HEADLESS_BUNDLE = 'out/main/headless.js';

export interface HeadlessProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  stderr: () => string;
  /** GET/POST an /api route with the bearer token */
  api<T = unknown>(route: string, init?: { method?: string; body?: unknown }): Promise<T>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s */
  stop(): Promise<void>;
}

export async function startHeadless(
  args: string[],
  env: Record<string, string | undefined> = {},
  /**
   * the program: TypeScript sources run through tsx (a test server of the same flags and the same "listening on"
   * line), or a built bundle (`.js`, HEADLESS_BUNDLE) run by Node itself
   */
  program = 'electron/headless/cli.ts',
): Promise<HeadlessProcess> {
  const token = 't'.repeat(32);
  const runner = program.endsWith('.js') ? [program] : ['--import', 'tsx', program];
  const child = spawn(process.execPath, [...runner, '--port', '0', '--token', token, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, VT_API_KEY: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`headless exited with ${code} before listening:\n${err}`)));
  });
  const port = Number(new URL(url).port);
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    child,
    url,
    port,
    token,
    stderr: () => err,
    async api<T>(route: string, init: { method?: string; body?: unknown } = {}) {
      const res = await fetch(new URL(route, url), {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const body = (await res.json()) as T;
      if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    },
    kill,
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
  };
}

/** Polls `check` (an HTTP read) until it is true. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  ms = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}
