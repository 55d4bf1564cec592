// An indexer source's own settings as stored in sources.config (never the password), and the address it is known
// by in the sources table: its URLs, in one canonical order, so the same cluster given twice is one source.
import {
  INDEXER_DEFAULTS,
  IndexerSourceConfig,
  indexerUrlKey,
  type IndexerDestination,
  type IndexerTrust,
  type WazuhVersionChoice,
} from '../../../../shared/indexer';

export const INDEXER_TYPE = 'indexer';

/** The sources.path of an indexer source: its URLs (scheme, host, port, path), sorted, comma-separated. */
export function indexerPathOf(urls: readonly string[]): string {
  return [...new Set(urls.map(indexerUrlKey))].sort().join(', ');
}

/** The stored settings, or why they cannot be used (a database edited by hand, an older build). */
export function readIndexerConfig(config: unknown): { config: IndexerSourceConfig } | { problem: string } {
  const parsed = IndexerSourceConfig.safeParse(config);
  if (parsed.success) return { config: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `the stored settings of this source cannot be used (${issue.path.join('.')}: ${issue.message})` };
}

/** A new source's settings (the flags' or the form's), with the defaults for what is not given. */
export function newIndexerConfig(o: {
  urls: string[];
  username?: string;
  trust: IndexerTrust;
  wazuhVersion?: WazuhVersionChoice;
  pollSeconds?: number;
  overlapSeconds?: number;
}): IndexerSourceConfig {
  return IndexerSourceConfig.parse({
    urls: o.urls.map((u) => u.trim()),
    username: o.username ?? '',
    trust: o.trust,
    wazuhVersion: o.wazuhVersion ?? 'auto',
    pollSeconds: o.pollSeconds ?? INDEXER_DEFAULTS.pollSeconds,
    overlapSeconds: o.overlapSeconds ?? INDEXER_DEFAULTS.overlapSeconds,
  });
}

export const destinationOf = (c: Pick<IndexerSourceConfig, 'urls' | 'trust'>): IndexerDestination => ({
  urls: c.urls,
  trust: c.trust,
});
