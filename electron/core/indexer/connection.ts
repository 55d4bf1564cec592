// How to reach an indexer: its URLs, the user and password (bound to those URLs and that trust: see
// shared/indexer.ts passwordMayGoTo), how its certificate is trusted, and the official client built from them.
import type { Client } from '@opensearch-project/opensearch';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { IndexerTrust } from '../../../shared/indexer';
import { IndexerError } from './errors';

export interface IndexerConnection {
  urls: string[];
  username: string;
  password: string;
  trust: IndexerTrust;
  /** per request; default 30 s */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const MAX_CA_BYTES = 1 << 20;

/**
 * The one sentence a CA file that cannot be used gets, whatever the reason. A CA path can be given over the HTTP API
 * (Settings → Sources in the browser), so the reason (missing, unreadable, a folder or a FIFO, not PEM) would tell a
 * token holder whether any path they name exists and what it is: a file-existence oracle with this user's rights.
 * The reason itself goes to the local user only: `CaFileError.detail`, shown by the desktop app's Test connection
 * and written to the engine's log.
 */
export function caFileUnusable(path: string): string {
  return (
    `the CA file ${path} cannot be used: it must be a PEM certificate (-----BEGIN CERTIFICATE-----) in a regular ` +
    'file of at most 1 MiB that FIM Verdict can read'
  );
}

/** A CA file that cannot be used: the message is the same for every reason, `detail` says which (local eyes only). */
export class CaFileError extends IndexerError {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super('config', caFileUnusable(path));
    this.name = 'CaFileError';
  }
}

/**
 * The PEM text of a CA file. Only a regular file of at most 1 MiB is read (a FIFO or a device would block the
 * engine), and nothing of its content ever appears in a message. Throws a CaFileError.
 */
export function readCaFile(path: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new CaFileError(path, `cannot read the CA file ${path}: ${why}`);
  }
  if (!stat.isFile()) throw new CaFileError(path, `the CA file ${path} is not a regular file`);
  if (stat.size > MAX_CA_BYTES) throw new CaFileError(path, `the CA file ${path} is too large for a certificate`);
  let text: string;
  let fd: number | null = null;
  try {
    // opened without blocking and checked again on the handle: a file swapped for a FIFO meanwhile cannot block
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const opened = fs.fstatSync(fd);
    if (!opened.isFile() || opened.size > MAX_CA_BYTES)
      throw new CaFileError(path, `the CA file ${path} is not a regular file of at most 1 MiB`);
    text = fs.readFileSync(fd, 'utf8');
  } catch (e) {
    if (e instanceof CaFileError) throw e;
    throw new CaFileError(path, `cannot read the CA file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new CaFileError(path, `the CA file ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return text;
}

/** Node TLS options for a trust choice: the system store, a CA file, or no check at all. */
export function tlsOptions(trust: IndexerTrust): { ca?: string; rejectUnauthorized: boolean } {
  if (trust.kind === 'insecure') return { rejectUnauthorized: false };
  if (trust.kind === 'ca-file') return { ca: readCaFile(trust.path), rejectUnauthorized: true };
  return { rejectUnauthorized: true };
}

let clientClass: typeof Client | null = null;

/**
 * The official client's class, loaded on first use: loading it takes ~300 ms (its API surface is hundreds of
 * modules), which every start paid before, with or without an indexer source.
 */
function officialClient(): typeof Client {
  if (!clientClass) {
    const load = createRequire(import.meta.url);
    clientClass = (load('@opensearch-project/opensearch') as { Client: typeof Client }).Client;
  }
  return clientClass;
}

/**
 * The official client for a connection. Its own retries are limited to trying the other URLs once each: the
 * source backs off itself and says so ("retrying at hh:mm:ss"), and the client retries 503 at once but never 429.
 * No sniffing (it would learn the nodes' internal addresses, rarely reachable from a workstation). Prototype
 * poisoning protection is off on purpose: it throws away a whole page when one document has a `__proto__` key (a
 * field name any agent's log can carry), and nothing here merges parsed objects (readers use own properties only).
 */
export function createIndexerClient(conn: IndexerConnection): Client {
  return new (officialClient())({
    nodes: conn.urls.map((u) => u.trim()),
    auth: { username: conn.username, password: conn.password },
    ssl: tlsOptions(conn.trust),
    maxRetries: Math.max(0, conn.urls.length - 1),
    requestTimeout: conn.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    sniffOnStart: false,
    sniffOnConnectionFault: false,
    suggestCompression: true,
    disablePrototypePoisoningProtection: true,
  });
}
