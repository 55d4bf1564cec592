// What the Live table says when it has no row: loading, nothing matches the filters, no source, or nothing yet.
import type { SourceStatus } from '../../../../shared/contract';
import { EmptyState } from '../../components/EmptyState';
import { hrefFor } from '../../hooks/useRoute';
import { isFiltered, NO_FILTER } from '../../store/alertFilter';
import type { AlertsFeed } from '../../store/alertsFeed';
import { VisibleText } from '../../components/VisibleText';

export function LiveEmpty({ feed, sources }: { feed: AlertsFeed; sources: readonly SourceStatus[] | null }) {
  if (!feed.loaded) {
    return feed.error ? null : (
      <div className="empty" aria-busy="true">
        <p className="empty__text">Loading alerts…</p>
      </div>
    );
  }
  if (isFiltered(feed.filter)) {
    return (
      <EmptyState
        title="No alert matches these filters"
        action={
          <button type="button" className="button" onClick={() => feed.setFilter(NO_FILTER)}>
            Clear filters
          </button>
        }
      />
    );
  }
  if (sources && sources.length === 0) {
    return (
      <EmptyState
        title="No alert source yet"
        action={
          <a className="button button--primary" href={hrefFor.settings('sources')}>
            Add a source in Settings
          </a>
        }
      >
        <p>Add alerts.json or a manager&apos;s logs/alerts folder: FIM alerts appear here as Wazuh writes them.</p>
      </EmptyState>
    );
  }
  const waitingSource = sources?.find((s) => s.state !== 'following' && s.state !== 'catching-up');
  return (
    <EmptyState title="Nothing yet today">
      <p>File Integrity Monitoring alerts appear here the moment Wazuh writes them.</p>
      {waitingSource ? (
        <p className="muted">
          <VisibleText text={waitingSource.message} />
        </p>
      ) : null}
    </EmptyState>
  );
}
