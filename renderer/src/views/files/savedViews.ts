// Saved views of the Files view: a name and the query of its address, kept in this browser (localStorage).
import { useSyncExternalStore } from 'react';

export interface SavedView {
  name: string;
  query: string;
}

const KEY = 'fim-verdict.files.views';
const MAX_VIEWS = 30;
const listeners = new Set<() => void>();
let cache: { raw: string | null; views: SavedView[] } = { raw: null, views: [] };

function read(): SavedView[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return cache.views;
  }
  if (raw === cache.raw) return cache.views;
  let views: SavedView[] = [];
  try {
    const parsed = JSON.parse(raw ?? '[]') as unknown;
    if (Array.isArray(parsed)) {
      views = parsed
        .filter(
          (v): v is SavedView =>
            typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.query === 'string',
        )
        .slice(0, MAX_VIEWS);
    }
  } catch {
    views = [];
  }
  cache = { raw, views };
  return views;
}

function write(views: SavedView[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(views.slice(0, MAX_VIEWS)));
  } catch {
    // storage refused: the views stay as they were
  }
  for (const l of listeners) l();
}

export function saveView(name: string, query: string): void {
  const clean = name.trim().slice(0, 80);
  if (!clean) return;
  write([{ name: clean, query }, ...read().filter((v) => v.name !== clean)]);
}

export function deleteView(name: string): void {
  write(read().filter((v) => v.name !== name));
}

export function useSavedViews(): SavedView[] {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, read);
}
