// The headless command line: `npm run headless -- --alerts <path> ... ` parsed strictly (node:util parseArgs), then
// validated with zod so that every wrong value names its flag. The VirusTotal key is never taken from argv: any
// process on the machine can read another's command line (ps, /proc/<pid>/cmdline).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { indexerUrlProblem, WazuhVersionChoice } from '../../shared/indexer';
import { webhookUrlProblem } from '../../shared/settings';
import { wazuhSocketPathProblem } from '../core/output/queueSocketPath';
import { appDataDir } from './dataDirs';
import { readTokenFile, TOKEN_ENV, TOKEN_PATTERN, TOKEN_SHAPE_MESSAGE, TokenFileError } from './tokenFile';

/** The default port: unassigned by IANA and clear of the usual development servers (3000, 5173, 8080...). */
export const DEFAULT_PORT = 8477;

export const USAGE_LINE =
  'usage: npm run headless -- [--alerts <path>]... [--data-dir <dir>] [--port <n>] [--token-file <file>] [--from-end] ' +
  '[--vt-url <url>] [--quota-per-minute N] [--quota-per-day N] [--quota-per-month N] [--integration-log <path>] ' +
  '[--indexer <url>]... [--indexer-ca <pem>] [--indexer-insecure] [--wazuh-version auto|4|5] [--wazuh-socket <queue-http.sock>] ' +
  '[--providers <list>] [--circl-url <url>] [--malwarebazaar-url <url>] ' +
  '[--webhook <url>] [--webhook-format json|slack] [--webhook-triage] [--demo] [--help]';

export const HELP = `FIM Verdict (headless): follows Wazuh alert logs, looks file hashes up on VirusTotal, serves the app on
http://127.0.0.1:<port>/ for a browser on this machine.

${USAGE_LINE}

  --alerts <path>           an alerts.json or alerts.log file, or a manager's logs/alerts folder; repeat for more
                            (sources added before are kept)
  --data-dir <dir>          where the database and the stored key live (default: the desktop app's folder,
                            ~/.config/FIM Verdict or $XDG_CONFIG_HOME/FIM Verdict; on macOS
                            ~/Library/Application Support/FIM Verdict; on Windows %APPDATA%\\FIM Verdict)
  --port <n>                the port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)
  --token-file <file>       read the access token from this file (readable by its owner only, e.g. mode 600);
                            or set ${TOKEN_ENV}. Default: a new random token at every start, printed in the URL
  --token <t>               the access token on the command line: every user of this machine can read it
                            (ps, /proc); prefer --token-file or ${TOKEN_ENV}
  --from-end                new sources start at the end of the file (skip what it already holds)
  --vt-url <url>            a VirusTotal-compatible base URL for this run (default: the stored setting)
  --quota-per-minute <N>    request limits for this run (default: the stored plan, public key: 4/500/15500)
  --quota-per-day <N>
  --quota-per-month <N>
  --integration-log <path>  append Wazuh-compatible JSON lines (rules 87101-87106) to this file
  --indexer <url>           a Wazuh indexer to read FIM alerts from (https://host:9200); repeat for more nodes of
                            the same cluster. User and password: WAZUH_INDEXER_USER / WAZUH_INDEXER_PASSWORD
                            (or Settings → Sources); never the command line. Without --from-end a new indexer
                            source starts 24 hours back; with it, from now
  --indexer-ca <pem>        trust the indexer's certificate through this CA file (Wazuh's root-ca.pem)
  --indexer-insecure        accept any certificate from the indexer (shown as insecure everywhere)
  --wazuh-version <v>       auto (default: from the indices present), 4 or 5
  --wazuh-socket <path>     Wazuh 5's queue socket (/var/wazuh-manager/queue/sockets/queue-http.sock): each FIM
                            alert's verdict is posted there as an event (waiting in the database while it is away)
  --providers <list>        the reputation providers switched on for this run, in the order asked, comma-separated:
                            circl, malwarebazaar, virustotal (default: the stored setting, virustotal alone).
                            Each receives file hashes only; the allowlist and the empty file are answered here,
                            first; VirusTotal is asked last, about what no free source knows
  --circl-url <url>         CIRCL hashlookup's address for this run (default https://hashlookup.circl.lu)
  --malwarebazaar-url <url> MalwareBazaar's address for this run (default https://mb-api.abuse.ch)
  --webhook <url>           POST each new malicious file to this http(s) URL (retried with backoff; every
                            delivery in Diagnostics). A URL holding a secret (Slack's) shows in ps: prefer
                            the desktop app's Settings
  --webhook-format <f>      json (FIM Verdict's own body, the default) or slack (an incoming-webhook message)
  --webhook-triage          also POST each triage change (state, note, who) to the webhook (default: the
                            stored setting, off unless switched on in Settings)
  --demo                    label everything DEMO and link to no real VirusTotal page (what \`npm run demo\`
                            passes, with its simulated VirusTotal on 127.0.0.1 as --vt-url)
  --help                    this text

The VirusTotal key comes from the VT_API_KEY environment variable or from the settings page (stored in
<data-dir>/vt-api-key, readable by this user only); never from the command line. MalwareBazaar's Auth-Key
likewise comes from MALWAREBAZAAR_API_KEY or the settings page, and goes only to its address.
`;

