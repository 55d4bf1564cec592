// The live link to the engine's event stream. Views read `epoch` and refetch what they show when it changes:
// it grows each time the stream comes back after an interruption (events may have been missed meanwhile).
export type LinkState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionSnapshot {
  state: LinkState;
  epoch: number;
  /** when the stream was last lost (ms since epoch), for "reconnecting since …" */
  lostAt: number | null;
}

export interface Connection {
  get(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
}

export interface MutableConnection extends Connection {
  set(next: Partial<ConnectionSnapshot>): void;
}

export function createConnection(initial: LinkState): MutableConnection {
  let snapshot: ConnectionSnapshot = { state: initial, epoch: 0, lostAt: null };
  const listeners = new Set<() => void>();
  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      snapshot = { ...snapshot, ...next };
      for (const listener of listeners) listener();
    },
  };
}
