// The store's environment in the page: animation frames, and where a click on a desktop notification leads.
import { hrefFor, navigate } from '../hooks/useRoute';
import type { StoreEnvironment } from './engineStore';

export function browserEnvironment(): StoreEnvironment {
  return {
    requestFrame: (callback) => requestAnimationFrame(callback),
    cancelFrame: (handle) => cancelAnimationFrame(handle),
    onOpenFile: (hash) => navigate(hrefFor.file(hash)),
  };
}