const INDEXER_PASSWORD_FLAG = /^--?(wazuh[-_]?)?indexer[-_]?(password|passwd|pass|pwd|secret)$/i;
const INDEXER_PASSWORD_REFUSAL =
  'the indexer password comes from WAZUH_INDEXER_PASSWORD or Settings → Sources, never from the command line ' +
  '(it would show in ps)';

export class ArgsError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ArgsError';
  }
}

export interface ArgsEnvironment {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homedir?: string;
  cwd?: string;
}

/** Where the headless engine keeps its data when --data-dir is not given: the desktop app's folder (dataDirs.ts). */
export function defaultDataDir(environment: ArgsEnvironment = {}): string {
  return appDataDir(environment);
}

const KEY_FLAG =
  /^--?(virustotal[-_]?|vt[-_]?|malwarebazaar[-_]?|mb[-_]?|abuse[-_]?ch[-_]?)?(api[-_]?|auth[-_]?)?key$/i;
const KEY_REFUSAL =
  'the key comes from VT_API_KEY or the settings, never from the command line (it would show in ps); ' +
  "MalwareBazaar's from MALWAREBAZAAR_API_KEY or the settings";

const count = (flag: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${flag} must be a whole number of requests, at least 1`)
    .transform(Number)
    .refine((n) => n >= 1, `${flag} must be at least 1`)
    .optional();

const somePath = (flag: string) => z.string().refine((p) => p.trim() !== '', `${flag} needs a path`);

const httpUrlFlag = (flag: string, example: string) =>
  z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
      } catch {
        return false;
      }
    }, `${flag} must be an http(s) URL without credentials, such as ${example}`)
    .optional();

const PROVIDER_FLAG_NAMES = ['circl', 'malwarebazaar', 'virustotal'] as const;

/** "circl,virustotal" -> ['circl', 'virustotal']: known names, each once, VirusTotal last. */
const providerList = z
  .string()
  .transform((v, ctx) => {
    const names = v
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n !== '');
    const unknown = names.find((n) => !(PROVIDER_FLAG_NAMES as readonly string[]).includes(n));
    if (unknown !== undefined || names.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `--providers takes a comma-separated list of ${PROVIDER_FLAG_NAMES.join(', ')}${unknown ? ` (not ${JSON.stringify(unknown.slice(0, 40))})` : ''}`,
      });
      return z.NEVER;
    }
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', message: '--providers names each provider once' });
      return z.NEVER;
    }
    // the free sources first save VirusTotal's quota: it is asked last whatever the order written
    const ordered = [...names.filter((n) => n !== 'virustotal'), ...names.filter((n) => n === 'virustotal')];
    return ordered as (typeof PROVIDER_FLAG_NAMES)[number][];
  })
  .optional();

const RawArgs = z.object({
  alerts: z.array(somePath('--alerts')).default([]),
  'data-dir': somePath('--data-dir').optional(),
  port: z
    .string()
    .regex(/^\d{1,5}$/, '--port must be a number from 0 to 65535')
    .transform(Number)
    .refine((n) => n <= 65535, '--port must be a number from 0 to 65535')
    .default(DEFAULT_PORT),
  token: z.string().regex(TOKEN_PATTERN, `--token ${TOKEN_SHAPE_MESSAGE}`).optional(),
  'token-file': somePath('--token-file').optional(),
  'from-end': z.boolean().default(false),
  'vt-url': z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
      } catch {
        return false;
      }
    }, '--vt-url must be an http(s) URL without credentials, such as https://www.virustotal.com')
    .optional(),
  'quota-per-minute': count('--quota-per-minute'),
  'quota-per-day': count('--quota-per-day'),
  'quota-per-month': count('--quota-per-month'),
  'integration-log': somePath('--integration-log').optional(),
  indexer: z
    .array(
      z.string().superRefine((v, ctx) => {
        const problem = indexerUrlProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: `--indexer ${v}: ${problem}` });
      }),
    )
    .max(16, '--indexer: at most 16 URLs')
    .default([]),
  'indexer-ca': somePath('--indexer-ca').optional(),
  'indexer-insecure': z.boolean().default(false),
  'wazuh-socket': somePath('--wazuh-socket').optional(),
  'wazuh-version': z
    .string()
    .refine((v) => ['auto', '4', '5'].includes(v), '--wazuh-version must be auto, 4 or 5')
    .default('auto'),
  providers: providerList,
  'circl-url': httpUrlFlag('--circl-url', 'https://hashlookup.circl.lu'),
  'malwarebazaar-url': httpUrlFlag('--malwarebazaar-url', 'https://mb-api.abuse.ch'),
  webhook: z
    .string()
    .superRefine((v, ctx) => {
      const problem = webhookUrlProblem(v.trim());
      if (problem) ctx.addIssue({ code: 'custom', message: `--webhook: ${problem}` });
    })
    .optional(),
  'webhook-format': z.enum(['json', 'slack'], { error: '--webhook-format is json or slack' }).optional(),
  'webhook-triage': z.boolean().optional(),
  demo: z.boolean().default(false),
  help: z.boolean().default(false),
});

export const HeadlessArgs = z.object({
  alerts: z.array(z.string()),
  dataDir: z.string(),
  port: z.number().int().min(0).max(65535),
  token: z.string().min(1),
  /** true when no token was given and this one was made up: the printed URL is the only way in */
  tokenGenerated: z.boolean(),
  /** where the token came from: --token (visible to every user in ps), --token-file, FIM_VERDICT_TOKEN, or made up */
  tokenSource: z.enum(['flag', 'file', 'env', 'generated']),
  fromEnd: z.boolean(),
  vtUrl: z.string().optional(),
  quotaPerMinute: z.number().int().positive().optional(),
  quotaPerDay: z.number().int().positive().optional(),
  quotaPerMonth: z.number().int().positive().optional(),
  integrationLog: z.string().optional(),
  /** --indexer URLs (one source: the nodes of one cluster) */
  indexer: z.array(z.string()),
  indexerCa: z.string().optional(),
  indexerInsecure: z.boolean(),
  wazuhVersion: WazuhVersionChoice,
  /** Wazuh 5's queue-http.sock: verdict events are posted there */
  wazuhSocket: z.string().optional(),
  /** --providers: the remote providers switched on for this run, in the order asked (VirusTotal last) */
  providers: z.array(z.enum(PROVIDER_FLAG_NAMES)).optional(),
  circlUrl: z.string().optional(),
  malwareBazaarUrl: z.string().optional(),
  webhookUrl: z.string().optional(),
  webhookFormat: z.enum(['json', 'slack']).optional(),
  /** --webhook-triage: triage changes go to the webhook too for this run */
  webhookTriage: z.boolean().optional(),
  /** the demo script's run: everything labelled DEMO, no link to a real VirusTotal page */
  demo: z.boolean(),
  help: z.boolean(),
});
export type HeadlessArgs = z.infer<typeof HeadlessArgs>;

const OPTIONS = {
  alerts: { type: 'string', multiple: true },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  'token-file': { type: 'string' },
  'from-end': { type: 'boolean' },
  'vt-url': { type: 'string' },
  'quota-per-minute': { type: 'string' },
  'quota-per-day': { type: 'string' },
  'quota-per-month': { type: 'string' },
  'integration-log': { type: 'string' },
  indexer: { type: 'string', multiple: true },
  'indexer-ca': { type: 'string' },
  'indexer-insecure': { type: 'boolean' },
  'wazuh-version': { type: 'string' },
  'wazuh-socket': { type: 'string' },
  providers: { type: 'string' },
  'circl-url': { type: 'string' },
  'malwarebazaar-url': { type: 'string' },
  webhook: { type: 'string' },
  'webhook-format': { type: 'string' },
  'webhook-triage': { type: 'boolean' },
  demo: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseArgsMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const text = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^'\s<=]+)/.exec(text)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${flag ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(text)
        ? `${flag ?? 'a flag'} takes no value`
        : `${flag ?? 'a flag'} needs a value (write ${flag ?? '--flag'}=<value> for a value starting with -)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      // not echoed: a stray argument can be a secret pasted in the wrong place
      return 'unexpected argument: every value follows its flag, e.g. --alerts <path>';
    default:
      return text.split('\n')[0];
  }
}

