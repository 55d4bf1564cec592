// The security plugin's part: HTTP basic authentication against configured internal users (no or wrong
// credentials: its 401 challenge), and index permissions per user (a request touching an index the user may
// not read: 403 security_exception naming the missing action and the user, unless do_not_fail_on_forbidden
// reduces a wildcard to the readable indices).
import { globToRegExp } from './resolve';
import type { IndexState } from './store';

export interface IndexerUser {
  name: string;
  password: string;
  /** index patterns the user may read (search, count, PIT, cat, resolve): index or data stream names; '*' = all */
  read: string[];
  /** may call GET / (cluster:monitor/main); default true */
  clusterMonitor?: boolean;
  backendRoles?: string[];
}

export const DEFAULT_USERS: readonly IndexerUser[] = Object.freeze([
  { name: 'admin', password: 'admin', read: ['*'] },
  {
    name: 'fim-reader',
    password: 'fim-reader-password',
    read: ['wazuh-alerts-4.x-*', 'wazuh-events-v5-*', 'wazuh-states-fim-files'],
  },
  {
    name: 'alerts-only',
    password: 'alerts-only-password',
    read: ['wazuh-alerts-4.x-*'],
  },
]);

/** The user named by an Authorization: Basic header, if the password matches. */
export function authenticate(header: string | undefined, users: readonly IndexerUser[]): IndexerUser | null {
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const name = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return users.find((u) => u.name === name && u.password === password) ?? null;
}

/** The user name a request claimed (for the request log), whether or not it was accepted. */
export function claimedUser(header: string | undefined): string | null {
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

export function mayReadName(user: IndexerUser, name: string): boolean {
  return user.read.some((p) => globToRegExp(p).test(name));
}

export function mayRead(user: IndexerUser, index: IndexState): boolean {
  return mayReadName(user, index.name) || (index.dataStream !== null && mayReadName(user, index.dataStream));
}
