// While the analyst reads further down, new rows wait: this pill says how many, and "show" jumps back on top.
import { formatCount } from '../../components/format';
import type { AlertsFeed } from '../../store/alertsFeed';

export function NewAlertsPill({ feed }: { feed: AlertsFeed }) {
  const waiting = feed.waitingCount;
  const show = () => {
    feed.showWaiting();
    feed.rememberScroll(0);
    document.querySelector('.alerts-scroller')?.scrollTo({ top: 0 });
  };
  return (
    <>
      {/* announced once when rows start waiting, not at every new row */}
      <span className="visually-hidden" role="status">
        {waiting > 0 ? 'New alerts are waiting above the table' : ''}
      </span>
      {waiting > 0 ? (
        <button type="button" className="pill" onClick={show}>
          {formatCount(waiting)} new {waiting === 1 ? 'alert' : 'alerts'} — show
        </button>
      ) : null}
    </>
  );
}
