// View 1: today's figures, then every FIM alert, newest on top, updated live.
import { AlertFilters } from './AlertFilters';
import { AlertsTable } from './AlertsTable';
import { KpiTiles } from './KpiTiles';
import { LiveEmpty } from './LiveEmpty';
import { NewAlertsPill } from './NewAlertsPill';
import { useEngine, useFeed } from '../../store/StoreProvider';
import { ErrorNote } from '../../components/ErrorNote';
import { NO_FILTER } from '../../store/alertFilter';
import './live.css';

export function LiveView() {
  const feed = useFeed();
  const stats = useEngine((s) => s.stats);
  const sources = useEngine((s) => s.sources);
  const showTable = feed.loaded && feed.count > 0;

  return (
    <div className="live">
      <h1 className="visually-hidden">Live alerts</h1>
      <KpiTiles stats={stats} />
      <AlertFilters
        filter={feed.filter}
        count={feed.loaded ? feed.count + feed.waitingCount : null}
        onChange={(change) => feed.setFilter(change === null ? NO_FILTER : { ...feed.filter, ...change })}
      />
      <ErrorNote error={feed.error} onRetry={() => feed.retry()} />
      <div className="live__table">
        <NewAlertsPill feed={feed} />
        {showTable ? <AlertsTable feed={feed} /> : <LiveEmpty feed={feed} sources={sources} />}
      </div>
    </div>
  );
}
