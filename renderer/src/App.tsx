// The shell: header with the views, the DEMO banner, notices, the view of the route, the status bar, dialogs,
// and the global keys (`/` search, Esc back/close).
import { Suspense, useEffect, useRef, useState } from 'react';
import { useApi } from './api/ApiProvider';
import { goBack, hrefFor, navigate, useRoute, type Route } from './hooks/useRoute';
import { useQuery } from './hooks/useQuery';
import { focusSearch } from './hooks/useSearchShortcut';
import { applyTheme } from './hooks/useTheme';
import { ApiCallError } from '../../shared/apiError';
import { useEngine } from './store/StoreProvider';
import { retryingLazy } from './components/lazyView';
import { ViewBoundary } from './components/ViewBoundary';
import { AboutDialog } from './views/about/AboutDialog';
import { LiveView } from './views/live/LiveView';
import { DiagnosticsDialog } from './views/status/DiagnosticsDialog';
import { UntriagedCount } from './views/triage/UntriagedCount';
import { useTitleCount } from './hooks/titleCount';
import { StatusBar } from './views/status/StatusBar';
import { DEMO_BANNER } from '../../shared/liveWords';

// Live is in the first bundle (first rows fast); the other views, Chart.js and hash-wasm load when first opened,
// and load again after a failure (the server was away): components/lazyView.ts.
const FileView = retryingLazy(() => import('./views/file/FileView').then((m) => m.FileView));
const FilesView = retryingLazy(() => import('./views/files/FilesView').then((m) => m.FilesView));
const HistoryView = retryingLazy(() => import('./views/history/HistoryView').then((m) => m.HistoryView));
const LookupView = retryingLazy(() => import('./views/lookup/LookupView').then((m) => m.LookupView));
const SettingsView = retryingLazy(() => import('./views/settings/SettingsView').then((m) => m.SettingsView));

const NAV: { view: Route['view']; label: string; href: string }[] = [
  { view: 'live', label: 'Live', href: hrefFor.live() },
  { view: 'files', label: 'Files', href: hrefFor.files() },
  { view: 'lookup', label: 'Look up', href: hrefFor.lookup() },
  { view: 'history', label: 'History', href: hrefFor.history() },
  { view: 'settings', label: 'Settings', href: hrefFor.settings() },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'live':
      return <LiveView />;
    case 'file':
      return <FileView key={route.hash} hash={route.hash} />;
    case 'files':
      return <FilesView query={route.query} />;
    case 'lookup':
      return <LookupView />;
    case 'history':
      return <HistoryView />;
    case 'settings':
      return <SettingsView section={route.section} />;
  }
}

/** Opened without the token (or with an old one): say how to get in, instead of a page of errors. */
function SignedOut() {
  return (
    <main className="signed-out">
      <h1>FIM Verdict needs its address with the token</h1>
      <p>
        Open the address the headless server printed when it started, the one ending in <code>?token=…</code>. It signs
        this browser in; the token then stays out of the address bar.
      </p>
      <p className="muted">
        Started it with <code>npm start</code> (without a display) or <code>npm run headless</code>? Its first line of
        output is that address.
      </p>
    </main>
  );
}

export function App() {
  const api = useApi();
  const route = useRoute();
  const info = useEngine((s) => s.info);
  const infoError = useEngine((s) => (s.info ? null : s.infoError));
  const stats = useEngine((s) => s.stats);
  const untriaged = useEngine((s) => s.untriaged);
  useTitleCount(untriaged);
  const [dialog, setDialog] = useState<'about' | 'diagnostics' | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  // the theme chosen in Settings (the OS's until then)
  const theme = useQuery('theme', () => api.getSettings({})).data?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);

  // a new view: the keyboard goes to its heading unless the view placed it (Live puts it back on its row)
  const viewKey = route.view === 'file' ? `file:${route.hash}` : route.view;
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && mainRef.current?.contains(active)) return;
      const heading = mainRef.current?.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [viewKey]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/' && !isTyping(event.target)) {
        event.preventDefault();
        if (!focusSearch()) navigate(hrefFor.live());
        return;
      }
      if (event.key === 'Escape') {
        if (document.querySelector('dialog[open]')) return; // the dialog closes itself
        if (route.view === 'file' && !isTyping(event.target)) {
          event.preventDefault();
          goBack();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.view]);

  if (infoError instanceof ApiCallError && infoError.body.code === 'unauthorized') return <SignedOut />;

  const demo = info?.demo ?? stats?.demo ?? false;
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        Skip to content
      </a>
      {demo ? (
        <div className="demo-banner" role="note" aria-label="Demo mode">
          {DEMO_BANNER}
        </div>
      ) : null}
      <header className="appbar">
        <a className="appbar__brand" href={hrefFor.live()}>
          <span className="appbar__logo" aria-hidden="true" />
          <span className="appbar__name">FIM Verdict</span>
        </a>
        <nav className="appbar__nav" aria-label="Views">
          {NAV.map((item) => (
            <a
              key={item.view}
              href={item.href}
              className="appbar__link"
              aria-current={route.view === item.view ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <UntriagedCount count={untriaged} />
        <button type="button" className="button button--ghost" onClick={() => setDialog('about')}>
          About
        </button>
      </header>
      {stats?.vtStatus === 'no-key' && route.view !== 'settings' ? (
        <div className="notice" role="note">
          <span>Add your VirusTotal API key in Settings: until then alerts are stored and queued, not looked up.</span>
          <a className="button button--small button--primary" href={hrefFor.settings('virustotal')}>
            Open Settings
          </a>
        </div>
      ) : null}
      <main id="main" ref={mainRef} tabIndex={-1} className={`main main--${route.view}`}>
        <ViewBoundary resetKey={viewKey}>
          <Suspense fallback={<p className="page muted">Loading…</p>}>
            <CurrentView route={route} />
          </Suspense>
        </ViewBoundary>
      </main>
      <StatusBar onDiagnostics={() => setDialog('diagnostics')} />
      <AboutDialog open={dialog === 'about'} onClose={() => setDialog(null)} />
      <DiagnosticsDialog open={dialog === 'diagnostics'} onClose={() => setDialog(null)} />
    </div>
  );
}
