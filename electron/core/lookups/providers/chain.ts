// The chain of providers a file walks down, built from the settings: the empty file and the allowlist (answered on
// this machine, always first), the free sources the analyst switched on (CIRCL hashlookup, MalwareBazaar) in the
// order chosen, and VirusTotal last, always in the chain: switched off, its files wait for it and nothing is lost.
// Each free source is a wire client (providers/<name>/) on the seam through fromClient.ts, built again when its
// address or key changes, with its request and hit counts kept in the counters table.
import { EMPTY_FILE_HASHES, isEmptyFile } from '../../../../shared/emptyFile';
import { PROVIDER_INFO, type ProviderName } from '../../../../shared/providers';
import type { Settings } from '../../../../shared/settings';
import type { Clock } from '../../base/runtime';
import { CirclClient } from '../../providers/circl/circlClient';
import { EmptyFileClient } from '../../providers/local/emptyFileClient';
import { MalwareBazaarClient } from '../../providers/malwarebazaar/malwareBazaarClient';
import type { ReputationClient } from '../../providers/types';
import type { CountersStore } from '../../store/countersStore';
import { ClientProvider, type ProviderCounts, type Unavailable } from './fromClient';
import type { ProviderState, ReputationProvider } from './provider';

/** A free source's bit in a queue entry's `skipped` (the files that went past it while it could not answer). */
export const PROVIDER_BITS = { circl: 1, malwarebazaar: 2 } as const;

export interface ChainDeps {
  settings: {
    current(): Settings;
    /** MalwareBazaar's key that may go to its address now, or why none may */
    malwareBazaarKey(): { key: string | null; withheld: string | null };
  };
  counters: CountersStore;
  clock: Clock;
  fetch?: typeof fetch;
  /** the allowlist, answered on this machine (lookups/allowlist.ts) */
  allowlist: ReputationClient & { hasPathRules(): boolean; isEmpty(): boolean };
  onStatus(state: ProviderState): void;
}

/** The request and hit counts of one provider, kept across restarts. */
export function providerCounts(counters: CountersStore, name: ProviderName): ProviderCounts {
  return {
    requests: () => counters.get(`provider.${name}.requests`),
    hits: () => counters.get(`provider.${name}.hits`),
    hit: (n) => counters.increment(`provider.${name}.hits`, n),
  };
}

/** The empty file is known by these alone: a file carrying none of them is not asked about (isEmptyFile). */
const EMPTY_HASHES: readonly string[] = Object.freeze(Object.values(EMPTY_FILE_HASHES));

const off = (name: 'circl' | 'malwarebazaar'): Unavailable => ({
  status: 'off',
  message: `${PROVIDER_INFO[name].label} is switched off: it receives nothing until you switch it on in Settings.`,
});

/** One client per address (and key): rebuilt when they change, the old one closed. */
function cachedClient<C extends ReputationClient>(make: (id: string) => C): (id: string) => C {
  let client: C | null = null;
  let clientId = '';
  return (id) => {
    if (!client || clientId !== id) {
      void client?.close();
      client = make(id);
      clientId = id;
    }
    return client;
  };
}

export class ProviderChain {
  readonly empty: ClientProvider;
  readonly allowlist: ClientProvider;
  readonly circl: ClientProvider;
  readonly malwareBazaar: ClientProvider;

  constructor(
    private readonly d: ChainDeps,
    readonly virustotal: ReputationProvider,
  ) {
    const { clock, counters } = d;
    const onStatus = d.onStatus;
    const requestCounter = (name: ProviderName) => () => counters.increment(`provider.${name}.requests`);
    const emptyClient = new EmptyFileClient();
    this.empty = new ClientProvider({
      name: 'local',
      role: 'local',
      batchSize: 500,
      // the size decides nothing once a hash is known (every queued file has one): it is only kept in the record of
      // a file whose hashes are the empty content's
      wantsSize: (hashes) => isEmptyFile({ hashes }),
      answersOnlyAbout: () => EMPTY_HASHES,
      client: () => emptyClient,
      counts: providerCounts(counters, 'local'),
      clock,
      onStatus,
    });
    this.allowlist = new ClientProvider({
      name: 'allowlist',
      role: 'local',
      batchSize: 500,
      // a file's paths are read only while a glob could match one
      wantsPaths: () => d.allowlist.hasPathRules(),
      answersOnlyAbout: () => (d.allowlist.isEmpty() ? [] : null),
      client: () => d.allowlist,
      counts: providerCounts(counters, 'allowlist'),
      clock,
      onStatus,
    });
    const circlClient = cachedClient(
      (url) => new CirclClient({ config: { baseUrl: url }, fetch: d.fetch, onRequest: requestCounter('circl') }),
    );
    this.circl = new ClientProvider({
      name: 'circl',
      role: 'free',
      bit: PROVIDER_BITS.circl,
      batchSize: 500,
      client: () => {
        const s = d.settings.current();
        return s.providers.includes('circl') ? circlClient(s.circlUrl) : off('circl');
      },
      counts: providerCounts(counters, 'circl'),
      clock,
      onStatus,
    });
    const mbClient = cachedClient((id) => {
      const [url, key] = JSON.parse(id) as [string, string];
      return new MalwareBazaarClient({
        config: { baseUrl: url, authKey: key },
        fetch: d.fetch,
        onRequest: requestCounter('malwarebazaar'),
      });
    });
    this.malwareBazaar = new ClientProvider({
      name: 'malwarebazaar',
      role: 'free',
      bit: PROVIDER_BITS.malwarebazaar,
      // one hash a request (no bulk query): a batch is asked one by one, a few at a time
      batchSize: 8,
      client: () => {
        const s = d.settings.current();
        if (!s.providers.includes('malwarebazaar')) return off('malwarebazaar');
        const { key, withheld } = d.settings.malwareBazaarKey();
        if (!key)
          return {
            status: 'no-key',
            message:
              withheld ??
              'No MalwareBazaar Auth-Key: add one in Settings or set MALWAREBAZAAR_API_KEY. Files go on without it.',
          };
        return mbClient(JSON.stringify([s.malwareBazaarUrl, key]));
      },
      counts: providerCounts(counters, 'malwarebazaar'),
      clock,
      onStatus,
    });
  }

  /** Every provider, in the order Settings and /api/stats list them. */
  all(): ReputationProvider[] {
    return [this.empty, this.allowlist, this.circl, this.malwareBazaar, this.virustotal];
  }

  /** The providers files are asked of now, in order: the free sources switched on, in the order chosen. */
  current(): ReputationProvider[] {
    const free = this.d.settings
      .current()
      .providers.filter((n) => n !== 'virustotal')
      .map((n) => (n === 'circl' ? this.circl : this.malwareBazaar));
    return [this.empty, this.allowlist, ...free, this.virustotal];
  }

  /** New settings: a changed address or key is a fresh start for the free sources. */
  settingsChanged(): void {
    this.circl.settingsChanged();
    this.malwareBazaar.settingsChanged();
  }

  async close(): Promise<void> {
    await Promise.all([this.circl.close(), this.malwareBazaar.close(), this.allowlist.close()]);
  }
}
