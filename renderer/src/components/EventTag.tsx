// What happened to the file: added, modified, deleted, or not known (a row built from Wazuh's own VirusTotal
// alert about the file: the FIM alert itself was not read).
import type { AlertItem } from '../../../shared/contract';
import { EVENT_LABELS, UNKNOWN_EVENT_TITLE } from '../../../shared/liveWords';

export function EventTag({ event }: { event: AlertItem['event'] }) {
  return (
    <span className={`event event--${event}`} title={event === 'unknown' ? UNKNOWN_EVENT_TITLE : undefined}>
      {EVENT_LABELS[event]}
    </span>
  );
}
