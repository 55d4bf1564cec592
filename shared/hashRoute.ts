// The app's hash routes (#/live, #/file/<hash>, #/files?<filters>, #/lookup, #/history, #/settings[/<section>]):
// the renderer routes by them (renderer/src/hooks/useRoute.ts), and the headless server's first screen is shown
// only under an address that is Live (electron/headless/firstScreen.ts, tested against this). Pure.
export type Route =
  | { view: 'live' }
  | { view: 'file'; hash: string }
  /** the Files view; its filters and sort are the query (views/files/filesQuery.ts), so a reload or a link keeps them */
  | { view: 'files'; query: string }
  | { view: 'lookup' }
  | { view: 'history' }
  | { view: 'settings'; section: string | null };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/');
  switch (parts[0]) {
    case 'files':
      return { view: 'files', query };
    case 'file':
      return parts[1] ? { view: 'file', hash: decodeURIComponent(parts[1]) } : { view: 'live' };
    case 'lookup':
      return { view: 'lookup' };
    case 'history':
      return { view: 'history' };
    case 'settings':
      return { view: 'settings', section: parts[1] ? decodeURIComponent(parts[1]) : null };
    default:
      return { view: 'live' };
  }
}
