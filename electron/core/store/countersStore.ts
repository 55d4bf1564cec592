// Named counters that outlive restarts: requests sent, cache hits, what Wazuh's integration would have spent.
import type { Db } from '../db/database';

export type CounterName = 'lookups' | 'cacheHits' | 'wazuhEquivalentRequests' | string;

export class CountersStore {
  private readonly add: (name: string, by: number) => void;
  private readonly read: (name: string) => number;

  constructor(db: Db) {
    const inc = db.prepare(
      'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value',
    );
    const get = db.prepare('SELECT value FROM counters WHERE name = ?').pluck();
    this.add = (name, by) => void inc.run(name, by);
    this.read = (name) => (get.get(name) as number | undefined) ?? 0;
  }

  increment(name: CounterName, by = 1): void {
    if (by !== 0) this.add(name, by);
  }

  get(name: CounterName): number {
    return this.read(name);
  }
}
