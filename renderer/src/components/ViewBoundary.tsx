// Whatever goes wrong while a view renders (a lazy view's code that cannot load because the server went away, a
// bug), the app stays on screen: the header, the status bar and this note instead of an empty page. While the link
// to the server is down the note says so and the view comes back by itself once it is up again.
import { Component, useEffect, useRef, type ReactNode } from 'react';
import { useConnection, useTransport } from '../api/ApiProvider';
import { errorMessage } from '../api/errors';
import { retryFailedViews } from './lazyView';

interface BoundaryProps {
  /** a new route: try again */
  resetKey: string;
  children: ReactNode;
}

interface BoundaryState {
  error: unknown;
  key: string;
}

export class ViewBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    if (props.resetKey === state.key) return null;
    retryFailedViews();
    return { error: null, key: props.resetKey };
  }

  private readonly retry = () => {
    retryFailedViews();
    this.setState({ error: null });
  };

  override render() {
    if (this.state.error === null) return this.props.children;
    return <ViewUnavailable error={this.state.error} onRetry={this.retry} />;
  }
}

function ViewUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const link = useConnection();
  const transport = useTransport();
  const away = transport === 'http' && link.state !== 'open';
  // back after a loss (the epoch grows), or open again: try once more by itself
  const seen = useRef({ epoch: link.epoch, away });
  useEffect(() => {
    const was = seen.current;
    seen.current = { epoch: link.epoch, away };
    if (!away && (was.away || link.epoch !== was.epoch)) onRetry();
  }, [away, link.epoch, onRetry]);

  return (
    <div className="page view-unavailable" role="alert" aria-live="assertive">
      {away ? (
        <>
          <h1>Reconnecting to the FIM Verdict server…</h1>
          <p>
            This view could not be loaded: the server does not answer. It comes back by itself once the server runs
            again.
          </p>
        </>
      ) : (
        <>
          <h1>This view could not be shown</h1>
          <p className="muted">{errorMessage(error)}</p>
          <div className="button-row">
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
            <button type="button" className="button button--ghost" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          </div>
        </>
      )}
    </div>
  );
}
