// The store's environment in the page: animation frames, the benchmark's marks, this tab's sessionStorage, and
// where a click on a desktop notification leads.
import { hrefFor, navigate } from '../hooks/useRoute';
import { markBatchPainted, markFirstPage } from '../perf';
import type { StoreEnvironment } from './engineStore';
import type { KeyValueStorage } from './lookupResults';

/** sessionStorage, or null where the page may not use it (reading the property itself can throw) */
function sessionStorageOrNull(): KeyValueStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function browserEnvironment(): StoreEnvironment {
  return {
    requestFrame: (callback) => requestAnimationFrame(callback),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
    firstPage: markFirstPage,
    batchPainted: markBatchPainted,
    storage: sessionStorageOrNull(),
    onOpenFile: (hash) => navigate(hrefFor.file(hash)),
  };
}
