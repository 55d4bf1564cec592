import type { AlertItem, ApiInput, Verdict } from '../../../shared/contract';

export interface AlertFilter {
  q: string;
  state: Verdict['state'] | '';
  agent: string;
  event: AlertItem['event'] | '';
}

export const NO_FILTER: AlertFilter = { q: '', state: '', agent: '', event: '' };

export const isFiltered = (f: AlertFilter): boolean => f.q !== '' || f.state !== '' || f.agent !== '' || f.event !== '';

export const sameFilter = (a: AlertFilter, b: AlertFilter): boolean =>
  a.q === b.q && a.state === b.state && a.agent === b.agent && a.event === b.event;

/** The listAlerts input for a filter (empty parts left out). */
export function filterQuery(f: AlertFilter): Omit<ApiInput<'listAlerts'>, 'limit' | 'offset' | 'maxId'> {
  return {
    q: f.q.trim() || undefined,
    state: f.state || undefined,
    agent: f.agent || undefined,
    event: f.event || undefined,
  };
}

/** The same test on the client, for alerts arriving by event (the server filtered the pages). */
export function matchesFilter(f: AlertFilter, item: AlertItem, verdict: Verdict): boolean {
  if (f.state && verdict.state !== f.state) return false;
  if (f.event && item.event !== f.event) return false;
  if (f.agent && item.agent.id !== f.agent && item.agent.name !== f.agent) return false;
  const q = f.q.trim().toLowerCase();
  // as the server searches: a part of the path, or the start of the SHA-256 or MD5
  if (q && !item.path.toLowerCase().includes(q) && !item.sha256?.startsWith(q) && !item.md5?.startsWith(q)) {
    return false;
  }
  return true;
}