/** --token, else --token-file, else FIM_VERDICT_TOKEN, else a new random token. */
function resolveToken(
  flag: string | undefined,
  file: string | undefined,
  environment: ArgsEnvironment,
): { value: string; source: HeadlessArgs['tokenSource'] } {
  if (flag !== undefined && file !== undefined) throw new ArgsError('give either --token or --token-file, not both');
  if (flag !== undefined) return { value: flag, source: 'flag' };
  if (file !== undefined) {
    try {
      return { value: readTokenFile(file), source: 'file' };
    } catch (error) {
      if (error instanceof TokenFileError) throw new ArgsError(error.message);
      throw error;
    }
  }
  const fromEnv = (environment.env ?? process.env)[TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    // not echoed: a malformed value may still be most of a secret
    if (!TOKEN_PATTERN.test(fromEnv)) throw new ArgsError(`${TOKEN_ENV} ${TOKEN_SHAPE_MESSAGE}`);
    return { value: fromEnv, source: 'env' };
  }
  return { value: randomBytes(32).toString('base64url'), source: 'generated' };
}

/** argv without the node and script paths (process.argv.slice(2)). Throws ArgsError (exit code 2). */
export function parseHeadlessArgs(argv: string[], environment: ArgsEnvironment = {}): HeadlessArgs {
  for (const arg of argv) {
    if (arg === '--') break;
    const name = arg.split('=')[0];
    if (KEY_FLAG.test(name)) throw new ArgsError(`${name}: ${KEY_REFUSAL}`);
    if (INDEXER_PASSWORD_FLAG.test(name)) throw new ArgsError(`${name}: ${INDEXER_PASSWORD_REFUSAL}`);
  }
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ArgsError(parseArgsMessage(error));
  }
  const parsed = RawArgs.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = `--${String(issue.path[0] ?? '')}`;
    throw new ArgsError(issue.message.startsWith('--') ? issue.message : `${flag}: ${issue.message}`);
  }
  const raw = parsed.data;
  const cwd = environment.cwd ?? process.cwd();
  const absolute = (p: string) => path.resolve(cwd, p);
  if (raw['indexer-ca'] !== undefined && raw['indexer-insecure'])
    throw new ArgsError('give either --indexer-ca or --indexer-insecure, not both');
  if ((raw['indexer-ca'] !== undefined || raw['indexer-insecure']) && raw.indexer.length === 0)
    throw new ArgsError(`${raw['indexer-insecure'] ? '--indexer-insecure' : '--indexer-ca'} goes with --indexer <url>`);
  const wazuhSocket = raw['wazuh-socket'] ? absolute(raw['wazuh-socket']) : undefined;
  const socketProblem = wazuhSocket === undefined ? null : wazuhSocketPathProblem(wazuhSocket);
  if (socketProblem) throw new ArgsError(`--wazuh-socket: ${socketProblem}`);
  const token = resolveToken(raw.token, raw['token-file'] ? absolute(raw['token-file']) : undefined, environment);
  return HeadlessArgs.parse({
    alerts: raw.alerts.map(absolute),
    dataDir: raw['data-dir'] ? absolute(raw['data-dir']) : defaultDataDir(environment),
    port: raw.port,
    token: token.value,
    tokenGenerated: token.source === 'generated',
    tokenSource: token.source,
    fromEnd: raw['from-end'],
    vtUrl: raw['vt-url'],
    quotaPerMinute: raw['quota-per-minute'],
    quotaPerDay: raw['quota-per-day'],
    quotaPerMonth: raw['quota-per-month'],
    integrationLog: raw['integration-log'] ? absolute(raw['integration-log']) : undefined,
    indexer: raw.indexer.map((u) => u.trim()),
    indexerCa: raw['indexer-ca'] ? absolute(raw['indexer-ca']) : undefined,
    indexerInsecure: raw['indexer-insecure'],
    wazuhVersion: raw['wazuh-version'],
    wazuhSocket,
    providers: raw.providers,
    circlUrl: raw['circl-url'],
    malwareBazaarUrl: raw['malwarebazaar-url'],
    webhookUrl: raw.webhook?.trim(),
    webhookFormat: raw['webhook-format'],
    webhookTriage: raw['webhook-triage'],
    demo: raw.demo,
    help: raw.help,
  });
}
