// Adding, changing, testing and removing indexer sources (Settings → Sources, the HTTP API, the --indexer flags).
// The password is bound to the URLs and the certificate trust it was given for (credentials.ts): over the HTTP API
// (anyone holding the token) other URLs or another trust need the password in the same request, and "Test
// connection" sends a stored password only where it may go. The desktop app's Settings and the flags are the local
// user's: a change of destination there keeps the stored password, which then simply is not sent (the source asks
// for it again).
import type { SourceStatus } from '../../../../shared/contract';
import {
  sameIndexerDestination,
  type IndexerDestination,
  type IndexerSourceConfig,
  type IndexerSourceInput,
  type IndexerSourceUpdate,
  type IndexerTestInput,
  type IndexerTestResult,
  type IndexerTrust,
  type WazuhVersionChoice,
} from '../../../../shared/indexer';
import { ApiError } from '../../base/apiError';
import type { Clock, Logger } from '../../base/runtime';
import { testConnection } from '../../indexer/testConnection';
import { guardHttpUpdate, type GuardedSetting } from '../../settings/destinations';
import type { SourcesService } from '../sourcesService';
import type { IndexerSecrets } from './credentials';
import { destinationOf, INDEXER_TYPE, indexerPathOf, newIndexerConfig, readIndexerConfig } from './indexerConfig';

export const INDEXER_DESTINATION_REFUSAL =
  'Over the HTTP API an indexer source’s URLs or certificate trust can change only together with the password to ' +
  'use there (type it in the same form): a stored password is never sent to a new address or trusted another way. ' +
  'To keep it, change the source in the desktop app’s Settings, or start FIM Verdict with --indexer.';

export const INDEXER_USERNAME_REFUSAL =
  'Over the HTTP API an indexer source’s user name can change only together with the password to use with it ' +
  '(type it in the same form): a stored password is never tried as another user’s. To keep it, change the source ' +
  'in the desktop app’s Settings.';

/** The destination of an indexer password, as the HTTP guard reads it (settings/destinations.ts). */
interface DestinationForm {
  destination: IndexerDestination;
}
interface DestinationUpdate {
  destination?: IndexerDestination;
  password?: string;
}
export const INDEXER_DESTINATIONS: readonly GuardedSetting<DestinationForm, DestinationUpdate>[] = [
  {
    kind: 'credential',
    field: 'destination',
    credential: 'password',
    same: (a, b) => sameIndexerDestination(a as IndexerDestination, b as IndexerDestination),
    refusal: INDEXER_DESTINATION_REFUSAL,
  },
];

/** The --indexer flags of this run. */
export interface IndexerFlags {
  urls: string[];
  trust: IndexerTrust;
  wazuhVersion: WazuhVersionChoice;
  fromEnd: boolean;
}

export type Caller = 'http' | 'local';

export class IndexerAdmin {
  constructor(private readonly d: { sources: SourcesService; secrets: IndexerSecrets; clock: Clock; log: Logger }) {}

  private indexerRecord(id: number): { config: IndexerSourceConfig } {
    const record = this.d.sources.record(id);
    if (!record) throw new ApiError('not-found', `no source ${id}`);
    if (record.type !== INDEXER_TYPE) throw new ApiError('bad-request', `source ${id} is not an indexer source`);
    const read = readIndexerConfig(record.config);
    if ('problem' in read) throw new ApiError('conflict', read.problem);
    return read;
  }

  /** A new indexer source with its password (bound to its URLs and trust), started at once. */
  async add(input: IndexerSourceInput): Promise<SourceStatus> {
    const config = newIndexerConfig(input);
    const path = indexerPathOf(config.urls);
    if (this.d.sources.recordAt(path))
      throw new ApiError('conflict', `${path} is a source already: change it, or remove it first`, { urls: 'exists' });
    const added = this.d.sources.addOther(
      { type: INDEXER_TYPE, path, kind: null, fromEnd: input.fromEnd, config },
      false,
    );
    this.d.secrets.store(added.id, input.password, destinationOf(config));
    return this.d.sources.reconfigure(added.id, config);
  }

