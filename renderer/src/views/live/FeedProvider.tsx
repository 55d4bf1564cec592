// One AlertsFeed for the app's lifetime: the Live view keeps its rows, filters and place across route changes,
// and catches up after the event stream comes back.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useApi, useConnectionEpoch } from '../../api/ApiProvider';
import { AlertsFeed } from './alertsFeed';

const FeedContext = createContext<AlertsFeed | null>(null);

export function FeedProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [feed] = useState(() => new AlertsFeed(api));
  const seenEpoch = useRef(epoch);

  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);

  useEffect(() => {
    if (epoch === seenEpoch.current) return;
    seenEpoch.current = epoch;
    feed.catchUp();
  }, [feed, epoch]);

  return <FeedContext.Provider value={feed}>{children}</FeedContext.Provider>;
}

/** The feed, and a re-render whenever it changes. */
export function useFeed(): AlertsFeed {
  const feed = useContext(FeedContext);
  if (!feed) throw new Error('FeedProvider is missing');
  useSyncExternalStore(feed.subscribe, feed.getVersion);
  return feed;
}
