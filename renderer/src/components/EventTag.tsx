// What happened to the file: added, modified, deleted, or not known (a row built from Wazuh's own VirusTotal
// alert about the file: the FIM alert itself was not read).
import type { AlertItem } from '../../../shared/contract';

export const EVENT_LABELS: Record<AlertItem['event'], string> = {
  added: 'added',
  modified: 'modified',
  deleted: 'deleted',
  unknown: 'from Wazuh',
};

export function EventTag({ event }: { event: AlertItem['event'] }) {
  return (
    <span
      className={`event event--${event}`}
      title={
        event === 'unknown'
          ? 'Known from Wazuh’s own VirusTotal alert about this file: the FIM alert itself was not read'
          : undefined
      }
    >
      {EVENT_LABELS[event]}
    </span>
  );
}
