// The count of untriaged detections in the window's (tab's) title: "(3) FIM Verdict", "(3) Files — FIM Verdict".
// One count for the page; every title set goes through withTitleCount, and the count changing rewrites the title.
import { useEffect } from 'react';

let count = 0;

/** `title` with the current count in front (and any count it had before taken off). */
export function withTitleCount(title: string): string {
  const bare = title.replace(/^\(\d+\) /, '');
  return count > 0 ? `(${count}) ${bare}` : bare;
}

/** Keep the title's count at `n` (the app shell calls it with the store's untriaged count). */
export function useTitleCount(n: number | null): void {
  useEffect(() => {
    count = n ?? 0;
    document.title = withTitleCount(document.title);
  }, [n]);
}
