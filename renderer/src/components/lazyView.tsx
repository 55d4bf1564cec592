// Lazy views that can be loaded again. React.lazy keeps a failed import for good, so a view whose chunk could not
// load while the server was away would fail forever; here a view that failed gets a new lazy component when
// retryFailedViews() is called (the error boundary does, once the server is back). Vite's preloader asks for each
// stylesheet once: a <link> that failed is put in again here, so the view comes back styled.
import { lazy, useSyncExternalStore, type ComponentType } from 'react';

const retries = new Set<() => void>();

/** Did this stylesheet load? (One that failed has no sheet, or one whose rules cannot be read.) */
function loaded(link: HTMLLinkElement): boolean {
  try {
    return link.sheet !== null && link.sheet.cssRules.length >= 0;
  } catch {
    return false;
  }
}

/** Stylesheets that did not load: replaced by a new link, which loads them again. */
function reloadFailedStylesheets(): void {
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) {
    if (!loaded(link)) link.replaceWith(link.cloneNode() as HTMLLinkElement);
  }
}

/** Every view whose load failed will be loaded again at its next render. */
export function retryFailedViews(): void {
  reloadFailedStylesheets();
  for (const retry of retries) retry();
}

/** A view loaded on first use (and again after a failed load): a component that renders the loaded one. */
export function retryingLazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let failed = false;
  const make = () =>
    lazy(() =>
      load().then(
        (loaded) => ({ default: loaded }),
        (error: unknown) => {
          failed = true;
          throw error;
        },
      ),
    );
  let current = make();
  const listeners = new Set<() => void>();
  retries.add(() => {
    if (!failed) return;
    failed = false;
    current = make();
    for (const listener of listeners) listener();
  });
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const get = () => current;
  return function RetryingView(props: P) {
    const View = useSyncExternalStore(subscribe, get);
    return <View {...props} />;
  };
}
