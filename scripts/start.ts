// `npm start`: the desktop app where the Electron runtime and a display exist; otherwise one sentence saying why,
// then the headless mode (the same renderer over HTTP + SSE on 127.0.0.1). Arguments after `--` go to either.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlesStale, buildAll } from './buildSteps';
import { ensureNativeModule } from './ensureNative';
import { decideLaunch } from './runtimeCheck';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function run(command: string, argv: string[], env: NodeJS.ProcessEnv = process.env): void {
  const child: ChildProcess = spawn(command, argv, { cwd: root, stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (error) => {
    console.error(`Could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function startHeadless(sentence: string): Promise<void> {
  console.log(sentence);
  // the bundled headless mode: Node starts it in about half the time tsx takes to compile the sources
  if (bundlesStale(root) && !buildAll(root)) process.exit(1);
  const cli = path.join('out', 'main', 'headless.js');
  if (!fs.existsSync(path.join(root, cli))) {
    console.error(`The headless mode (${cli}) was not built: run \`npm run build\`.`);
    process.exit(1);
  }
  run(process.execPath, [cli, ...args]);
}

async function main(): Promise<void> {
  const decision = decideLaunch({
    projectRoot: root,
    platform: process.platform,
    env: process.env,
    exists: (file) => fs.existsSync(file),
    readText: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
  });
  if (decision.mode === 'headless') return startHeadless(decision.sentence);

  if (bundlesStale(root) && !buildAll(root)) process.exit(1);
  const native = await ensureNativeModule(root);
  if (!native.ok) {
    const sentence = native.message.replace(/\.$/, '');
    return startHeadless(`${sentence}, so FIM Verdict starts in headless mode: open the URL below in a browser.`);
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(decision.electronPath, ['.', ...args], env);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
