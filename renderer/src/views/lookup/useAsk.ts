// Send hashes to the engine (they jump the queue), record them as results, and fetch the verdicts already known.
import { useCallback } from 'react';
import type { ApiOutput } from '../../../../shared/contract';
import { useApi } from '../../api/ApiProvider';
import { errorMessage, isNotFound } from '../../api/errors';
import { lookupResults } from './lookupResults';

/** how many current answers to fetch at once after a paste of many hashes */
const DETAIL_FETCHES = 50;

export function useAsk() {
  const api = useApi();
  return useCallback(
    async (text: string, fileName: string | null = null): Promise<ApiOutput<'lookupHashes'>> => {
      const answer = await api.lookupHashes({ text });
      lookupResults.add(answer.accepted.map((a) => ({ ...a, fileName })));
      for (const { hash } of answer.accepted.slice(0, DETAIL_FETCHES)) {
        api.getHash({ hash }).then(
          (detail) =>
            lookupResults.update(hash, {
              verdict: detail.verdict,
              name: fileName ?? detail.names[0] ?? null,
              known: [hash, ...[detail.sha256, detail.sha1, detail.md5].filter((h): h is string => !!h)],
            }),
          (error: unknown) => {
            if (!isNotFound(error)) lookupResults.update(hash, { error: errorMessage(error) });
          },
        );
      }
      return answer;
    },
    [api],
  );
}
