// The untriaged count on the app's icon: from the stats at start, then every triage and stats event; an event
// newer than the start's answer wins; a desktop without a badge is logged, not fatal.
import { describe, expect, it } from 'vitest';
import type { ApiEvent, Stats } from '../../../shared/contract';
import { createUntriagedBadge } from '../../../electron/main/badge';

const triage = (untriaged: number): ApiEvent => ({ type: 'triage', files: [], reopened: false, untriaged });
const stats = (untriaged: number): ApiEvent => ({ type: 'stats', stats: { untriaged } as Stats });

describe('the untriaged badge', () => {
  it('starts from the stats and follows triage and stats events, setting each new count once', async () => {
    const set: number[] = [];
    const badge = createUntriagedBadge({
      setBadgeCount: (n) => void set.push(n),
      stats: async () => ({ untriaged: 3 }),
    });
    await badge.start();
    badge.handle(triage(2));
    badge.handle(stats(2));
    badge.handle({ type: 'open-file', hash: 'x' });
    badge.handle(stats(5));
    badge.handle(triage(0));
    expect(set).toEqual([3, 2, 5, 0]);
    expect(badge.shown).toBe(0);
  });

  it('keeps an event that came before the start answered (the answer is older)', async () => {
    const set: number[] = [];
    let answer: (v: { untriaged: number }) => void = () => {};
    const badge = createUntriagedBadge({
      setBadgeCount: (n) => void set.push(n),
      stats: () => new Promise((resolve) => (answer = resolve)),
    });
    const started = badge.start();
    badge.handle(triage(7));
    answer({ untriaged: 1 });
    await started;
    expect(set).toEqual([7]);
  });

  it('logs a desktop that cannot show a badge, and a count it cannot read', async () => {
    const logged: string[] = [];
    const badge = createUntriagedBadge({
      setBadgeCount: () => {
        throw new Error('no launcher');
      },
      stats: async () => {
        throw new Error('engine stopped');
      },
      log: (m) => logged.push(m),
    });
    await badge.start();
    badge.handle(triage(4));
    expect(logged).toEqual([
      '[badge] cannot read the count: engine stopped',
      '[badge] cannot show 4 on the icon: no launcher',
    ]);
  });
});
