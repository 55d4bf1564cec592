import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { createApiRuntime } from './api/createApi';
import { App } from './App';
import { hrefFor, navigate, normaliseStartRoute } from './hooks/useRoute';
import {
  browserNotificationHost,
  createBrowserNotifier,
  isSilenced,
  localStorageOrNull,
} from './notifications/browserNotifications';
import { applyStoredTheme } from './hooks/useTheme';
import { EngineStore } from './store/engineStore';
import { browserEnvironment } from './store/browserEnvironment';
import { StoreProvider } from './store/StoreProvider';
import './perf';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

applyStoredTheme();
const runtime = createApiRuntime();
normaliseStartRoute();
// browser mode: the browser's own notifications for new malicious files (the desktop app shows native ones)
const notifier =
  runtime.transport === 'http'
    ? createBrowserNotifier({
        host: browserNotificationHost(),
        settingEnabled: async () => (await runtime.api.getSettings({})).notifications,
        silenced: () => isSilenced(localStorageOrNull()),
        open: (hash) => navigate(hash ? hrefFor.file(hash) : hrefFor.live()),
      })
    : null;
const store = new EngineStore(
  runtime.api,
  runtime.connection,
  browserEnvironment({ onVerdict: notifier ? (event) => void notifier.handle(event) : undefined }),
);
// asked before React's first render: the first page of alerts is on its way while the app draws itself, and the
// server answers it before the other first requests (settings, agents) the views make once mounted
store.start();

/**
 * The server drew the Live view's first screen into the page (electron/headless/firstScreen.ts), and the app's first
 * frame replaces it: so that the same rows stay on screen, that frame waits for the first page of alerts and for
 * the app's info (demo or not: the VirusTotal links), at most FIRST_SCREEN_WAIT_MS.
 */
const FIRST_SCREEN_WAIT_MS = 1000;
function firstScreenDataIn(): Promise<void> {
  const ready = () => {
    const s = store.getSnapshot();
    return (store.feed.loaded || store.feed.error !== null) && (s.info !== null || s.infoError !== null);
  };
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const timer = setTimeout(done, FIRST_SCREEN_WAIT_MS);
    const stop = store.subscribe(() => {
      if (ready()) done();
    });
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}
const mount = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApiProvider runtime={runtime}>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </ApiProvider>
    </StrictMode>,
  );

if (document.querySelector('#root > .first-screen')) void firstScreenDataIn().then(mount);
else mount();
