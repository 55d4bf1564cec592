// A desktop notification when a file turns malicious (the answer before it was not malicious). The Settings
// switch `notifications` turns them off. A click brings the window up on that file's page. A burst (a backfill
// finding many at once) is capped: after a few, one summary says how many more turned malicious.
import { Notification } from 'electron';
import type { NotificationSpec } from '../../shared/maliciousNotice';

// the rule and the words are shared with the browser's notifications
export {
  createMaliciousNotifier,
  describeMalicious,
  turnedMalicious,
  type NotificationSpec,
  type NotifierDeps,
} from '../../shared/maliciousNotice';

/** Shows an Electron notification, kept referenced until closed so its click handler survives GC. */
const live = new Set<Notification>();
export function showNativeNotification(spec: NotificationSpec, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: spec.title, body: spec.body });
  live.add(n);
  n.on('click', () => {
    live.delete(n);
    onClick();
  });
  n.on('close', () => live.delete(n));
  n.show();
}
