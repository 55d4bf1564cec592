// Issue 9: `--token <t>` puts the token in the process arguments, which every local user can read. The real headless
// process, started each way: what /proc/<pid>/cmdline and stdout show, and that the token works.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/headlessProcess';

const SECRET = 'a-token-only-its-owner-knows-0123456789';
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await new Promise((r) => c.once('exit', r));
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-token-'));
  dirs.push(dir);
  return dir;
}

/** Starts the headless CLI; resolves with its first stdout line (the URL line), its stderr so far and its pid. */
async function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/headless/cli.ts', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, VT_API_KEY: undefined, FIM_VERDICT_TOKEN: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)![1];
  const status = async (token: string) =>
    (await fetch(new URL('/api/info', url), { headers: { authorization: `Bearer ${token}` } })).status;
  return { child, first, url, stderr: () => stderr, status };
}

const cmdline = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
const linuxOnly = it.skipIf(process.platform !== 'linux');

describe('passing the token', () => {
  linuxOnly('FIM_VERDICT_TOKEN: not in the process arguments, not on stdout, and it works', async () => {
    const dir = tempDir();
    const p = await start(['--data-dir', dir], { FIM_VERDICT_TOKEN: SECRET });
    expect(cmdline(p.child.pid!)).not.toContain(SECRET);
    expect(p.first).not.toContain(SECRET);
    expect(p.first).toContain('FIM_VERDICT_TOKEN');
    expect(await p.status(SECRET)).toBe(200);
    expect(await p.status('something-else-entirely')).toBe(401);
    expect(p.stderr()).not.toMatch(/warning: --token/);
  });

  linuxOnly('--token-file: not in the process arguments, not on stdout, and it works', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'token');
    fs.writeFileSync(file, `${SECRET}\n`, { mode: 0o600 });
    const p = await start(['--data-dir', path.join(dir, 'data'), '--token-file', file]);
    expect(cmdline(p.child.pid!)).not.toContain(SECRET);
    expect(p.first).not.toContain(SECRET);
    expect(await p.status(SECRET)).toBe(200);
  });

  linuxOnly('--token-file readable by others is refused with the reason, before anything starts', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'token');
    fs.writeFileSync(file, SECRET);
    fs.chmodSync(file, 0o644);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/headless/cli.ts', '--port', '0', '--data-dir', dir, '--token-file', file],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--token-file .*: every user of this machine can read it \(mode 644\).*chmod 600/);
    expect(stderr).not.toContain(SECRET);
    expect(fs.existsSync(path.join(dir, 'fim-verdict.sqlite'))).toBe(false);
  });

  linuxOnly('--token still works, with a warning that every user can read it', async () => {
    const dir = tempDir();
    const p = await start(['--data-dir', dir, '--token', SECRET]);
    expect(await p.status(SECRET)).toBe(200);
    expect(p.stderr()).toMatch(
      /warning: --token is visible to every user of this machine .*--token-file.*FIM_VERDICT_TOKEN/,
    );
  });
});
