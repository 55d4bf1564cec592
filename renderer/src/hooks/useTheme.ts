// Dark and light follow the OS (prefers-color-scheme) unless Settings pins one. The choice is also kept in
// localStorage so the first paint of the next start is already in the right theme.
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'dark' | 'light';
const STORAGE_KEY = 'fimv:theme';
const CHANGE_EVENT = 'fimv:theme-change';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // storage may be off: the theme still applies for this session
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function applyStoredTheme(): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  if (stored === 'dark' || stored === 'light') document.documentElement.dataset.theme = stored;
}

function resolvedTheme(): 'dark' | 'light' {
  const pinned = document.documentElement.dataset.theme;
  if (pinned === 'dark' || pinned === 'light') return pinned;
  return darkQuery().matches ? 'dark' : 'light';
}

function subscribe(listener: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', listener);
  window.addEventListener(CHANGE_EVENT, listener);
  return () => {
    query.removeEventListener('change', listener);
    window.removeEventListener(CHANGE_EVENT, listener);
  };
}

/** The theme on screen now: 'dark' or 'light'. */
export function useResolvedTheme(): 'dark' | 'light' {
  return useSyncExternalStore(subscribe, resolvedTheme);
}
