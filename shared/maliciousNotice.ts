// A notice when a file turns malicious (the answer before it was not malicious), for the desktop app's native
// notifications (electron/main/notifications.ts) and the browser's (renderer/src/notifications): which events
// count, what the notice says, and a cap on bursts (a backfill finding many at once: after a few, one summary says
// how many more). Pure: the caller shows the notice and opens the file.
import type { ApiEvent } from './contract';
import { escapeControls } from './visibleText';

type VerdictEvent = Extract<ApiEvent, { type: 'verdict' }>;

export interface NotificationSpec {
  title: string;
  body: string;
  /** the file to open on click; null: only bring the window up */
  hash: string | null;
}

export interface NotifierDeps {
  /** reads settings.notifications (asked each time, so a change applies at once) */
  isEnabled(): Promise<boolean>;
  show(spec: NotificationSpec, onClick: () => void): void;
  openFile(hash: string | null): void;
  burst?: { max: number; windowMs: number };
  log?: (message: string) => void;
}

export function turnedMalicious(event: ApiEvent): event is VerdictEvent {
  return event.type === 'verdict' && event.verdict.state === 'malicious' && event.previousState !== 'malicious';
}

export function describeMalicious(event: VerdictEvent): NotificationSpec {
  const hash = event.sha256 ?? event.sha1 ?? event.md5;
  const { positives, total } = event.verdict;
  const score = positives !== null && total !== null ? ` (${positives}/${total} engines)` : '';
  // a path can hold a right-to-left override or a newline: shown as \u202E, never acting on the text
  const path = event.path === null ? null : escapeControls(event.path);
  const fileName = path ? path.split(/[\\/]/).pop() || path : null;
  return {
    title: `Malicious file${fileName ? `: ${fileName}` : ''}`,
    body: `${path ?? hash ?? 'a file'}${score}`,
    hash,
  };
}

export function createMaliciousNotifier(deps: NotifierDeps): {
  handle(event: ApiEvent): Promise<void>;
  dispose(): void;
} {
  const { max, windowMs } = deps.burst ?? { max: 3, windowMs: 30_000 };
  const shownAt: number[] = [];
  let held = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    if (held === 0) return;
    const count = held;
    held = 0;
    const spec = {
      title: `${count} more file${count === 1 ? '' : 's'} turned malicious`,
      body: 'Open FIM Verdict to see them in the Live view.',
      hash: null,
    };
    deps.show(spec, () => deps.openFile(null));
  };

  return {
    async handle(event) {
      if (!turnedMalicious(event)) return;
      let enabled = true;
      try {
        enabled = await deps.isEnabled();
      } catch (error) {
        deps.log?.(`[notify] cannot read the notifications setting: ${(error as Error).message}`);
      }
      if (!enabled) return;
      const now = Date.now();
      while (shownAt.length > 0 && now - shownAt[0] >= windowMs) shownAt.shift();
      if (shownAt.length >= max) {
        held += 1;
        timer ??= setTimeout(flush, windowMs);
        return;
      }
      shownAt.push(now);
      const spec = describeMalicious(event);
      deps.show(spec, () => deps.openFile(spec.hash));
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
