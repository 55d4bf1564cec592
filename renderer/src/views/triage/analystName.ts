// Who triages, in a browser: a name the analyst sets once, kept in this browser (localStorage). The desktop app
// names its OS user itself and sends nothing.
import { useSyncExternalStore } from 'react';
import { analystNameProblem } from '../../../../shared/triageWords';

const KEY = 'fim-verdict.analyst';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    const v = window.localStorage.getItem(KEY);
    return v && analystNameProblem(v.trim()) === null ? v : null;
  } catch {
    return null; // storage refused (a private window's policy)
  }
}

/** Keep the name; returns the problem with it, or null. */
export function saveAnalystName(name: string): string | null {
  const trimmed = name.trim();
  const problem = analystNameProblem(trimmed);
  if (problem) return problem;
  try {
    window.localStorage.setItem(KEY, trimmed);
  } catch {
    return 'this browser does not keep data for this page (storage refused)';
  }
  for (const l of listeners) l();
  return null;
}

export function useAnalystName(): string | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    window.addEventListener('storage', l);
    return () => {
      listeners.delete(l);
      window.removeEventListener('storage', l);
    };
  }, read);
}
