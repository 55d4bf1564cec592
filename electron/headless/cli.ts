// `npm run headless -- <flags>`: the engine without Electron, served on 127.0.0.1 for a browser on this machine.
// stdout gets exactly two lines (the URL to open, and how to stop); everything else goes to stderr.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, Logger } from '../core/engineTypes';
import { DataDirLockedError } from '../core/dataDirLock';
import { ArgsError, HELP, USAGE_LINE, parseHeadlessArgs, type HeadlessArgs } from './args';
import { lockedMessage, usageFor, withFlags } from './commandHint';
import { adoptLegacyDataDir, legacyHeadlessDataDir } from './dataDirs';
import { fileSecretStore } from './secretFile';
import { startHttpServer, type HttpServer } from './server';

/** The repository root is two levels up from electron/headless. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');

const log: Logger = {
  info: (m) => process.stderr.write(`${new Date().toISOString()} info  ${m}\n`),
  warn: (m) => process.stderr.write(`${new Date().toISOString()} warn  ${m}\n`),
  error: (m) => process.stderr.write(`${new Date().toISOString()} error ${m}\n`),
};

function startupMessage(error: unknown, args: HeadlessArgs): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `port ${args.port} is in use: start with ${withFlags('--port 0')} or another port`;
  if (code === 'EACCES' && (error as NodeJS.ErrnoException).syscall === 'listen') {
    return `port ${args.port} is not allowed for this user: start with ${withFlags('--port 0')} or a port above 1023`;
  }
  if (error instanceof DataDirLockedError) return lockedMessage(error.pid, error.dataDir);
  return `cannot start: ${error instanceof Error ? error.message : String(error)}`;
}

async function run(args: HeadlessArgs, dataDirGiven: boolean): Promise<void> {
  // loaded after the arguments are checked: --help and a wrong flag answer without opening anything
  const { startEngine } = await import('../core/engine');
  const notices: string[] = [];
  if (!dataDirGiven) {
    // the data an older version kept in the headless mode's own folder comes along, never silently left behind
    try {
      const moved = adoptLegacyDataDir(args.dataDir, legacyHeadlessDataDir());
      if (moved) {
        log.warn(moved);
        notices.push(moved);
      }
    } catch (error) {
      process.stderr.write(`${startupMessage(error, args)}\n`);
      process.exit(1);
    }
  }
  const quota =
    args.quotaPerMinute || args.quotaPerDay || args.quotaPerMonth
      ? { perMinute: args.quotaPerMinute, perDay: args.quotaPerDay, perMonth: args.quotaPerMonth }
      : undefined;
  let engine: Engine;
  try {
    engine = await startEngine({
      dataDir: args.dataDir,
      sources: args.alerts.map((p) => ({ path: p, fromEnd: args.fromEnd })),
      vtBaseUrl: args.vtUrl,
      quota,
      integrationLog: args.integrationLog,
      apiKeyFromEnv: process.env.VT_API_KEY?.trim() || null,
      secrets: fileSecretStore(args.dataDir, log),
      demo: args.demo,
      notices,
      transport: 'http',
      log,
    });
  } catch (error) {
    process.stderr.write(`${startupMessage(error, args)}\n`);
    process.exit(1);
  }
  let server: HttpServer;
  try {
    server = await startHttpServer({
      backend: engine.backend,
      token: args.token,
      port: args.port,
      host: '127.0.0.1',
      staticDir: RENDERER_DIR,
      log,
    });
  } catch (error) {
    process.stderr.write(`${startupMessage(error, args)}\n`);
    await engine.stop().catch(() => {});
    process.exit(1);
  }

  process.stdout.write(
    `FIM Verdict (headless) listening on ${server.url}?token=${encodeURIComponent(args.token)}\n` +
      'open it in a browser; stop with Ctrl+C\n',
  );
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    process.stderr.write(
      `the user interface is not built (no ${path.join(RENDERER_DIR, 'index.html')}): run \`npm run build\`, ` +
        'then reload the page; the API is served meanwhile\n',
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: stopping now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    void (async () => {
      let code = 0;
      try {
        await server.close();
        await engine.stop();
      } catch (error) {
        process.stderr.write(`stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        code = 1;
      }
      process.exit(code);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function main(argv: string[]): Promise<void> {
  let args: HeadlessArgs;
  try {
    args = parseHeadlessArgs(argv);
  } catch (error) {
    if (error instanceof ArgsError) {
      process.stderr.write(`fim-verdict headless: ${error.message}\n${usageFor(USAGE_LINE)}\n`);
      process.exit(error.exitCode);
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(usageFor(HELP));
    process.exit(0);
  }
  if (!args.tokenGenerated && args.token.length < 16) {
    process.stderr.write('warning: the token is short; anyone on this machine who guesses it can use the app\n');
  }
  await run(
    args,
    argv.some((a) => a === '--data-dir' || a.startsWith('--data-dir=')),
  );
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
