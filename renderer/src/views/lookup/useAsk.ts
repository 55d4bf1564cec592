// Send hashes to the engine (they jump the queue), record them as results, and fetch the verdicts already known.
import { useCallback } from 'react';
import type { Api, ApiOutput, HashDetail } from '../../../../shared/contract';
import { useApi } from '../../api/ApiProvider';
import { errorMessage, isNotFound } from '../../api/errors';
import { lookupResults, type LookupResult } from './lookupResults';

/** how many current answers to fetch at once after a paste of many hashes */
const DETAIL_FETCHES = 50;

/** Where agents reported the file: its newest alert's path and agent, and how many alerts carried it. */
function seenOf(detail: HashDetail): LookupResult['seen'] {
  const alert = detail.alerts[0];
  if (!alert) return null;
  return { path: alert.path, agent: alert.agent.name ?? alert.agent.id, alerts: detail.alertsTotal };
}

/** Read a result's current answer (and where it was seen) from the engine. */
function fetchDetail(api: Api, hash: string, fileName: string | null): void {
  api.getHash({ hash }).then(
    (detail) =>
      lookupResults.update(hash, {
        verdict: detail.verdict,
        name: fileName ?? detail.names[0] ?? null,
        seen: seenOf(detail),
        known: [hash, ...[detail.sha256, detail.sha1, detail.md5].filter((h): h is string => !!h)],
      }),
    (error: unknown) => {
      if (!isNotFound(error)) lookupResults.update(hash, { error: errorMessage(error) });
    },
  );
}

/** After a reload: the stored results' answers are read again (they may have arrived meanwhile). */
export function refreshRestored(api: Api): void {
  const stored = lookupResults.get();
  for (const hash of lookupResults.takeRestored().slice(0, DETAIL_FETCHES)) {
    fetchDetail(api, hash, stored.find((r) => r.hash === hash)?.fileName ?? null);
  }
}

export function useAsk() {
  const api = useApi();
  return useCallback(
    async (text: string, fileName: string | null = null): Promise<ApiOutput<'lookupHashes'>> => {
      const answer = await api.lookupHashes({ text });
      lookupResults.add(answer.accepted.map((a) => ({ ...a, fileName })));
      for (const { hash } of answer.accepted.slice(0, DETAIL_FETCHES)) fetchDetail(api, hash, fileName);
      return answer;
    },
    [api],
  );
}
