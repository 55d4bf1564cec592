// The Files view's filters and sort as the query of its address (#/files?triage=new&state=detected&sort=-alerts):
// a reload, the back button and a shared link show the same list. Unknown or bad values are dropped, not guessed.
import type { ApiInput } from '../../../../shared/contract';
import {
  FILE_SORT_KEYS,
  FileSortSchema,
  FileStateFilterSchema,
  TriageStateSchema,
  type FileSort,
  type TriageState,
} from '../../../../shared/triage';

export interface FilesFilter {
  triage: TriageState | '';
  state: string;
  agent: string;
  q: string;
  sort: FileSort;
}

export const NO_FILES_FILTER: FilesFilter = { triage: '', state: '', agent: '', q: '', sort: 'risk' };

export { UNTRIAGED_QUERY } from './untriagedQuery';

export function parseFilesQuery(query: string): FilesFilter {
  const p = new URLSearchParams(query);
  const triage = TriageStateSchema.safeParse(p.get('triage'));
  const state = FileStateFilterSchema.safeParse(p.get('state'));
  const sort = FileSortSchema.safeParse(p.get('sort'));
  return {
    triage: triage.success ? triage.data : '',
    state: state.success ? state.data : '',
    agent: (p.get('agent') ?? '').slice(0, 200),
    q: (p.get('q') ?? '').slice(0, 1000),
    sort: sort.success ? sort.data : 'risk',
  };
}

/** The filter as a query, its parts in a fixed order and empty parts left out (the default sort too). */
export function filesQueryOf(f: FilesFilter): string {
  const p = new URLSearchParams();
  if (f.triage) p.set('triage', f.triage);
  if (f.state) p.set('state', f.state);
  if (f.agent) p.set('agent', f.agent);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.sort !== 'risk') p.set('sort', f.sort);
  return p.toString();
}

/** The listFiles / exportFiles input of a filter. */
export function filesInput(f: FilesFilter): Omit<ApiInput<'listFiles'>, 'limit' | 'offset'> {
  return {
    triage: f.triage || undefined,
    state: (f.state || undefined) as ApiInput<'listFiles'>['state'],
    agent: f.agent || undefined,
    q: f.q.trim() || undefined,
    sort: f.sort,
  };
}

/** Clicking a column's header: its ascending sort, then descending, then back to risk. */
export function nextSort(current: FileSort, key: (typeof FILE_SORT_KEYS)[number]): FileSort {
  if (current === key) return `-${key}` as FileSort;
  if (current === `-${key}`) return 'risk';
  return key;
}
