// The store's environment in the page: animation frames, the benchmark's marks, and where a click on a desktop
// notification leads.
import { hrefFor, navigate } from '../hooks/useRoute';
import { markBatchPainted, markFirstPage } from '../perf';
import type { StoreEnvironment } from './engineStore';

export function browserEnvironment(): StoreEnvironment {
  return {
    requestFrame: (callback) => requestAnimationFrame(callback),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
    firstPage: markFirstPage,
    batchPainted: markBatchPainted,
    onOpenFile: (hash) => navigate(hrefFor.file(hash)),
  };
}
