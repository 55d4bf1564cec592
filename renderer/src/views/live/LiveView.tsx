// View 1: today's figures, then every FIM alert, newest on top, updated live. Rows select their files: the bulk bar
// (files/BulkBar.tsx, as in the Files view) marks, rescans, copies, exports or allowlists them.
import { useState } from 'react';
import { BulkBar } from '../files/BulkBar';
import { EMPTY_SELECTION, type Selection } from '../../components/selection';
import { AlertFilters } from './AlertFilters';
import { AlertsTable } from './AlertsTable';
import { JumpTo } from './JumpTo';
import { KpiTiles } from './KpiTiles';
import { LiveEmpty } from './LiveEmpty';
import { NewAlertsPill } from './NewAlertsPill';
import { useEngine, useFeed } from '../../store/StoreProvider';
import { ErrorNote } from '../../components/ErrorNote';
import { NO_FILTER } from '../../store/alertFilter';
import '../../components/rowsTable.css';
import './live.css';

export function LiveView() {
  const feed = useFeed();
  const stats = useEngine((s) => s.stats);
  const sources = useEngine((s) => s.sources);
  const showTable = feed.loaded && feed.count > 0;
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);

  return (
    <div className="live">
      <h1 className="visually-hidden">Live alerts</h1>
      <KpiTiles stats={stats} />
      <div className="live__bar">
        <AlertFilters
          filter={feed.filter}
          count={feed.loaded ? feed.count + feed.waitingCount : null}
          onChange={(change) => feed.setFilter(change === null ? NO_FILTER : { ...feed.filter, ...change })}
        />
        {showTable ? <JumpTo feed={feed} /> : null}
      </div>
      <ErrorNote error={feed.error} onRetry={() => feed.retry()} />
      <BulkBar hashes={[...selection.keys]} onClear={() => setSelection(EMPTY_SELECTION)} />
      <div className="table-panel live__table">
        <NewAlertsPill feed={feed} />
        {showTable ? (
          <AlertsTable feed={feed} selection={selection} onSelection={setSelection} />
        ) : (
          <LiveEmpty feed={feed} sources={sources} />
        )}
      </div>
    </div>
  );
}
