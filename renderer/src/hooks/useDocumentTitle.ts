import { useEffect } from 'react';
import { escapeControls } from '../../../shared/visibleText';

/** The window's (tab's) title while this view is on screen: "<what> — FIM Verdict". */
export function useDocumentTitle(what: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = `${escapeControls(what)} — FIM Verdict`;
    return () => {
      document.title = before;
    };
  }, [what]);
}
