// Where Wazuh 5's queue socket may be (the Settings field and --wazuh-socket): an absolute path without control
// characters, short enough to be a Unix socket's, and, when something is there now, a socket. Nothing there is fine:
// the manager may be stopped, and the output waits for the socket ("retrying").
import fs from 'node:fs';
import { wazuhSocketShapeProblem } from '../../../shared/settings';

/** Why `socketPath` cannot be the queue socket, or null when it may. */
export function wazuhSocketPathProblem(socketPath: string): string | null {
  const shape = wazuhSocketShapeProblem(socketPath);
  if (shape) return shape;
  let entry: fs.Stats;
  try {
    entry = fs.statSync(socketPath);
  } catch {
    return null; // not there now: waited for
  }
  if (entry.isDirectory()) return 'it is a folder: give the socket inside it (queue-http.sock)';
  if (!entry.isSocket()) return 'it is not a socket (Wazuh 5’s is /var/wazuh-manager/queue/sockets/queue-http.sock)';
  return null;
}
