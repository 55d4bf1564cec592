// An indexer source's user and password. The password is kept in the source's own secret slot (`indexer-<id>`:
// safeStorage in the desktop app, an owner-only file in headless mode), together with the URLs and trust it was
// given for, and it goes only there (shared/indexer.ts passwordMayGoTo): a source whose URLs or trust changed, or a
// new source that got the id of a removed one, finds no password to send. WAZUH_INDEXER_USER/PASSWORD, read at
// start, are the local user's credentials for the --indexer of this run, and for nothing else; never stored.
import {
  IndexerTrust,
  passwordMayGoTo,
  type IndexerDestination,
  type IndexerSourceConfig,
} from '../../../../shared/indexer';
import type { SecretStore } from '../../settings/settingsService';
import { destinationOf } from './indexerConfig';
import { z } from 'zod';

export interface IndexerEnvCredentials {
  username: string | null;
  password: string | null;
}

export interface IndexerCredentials {
  username: string;
  password: string;
  from: 'env' | 'stored';
}

const StoredPassword = z.object({
  password: z.string().min(1),
  givenFor: z.object({ urls: z.array(z.string()).min(1), trust: IndexerTrust }),
});

export interface IndexerSecretsDeps {
  slot(name: string): SecretStore;
  /** WAZUH_INDEXER_USER / WAZUH_INDEXER_PASSWORD of this run */
  env: IndexerEnvCredentials | null;
  /** the --indexer URLs and trust of this run: where the environment's password may go */
  flagDestination: IndexerDestination | null;
}

export const slotName = (sourceId: number): string => `indexer-${sourceId}`;

export class IndexerSecrets {
  /** sources whose password was typed during this run: it wins over the environment's, given at start */
  private readonly typedThisRun = new Set<number>();

  constructor(private readonly d: IndexerSecretsDeps) {}

  /** The stored password and where it was given for; null when none (or it cannot be read: `problem`). */
  stored(sourceId: number): { password: string; givenFor: IndexerDestination } | { problem: string } | null {
    let text: string | null;
    try {
      text = this.d.slot(slotName(sourceId)).get();
    } catch (error) {
      return { problem: `the stored password cannot be read: ${(error as Error).message}` };
    }
    if (text === null) return null;
    try {
      const parsed = StoredPassword.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // not ours: as if none were stored
    }
  }

  /** Keeps `password` for the URLs and trust it was given for (replacing what was stored). */
  store(sourceId: number, password: string, givenFor: IndexerDestination): void {
    const record = { password, givenFor: { urls: [...givenFor.urls], trust: givenFor.trust } };
    this.d.slot(slotName(sourceId)).set(JSON.stringify(record));
    this.typedThisRun.add(sourceId);
  }

  /** A removed source's password goes with it (its id may be given to another source). */
  clear(sourceId: number): void {
    this.d.slot(slotName(sourceId)).set(null);
    this.typedThisRun.delete(sourceId);
  }

  /** Does the environment's password belong to this destination (the --indexer of this run)? */
  envFor(dest: IndexerDestination): boolean {
    const flag = this.d.flagDestination;
    return !!this.d.env?.password && flag !== null && passwordMayGoTo(flag, dest);
  }

  /** The environment's password (only where envFor() says it may go). */
  envPassword(): string | null {
    return this.d.env?.password ?? null;
  }

  /** The environment's user name (WAZUH_INDEXER_USER), if given. */
  envUsername(): string | null {
    return this.d.env?.username?.trim() || null;
  }

  /** The stored password, if it may go to `dest`. */
  storedFor(sourceId: number, dest: IndexerDestination): string | null {
    const s = this.stored(sourceId);
    return s && 'password' in s && passwordMayGoTo(s.givenFor, dest) ? s.password : null;
  }

  /** The credentials to use for this source now, or what is missing in words. */
  credentialsFor(sourceId: number, config: IndexerSourceConfig): IndexerCredentials | { problem: string } {
    const dest = destinationOf(config);
    // the newest password given for this destination: one typed during this run, else the environment's (given at
    // start), else the one stored before
    const typed = this.typedThisRun.has(sourceId) ? this.storedFor(sourceId, dest) : null;
    const env = this.envFor(dest) ? this.d.env : null;
    if (typed !== null) {
      const name = config.username || env?.username?.trim() || '';
      if (name) return { username: name, password: typed, from: 'stored' };
    }
    const username = env?.username?.trim() || config.username;
    if (!username) return { problem: 'no user name: set WAZUH_INDEXER_USER, or give one in Settings → Sources' };
    if (env?.password) return { username, password: env.password, from: 'env' };
    const stored = this.stored(sourceId);
    if (stored && 'problem' in stored) return stored;
    if (stored && passwordMayGoTo(stored.givenFor, dest))
      return { username, password: stored.password, from: 'stored' };
    if (stored)
      return {
        problem:
          'the stored password was given for other URLs or another certificate trust: type it again for these ' +
          '(a password goes only where it was given for)',
      };
    return { problem: 'no password: set WAZUH_INDEXER_PASSWORD with --indexer, or type it in Settings → Sources' };
  }

  /** Where the credentials in use come from (the views), never what they are. */
  describe(sourceId: number, config: IndexerSourceConfig): { passwordSet: boolean; from: 'env' | 'stored' | null } {
    const c = this.credentialsFor(sourceId, config);
    if ('from' in c) return { passwordSet: true, from: c.from };
    return { passwordSet: this.storedFor(sourceId, destinationOf(config)) !== null, from: null };
  }
}
