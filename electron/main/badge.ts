// The count of untriaged detections on the app's icon: the dock badge on macOS, the launcher badge on Linux
// desktops that show one (Unity's API), through app.setBadgeCount. It follows the engine's triage and stats events
// (both carry the count) and starts from the stats. 0 clears it. The window's title carries the count too
// (the renderer's "(3) FIM Verdict"), which is what Windows' taskbar shows.
import type { ApiEvent, Stats } from '../../shared/contract';

export interface BadgeDeps {
  /** app.setBadgeCount (false or a throw where the desktop has no badge: nothing else to do) */
  setBadgeCount(count: number): boolean | void;
  /** the stats now (getStats), for the count at start */
  stats(): Promise<Pick<Stats, 'untriaged'>>;
  log?: (message: string) => void;
}

export interface UntriagedBadge {
  handle(event: ApiEvent): void;
  start(): Promise<void>;
  /** the count last put on the icon (-1: none yet) */
  readonly shown: number;
}

export function countOf(event: ApiEvent): number | null {
  if (event.type === 'triage') return event.untriaged;
  if (event.type === 'stats') return event.stats.untriaged;
  return null;
}

export function createUntriagedBadge(deps: BadgeDeps): UntriagedBadge {
  let shown = -1;
  let heard = false;
  const show = (count: number) => {
    if (count === shown) return;
    shown = count;
    try {
      deps.setBadgeCount(count);
    } catch (error) {
      deps.log?.(`[badge] cannot show ${count} on the icon: ${(error as Error).message}`);
    }
  };
  return {
    handle(event) {
      const count = countOf(event);
      if (count === null) return;
      heard = true;
      show(count);
    },
    async start() {
      try {
        const stats = await deps.stats();
        if (!heard) show(stats.untriaged); // an event that came meanwhile is newer
      } catch (error) {
        deps.log?.(`[badge] cannot read the count: ${(error as Error).message}`);
      }
    },
    get shown() {
      return shown;
    },
  };
}
