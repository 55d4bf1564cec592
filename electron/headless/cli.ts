// `npm run headless -- <flags>`: the engine without Electron, served on 127.0.0.1 for a browser on this machine.
// stdout gets exactly two lines (the URL to open, and how to stop); everything else goes to stderr.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, Logger } from '../core/engineTypes';
import { sameDestination, VIRUSTOTAL_BASE_URL } from '../../shared/settings';
import { DataDirLockedError } from '../core/dataDirLock';
import { integrationLogPathProblem } from '../core/output/logPath';
import { ArgsError, HELP, USAGE_LINE, parseHeadlessArgs, type HeadlessArgs } from './args';
import { lockedMessage, usageFor, withFlags } from './commandHint';
import { engineOptionsFromArgs } from './engineOptions';
import { adoptLegacyDataDir, legacyHeadlessDataDir } from './dataDirs';
import { fileSecretStore, secretFileName } from './secretFile';
import { TOKEN_ENV } from './tokenFile';
import { startHttpServer, type HttpServer } from './server';
import { shutdownHandler } from './shutdown';

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
  // the data folder cannot be made: something that is not a folder is in its place, or this user may not create it
  const e = error as NodeJS.ErrnoException;
  if (e?.syscall === 'mkdir' && (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EACCES')) {
    const why = code === 'EACCES' ? 'this user may not create it' : 'a file, not a folder, is in its place';
    return `cannot use ${e.path} as the data folder (${why}): start with ${withFlags('--data-dir <a folder of yours>')}`;
  }
  return `cannot start: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The two stdout lines. A token made up here or given on the command line is in the URL (the only way to learn the
 * first; the second is visible in ps anyway); one read from a file or the environment is not repeated on stdout,
 * which often ends up in a log others can read.
 */
export function listeningLines(url: string, args: Pick<HeadlessArgs, 'token' | 'tokenSource'>): string {
  const first =
    args.tokenSource === 'file' || args.tokenSource === 'env'
      ? `FIM Verdict (headless) listening on ${url} (sign in at ${url}?token=<the token from ${
          args.tokenSource === 'file' ? '--token-file' : TOKEN_ENV
        }>)`
      : `FIM Verdict (headless) listening on ${url}?token=${encodeURIComponent(args.token)}`;
  return `${first}\nopen it in a browser; stop with Ctrl+C\n`;
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
  const logProblem = args.integrationLog ? integrationLogPathProblem(args.integrationLog) : null;
  if (logProblem) {
    process.stderr.write(`fim-verdict headless: --integration-log ${args.integrationLog}: ${logProblem}\n`);
    process.exit(2);
  }
  let engine: Engine;
  try {
    engine = await startEngine(
      engineOptionsFromArgs(args, {
        dataDir: args.dataDir,
        secrets: fileSecretStore(args.dataDir, log),
        secretSlot: (name) => fileSecretStore(args.dataDir, log, secretFileName(name)),
        notices,
        transport: 'http',
        log,
      }),
    );
  } catch (error) {
    process.stderr.write(`${startupMessage(error, args)}\n`);
    process.exit(1);
  }
  const lookupsGoTo = (await engine.backend.handlers.getSettings({})).baseUrl;
  if (!sameDestination(lookupsGoTo, VIRUSTOTAL_BASE_URL)) {
    // a saved address cannot hide: whoever starts the app sees where look-ups (and the key) go
    log.warn(`look-ups go to ${lookupsGoTo} (not VirusTotal's own ${VIRUSTOTAL_BASE_URL})`);
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

  process.stdout.write(listeningLines(server.url, args));
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    process.stderr.write(
      `the user interface is not built (no ${path.join(RENDERER_DIR, 'index.html')}): run \`npm run build\`, ` +
        'then reload the page; the API is served meanwhile\n',
    );
  }

  const stop = shutdownHandler({
    stop: async () => {
      await server.close();
      await engine.stop();
    },
    release: () => engine.release(),
    write: (m) => process.stderr.write(m),
    exit: (code) => process.exit(code),
  });
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
  if (args.tokenSource === 'flag') {
    process.stderr.write(
      'warning: --token is visible to every user of this machine (ps, /proc/<pid>/cmdline): pass the token with ' +
        `--token-file <file readable by you only> or in ${TOKEN_ENV} instead\n`,
    );
  }
  // read once; not left for anything this process might start
  delete process.env[TOKEN_ENV];
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
