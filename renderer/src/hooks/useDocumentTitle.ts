import { useEffect } from 'react';
import { escapeControls } from '../../../shared/visibleText';
import { withTitleCount } from './titleCount';

/** The window's (tab's) title while this view is on screen: "<what> — FIM Verdict". */
export function useDocumentTitle(what: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = withTitleCount(`${escapeControls(what)} — FIM Verdict`);
    return () => {
      document.title = withTitleCount(before);
    };
  }, [what]);
}
