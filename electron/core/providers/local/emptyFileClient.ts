// The empty file, answered on this machine in the shape every reputation client answers in, so the engine asks it
// first like any provider and nothing about an empty file is ever sent anywhere.
import { EMPTY_FILE_HASHES, EMPTY_FILE_WHY, isEmptyFile } from '../../../../shared/emptyFile';
import { hashToAsk, noHash, type HashQuery, type ProviderResult, type ReputationClient } from '../types';

export class EmptyFileClient implements ReputationClient {
  readonly provider = 'local' as const;

  lookup(queries: readonly HashQuery[]): Promise<ProviderResult[]> {
    return Promise.resolve(queries.map(answerFor));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Found (known good) for the empty file; not found, at no cost, for any other. */
export function answerFor(q: HashQuery): ProviderResult {
  const given = hashToAsk(q, ['sha256', 'sha1', 'md5']);
  if (!isEmptyFile({ size: q.size, hashes: q }))
    return given ? { kind: 'not-found', provider: 'local', asked: given } : noHash('local');
  // a size-0 file without hashes: the empty content's SHA-256 names it
  const asked = given ?? { kind: 'sha256', hash: EMPTY_FILE_HASHES.sha256 };
  return {
    kind: 'found',
    provider: 'local',
    asked,
    finding: {
      verdict: 'known-good',
      why: EMPTY_FILE_WHY,
      details: { provider: 'local', rule: 'empty-file' },
      link: null,
      raw: JSON.stringify({ rule: 'empty-file', size: q.size ?? null }),
    },
  };
}
