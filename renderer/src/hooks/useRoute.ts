// Hash routes (work the same from file:// in Electron and from the headless server):
// #/live, #/file/<hash>, #/files?<filters>, #/lookup, #/history, #/settings
import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from '../../../shared/hashRoute';

// the routes are parsed in shared/hashRoute.ts: the headless server's first screen (its boot script) agrees with them
export { parseRoute, type Route };

export const hrefFor = {
  live: () => '#/live',
  file: (hash: string) => `#/file/${encodeURIComponent(hash)}`,
  files: (query = '') => (query ? `#/files?${query}` : '#/files'),
  lookup: () => '#/lookup',
  history: () => '#/history',
  settings: (section?: string) => (section ? `#/settings/${encodeURIComponent(section)}` : '#/settings'),
};

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

// the route before the current one, when the analyst got here by navigating inside the app
let previousHash: string | null = null;
let currentHash = window.location.hash;

/** At start: an address without a route shows Live, and says so (#/live), so that "back" lands there too. */
export function normaliseStartRoute(): void {
  if (window.location.hash === '' || window.location.hash === '#') {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#/live`);
  }
  currentHash = window.location.hash;
}
window.addEventListener('hashchange', () => {
  previousHash = currentHash;
  currentHash = window.location.hash;
});

/** Back to where the analyst came from inside the app (keeping the Live view's place), else to Live. */
export function goBack(): void {
  if (previousHash !== null && parseRoute(previousHash).view !== 'file') window.history.back();
  else navigate(hrefFor.live());
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
const getHash = () => window.location.hash;

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash));
}