  /** Changes settings and/or the password; the source starts again with them (a 401 stop ends here). */
  async update(id: number, update: IndexerSourceUpdate, caller: Caller): Promise<SourceStatus> {
    const { config } = this.indexerRecord(id);
    const next: IndexerSourceConfig = {
      ...config,
      ...(update.urls ? { urls: update.urls.map((u) => u.trim()) } : {}),
      ...(update.username !== undefined ? { username: update.username } : {}),
      ...(update.trust ? { trust: update.trust } : {}),
      ...(update.wazuhVersion ? { wazuhVersion: update.wazuhVersion } : {}),
      ...(update.pollSeconds !== undefined ? { pollSeconds: update.pollSeconds } : {}),
      ...(update.overlapSeconds !== undefined ? { overlapSeconds: update.overlapSeconds } : {}),
    };
    // the stored password sent as another user's would tell whether that account shares it
    if (
      caller === 'http' &&
      update.username !== undefined &&
      update.password === undefined &&
      update.username.trim() !== config.username.trim()
    )
      throw new ApiError('forbidden', INDEXER_USERNAME_REFUSAL, { username: INDEXER_USERNAME_REFUSAL });
    if (caller === 'http')
      guardHttpUpdate(
        INDEXER_DESTINATIONS,
        { destination: destinationOf(next), password: update.password },
        { destination: destinationOf(config) },
      );
    const path = indexerPathOf(next.urls);
    const other = this.d.sources.recordAt(path);
    if (other && other.id !== id)
      throw new ApiError('conflict', `${path} is another source already`, { urls: 'exists' });
    if (update.password !== undefined) this.d.secrets.store(id, update.password, destinationOf(next));
    return this.d.sources.reconfigure(id, next, path);
  }

  /**
   * "Test connection": the password typed, or the stored one if it may go to these URLs trusted this way. Why a CA
   * file cannot be used is said to the local user only (over HTTP one sentence for every reason: no file oracle).
   */
  async test(input: IndexerTestInput, caller: Caller): Promise<IndexerTestResult> {
    const dest = destinationOf(input);
    // over HTTP a password not typed goes only with the user name it is used with (never tried as another user's)
    const sameUser = (name: string | null) => caller === 'local' || (name ?? '').trim() === input.username.trim();
    let password = input.password ?? null;
    let otherUser = false;
    if (password === null && input.sourceId !== undefined) {
      const stored = this.d.secrets.storedFor(input.sourceId, dest);
      if (stored !== null && sameUser(this.usernameOf(input.sourceId))) password = stored;
      else otherUser = stored !== null;
    }
    if (password === null && this.d.secrets.envFor(dest)) {
      if (sameUser(this.d.secrets.envUsername())) password = this.d.secrets.envPassword();
      else otherUser = true;
    }
    if (password === null)
      throw new ApiError(
        'bad-request',
        otherUser
          ? 'the stored password was given for another user name: type it to test this one'
          : input.sourceId !== undefined && this.d.secrets.stored(input.sourceId)
            ? 'the stored password was given for other URLs or another certificate trust: type it to test these'
            : 'type the password to test the connection',
        { password: 'needed' },
      );
    return testConnection(
      { urls: input.urls, username: input.username, password, trust: input.trust },
      { nowMs: this.d.clock.now(), wazuhVersion: input.wazuhVersion, caFileDetail: caller === 'local' },
    );
  }

  /** The user name a source's stored password is used with (null: no such indexer source). */
  private usernameOf(id: number): string | null {
    const record = this.d.sources.record(id);
    if (!record || record.type !== INDEXER_TYPE) return null;
    const read = readIndexerConfig(record.config);
    if ('problem' in read) return null;
    const c = this.d.secrets.credentialsFor(id, read.config);
    return 'problem' in c ? read.config.username : c.username;
  }

  /** A removed source's password goes with it (its id may be given to another source). */
  removed(id: number): void {
    this.d.secrets.clear(id);
  }

  /**
   * The --indexer flags: the source of these URLs, added (from now with --from-end, else 24 hours back) or kept,
   * its trust and version as the flags say (the local user's choice; the user name and intervals stay).
   */
  atStart(flags: IndexerFlags): void {
    const path = indexerPathOf(flags.urls);
    const existing = this.d.sources.recordAt(path);
    const fromFlags = { urls: flags.urls, trust: flags.trust, wazuhVersion: flags.wazuhVersion };
    if (!existing) {
      this.d.sources.addOther(
        { type: INDEXER_TYPE, path, kind: null, fromEnd: flags.fromEnd, config: newIndexerConfig(fromFlags) },
        false,
      );
      return;
    }
    const read = readIndexerConfig(existing.config);
    const config = 'config' in read ? { ...read.config, ...fromFlags } : newIndexerConfig(fromFlags);
    this.d.sources.setConfigAtStart(existing.id, config);
  }
}
