// The headless mode as a new user starts it: without --data-dir it uses the desktop app's folder and brings the
// older headless folder's data along (never silently left behind); a message that names a flag shows it with
// the command the user ran.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine } from '../helpers/engine';
import { REPO_ROOT, startHeadless, type HeadlessProcess } from '../helpers/headlessProcess';
import { WAZUH_FIXTURES } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
function temp(): string {
  const t = makeTempDir('fimv-first-run-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A home of its own: no XDG variables, so the defaults are ~/.config and ~/.local/share. */
const homeEnv = (home: string, script?: string) => ({
  HOME: home,
  XDG_CONFIG_HOME: undefined,
  XDG_DATA_HOME: undefined,
  npm_lifecycle_event: script,
});

/** Runs the CLI to its exit: its code and stderr. */
function runCli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/headless/cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, VT_API_KEY: undefined, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, err }));
  });
}

describe('the data folder', () => {
  it("no --data-dir: the desktop app's folder, with the older headless folder's database moved into it", async () => {
    const home = temp();
    const legacy = path.join(home, '.local', 'share', 'fim-verdict');
    const alerts = path.join(home, 'alerts.json');
    fs.writeFileSync(alerts, fs.readFileSync(path.join(WAZUH_FIXTURES, 'fim-added-agent.json')));
    // an older version's run: a source and an alert in ~/.local/share/fim-verdict
    const old = await startTestEngine({ dataDir: legacy, sources: [{ path: alerts, fromEnd: false }] });
    await old.until((s) => s.fimEvents === 1, 10_000, 'the alert stored');
    await old.stop();

    const server: HeadlessProcess = await startHeadless([], homeEnv(home, 'start'));
    cleanups.push(() => server.stop());
    const target = path.join(home, '.config', 'FIM Verdict');
    await expect.poll(() => server.stderr()).toContain(`moved the database and settings from ${legacy} to ${target}`);
    expect((await server.api<{ dataDir: string }>('/api/info')).dataDir).toBe(target);
    // nothing lost: the source and its alert are there
    expect((await server.api<{ path: string }[]>('/api/sources')).map((s) => s.path)).toEqual([alerts]);
    expect((await server.api<{ total: number }>('/api/alerts')).total).toBe(1);
    const diagnostics = await server.api<{ notices: string[] }>('/api/diagnostics');
    expect(diagnostics.notices.some((n) => n.startsWith('moved the database and settings'))).toBe(true);
    expect(fs.existsSync(path.join(legacy, 'fim-verdict.sqlite'))).toBe(false);
  });
});

describe('messages that name a flag show it with the command the user ran', () => {
  async function busyPort(): Promise<number> {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    return (blocker.address() as net.AddressInfo).port;
  }

  it.each([
    ['start', '`npm start -- --port 0`'],
    ['headless', '`npm run headless -- --port 0`'],
  ])('a port in use, started with npm %s', async (script, hint) => {
    const port = await busyPort();
    const dir = temp();
    const { code, err } = await runCli(['--port', String(port), '--data-dir', path.join(dir, 'data')], {
      npm_lifecycle_event: script,
    });
    expect(code).toBe(1);
    expect(err).toContain(`port ${port} is in use: start with ${hint} or another port`);
  });

  it('a data folder that is a file: says so and how to start instead', async () => {
    const dir = temp();
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const { code, err } = await runCli(['--port', '0', '--data-dir', file], { npm_lifecycle_event: 'headless' });
    expect(code).toBe(1);
    expect(err).toContain(
      `cannot use ${file} as the data folder (a file, not a folder, is in its place): start with \`npm run headless -- --data-dir <a folder of yours>\``,
    );
  });

  it('a wrong flag: the usage line starts with the command that was run', async () => {
    const { code, err } = await runCli(['--port', 'eighty'], { npm_lifecycle_event: 'start' });
    expect(code).toBe(2);
    expect(err).toContain('--port must be a number from 0 to 65535');
    expect(err).toContain('usage: npm start -- [--alerts <path>]');
  });
});
