// The reputation providers by name, and what the analyst is told of each (who runs it, what it receives). Plain
// data, apart from shared/providers.ts's zod schemas (which re-exports all of it), so that the renderer's start,
// whose status bar names the providers, does not build the schemas.

/** Every source of an opinion about a file. `local`: answered by the app itself (the empty file). */
export const PROVIDER_NAMES = ['circl', 'malwarebazaar', 'virustotal', 'allowlist', 'local'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The providers that receive hashes over the network: each is off until the analyst switches it on. */
export const REMOTE_PROVIDERS = ['circl', 'malwarebazaar', 'virustotal'] as const satisfies readonly ProviderName[];
export type RemoteProviderName = (typeof REMOTE_PROVIDERS)[number];

export interface ProviderInfo {
  /** as the analyst reads it */
  label: string;
  /** who runs it (Settings says so before it is switched on) */
  runBy: string;
  /** what leaves the machine when it is asked */
  receives: string;
  /** the address it is asked at, unless a test or the analyst says otherwise; null: nothing is sent */
  defaultUrl: string | null;
  /** needs a key (which is bound to the URL it was given for) */
  needsKey: boolean;
}

export const PROVIDER_INFO: Record<ProviderName, ProviderInfo> = {
  circl: {
    label: 'CIRCL hashlookup',
    runBy: 'CIRCL, the Computer Incident Response Center Luxembourg',
    receives: 'file hashes only (SHA-1 or MD5, many per request; SHA-256 when it is the only one known)',
    defaultUrl: 'https://hashlookup.circl.lu',
    needsKey: false,
  },
  malwarebazaar: {
    label: 'MalwareBazaar',
    runBy: 'abuse.ch',
    receives: 'file hashes only (one per request), with your Auth-Key',
    defaultUrl: 'https://mb-api.abuse.ch',
    needsKey: true,
  },
  virustotal: {
    label: 'VirusTotal',
    runBy: 'VirusTotal (Google)',
    receives: 'file hashes only (one per request), with your API key',
    defaultUrl: 'https://www.virustotal.com',
    needsKey: true,
  },
  allowlist: {
    label: 'Allowlist',
    runBy: 'you: hashes and paths marked known good in this app',
    receives: 'nothing: it is kept in this app',
    defaultUrl: null,
    needsKey: false,
  },
  local: {
    label: 'FIM Verdict',
    runBy: 'this app',
    receives: 'nothing: answered on this machine',
    defaultUrl: null,
    needsKey: false,
  },
};
