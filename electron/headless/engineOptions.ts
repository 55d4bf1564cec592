// The command-line flags (headless/args.ts, the one parser both modes use) as the engine's options: the same for
// `npm run headless` and the desktop app, which add only what their runtime brings (where the key is kept, the
// fetch, the native module, the transport).
import type { EngineOptions } from '../core/engineTypes';
import type { HeadlessArgs } from './args';

export type RuntimeOptions = Pick<
  EngineOptions,
  'dataDir' | 'secrets' | 'secretSlot' | 'transport' | 'log' | 'notices'
> &
  Partial<Pick<EngineOptions, 'fetch' | 'nativeBinding'>>;

export function engineOptionsFromArgs(
  args: Pick<
    HeadlessArgs,
    | 'alerts'
    | 'fromEnd'
    | 'vtUrl'
    | 'quotaPerMinute'
    | 'quotaPerDay'
    | 'quotaPerMonth'
    | 'integrationLog'
    | 'demo'
    | 'providers'
    | 'circlUrl'
    | 'malwareBazaarUrl'
    | 'webhookUrl'
    | 'webhookFormat'
    | 'webhookTriage'
  > &
    Partial<Pick<HeadlessArgs, 'indexer' | 'indexerCa' | 'indexerInsecure' | 'wazuhVersion' | 'wazuhSocket'>>,
  runtime: RuntimeOptions,
  env: NodeJS.ProcessEnv = process.env,
): EngineOptions {
  return {
    sources: args.alerts.map((p) => ({ path: p, fromEnd: args.fromEnd })),
    vtBaseUrl: args.vtUrl,
    quota:
      args.quotaPerMinute || args.quotaPerDay || args.quotaPerMonth
        ? { perMinute: args.quotaPerMinute, perDay: args.quotaPerDay, perMonth: args.quotaPerMonth }
        : undefined,
    integrationLog: args.integrationLog,
    webhookUrl: args.webhookUrl,
    webhookFormat: args.webhookFormat,
    webhookTriage: args.webhookTriage,
    // VT_API_KEY: wins over a stored key for this run, never stored
    apiKeyFromEnv: env.VT_API_KEY?.trim() || null,
    providers: args.providers,
    circlUrl: args.circlUrl,
    malwareBazaarUrl: args.malwareBazaarUrl,
    // MALWAREBAZAAR_API_KEY: likewise
    malwareBazaarKeyFromEnv: env.MALWAREBAZAAR_API_KEY?.trim() || null,
    demo: args.demo,
    wazuhSocket: args.wazuhSocket,
    ...indexerOptions(args, env),
    ...runtime,
  };
}

/** --indexer and its flags, with WAZUH_INDEXER_USER / WAZUH_INDEXER_PASSWORD (meant for those URLs only). */
function indexerOptions(
  args: Partial<Pick<HeadlessArgs, 'indexer' | 'indexerCa' | 'indexerInsecure' | 'wazuhVersion' | 'fromEnd'>>,
  env: NodeJS.ProcessEnv,
): Pick<EngineOptions, 'indexer' | 'indexerCredentialsFromEnv'> {
  if (!args.indexer?.length) return {};
  return {
    indexer: {
      urls: args.indexer,
      trust: args.indexerCa
        ? { kind: 'ca-file', path: args.indexerCa }
        : args.indexerInsecure
          ? { kind: 'insecure' }
          : { kind: 'system' },
      wazuhVersion: args.wazuhVersion ?? 'auto',
      fromEnd: args.fromEnd ?? false,
    },
    indexerCredentialsFromEnv: {
      username: env.WAZUH_INDEXER_USER?.trim() || null,
      password: env.WAZUH_INDEXER_PASSWORD || null,
    },
  };
}
