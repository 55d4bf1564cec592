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
    'alerts' | 'fromEnd' | 'vtUrl' | 'quotaPerMinute' | 'quotaPerDay' | 'quotaPerMonth' | 'integrationLog' | 'demo'
  >,
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
    // VT_API_KEY: wins over a stored key for this run, never stored
    apiKeyFromEnv: env.VT_API_KEY?.trim() || null,
    demo: args.demo,
    ...runtime,
  };
}
