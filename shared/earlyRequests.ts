// The two requests the app makes first under the Live view (its first page of alerts, with no filter, and its info).
// The headless server's first screen sends them as the page loads (electron/headless/firstScreen.ts, the boot
// script) and the app takes their answers (renderer/src/api/httpTransport.ts); a test holds these URLs to the ones
// the app builds (tests/unit/renderer/api/httpTransport.test.ts).
export const FIRST_PAGE_QUERY = 'limit=100&offset=0';
export const EARLY_REQUESTS = [`/api/alerts?${FIRST_PAGE_QUERY}`, '/api/info'] as const;
