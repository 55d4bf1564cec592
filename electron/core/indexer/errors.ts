// What went wrong talking to the indexer, as one typed error with a sentence an analyst understands. The official
// client keeps only the message of a network or TLS failure (its ConnectionError drops Node's error code), so the
// TLS reasons are read from Node's messages, which are OpenSSL's verify strings; tlsProbe.ts gets the codes
// themselves. HTTP answers are read from OpenSearch's error bodies (`error.root_cause[0].reason`) or the security
// plugin's plain-text ones ("Unauthorized", "OpenSearch Security not initialized.").
// the client's error classes alone: the package's index loads the whole client (~300 ms), see connection.ts
import * as errors from '@opensearch-project/opensearch/lib/errors.js';
import type { IndexerProblem } from '../../../shared/indexer';
import { oneLine } from '../wazuh/coerce';

/** Internal problems the pager handles itself (a point in time that expired, an indexer without them). */
export type PagerProblem = 'pit-missing' | 'pit-unsupported';

export class IndexerError extends Error {
  constructor(
    readonly problem: IndexerProblem | PagerProblem,
    message: string,
    /** the HTTP status, when there was an answer */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'IndexerError';
  }
}

const TLS_REASONS: [RegExp, string][] = [
  [/CERT_HAS_EXPIRED|certificate has expired/i, 'the certificate has expired'],
  [/CERT_NOT_YET_VALID|certificate is not yet valid/i, 'the certificate is not valid yet (check both clocks)'],
  [
    /ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match/i,
    "the certificate is for another host name than the URL's (use the name it was issued for)",
  ],
  [
    /DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|self[- ]signed certificate/i,
    "it is signed by an unknown certificate authority: give the indexer's CA file (Wazuh's root-ca.pem)",
  ],
  [
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|unable to verify the first certificate|unable to get (local )?issuer certificate/i,
    "it is signed by an unknown certificate authority: give the indexer's CA file (Wazuh's root-ca.pem)",
  ],
  [/CERT_REVOKED|certificate revoked/i, 'the certificate has been revoked'],
  [/CERT_SIGNATURE_FAILURE|certificate signature failure/i, "the certificate's signature does not verify"],
  [/ERR_SSL_|SSL routines|alert handshake failure|no shared cipher/i, 'the TLS handshake failed'],
];

/** The reason a certificate is not trusted, from Node's error code or message; null when it is not a TLS refusal. */
export function tlsReason(codeOrMessage: string): string | null {
  // a plain-HTTP server answering a TLS hello: the scheme is wrong, not the certificate
  if (/WRONG_VERSION_NUMBER|wrong version number|packet length too long/i.test(codeOrMessage)) return null;
  for (const [pattern, reason] of TLS_REASONS) if (pattern.test(codeOrMessage)) return reason;
  return null;
}

const NETWORK_REASONS: [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection refused (is the indexer running, and is the port right? it is usually 9200)'],
  [/ENOTFOUND|EAI_AGAIN/, 'host name not found'],
  [/EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL/, 'no route to the host'],
  [/ETIMEDOUT/, 'the connection timed out'],
  [
    /WRONG_VERSION_NUMBER|wrong version number|EPROTO|packet length too long/i,
    'the address does not speak HTTPS (is it http://?)',
  ],
  [
    /ECONNRESET|socket hang up/i,
    'the connection was closed by the other side (if the indexer uses HTTPS, use https://)',
  ],
];

/** A network failure in words (connection refused, host not found...). */
export function networkReason(codeOrMessage: string): string {
  for (const [pattern, reason] of NETWORK_REASONS) if (pattern.test(codeOrMessage)) return reason;
  return oneLine(codeOrMessage, 140);
}

/** The reason OpenSearch gave in an error answer (JSON or plain text), on one short line. */
export function answerReason(body: unknown): string {
  if (typeof body === 'string') return oneLine(body, 200);
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return oneLine(error, 200);
  const e = error as { root_cause?: { type?: unknown; reason?: unknown }[]; type?: unknown; reason?: unknown } | null;
  const root = Array.isArray(e?.root_cause) ? e.root_cause[0] : undefined;
  const reason = root?.reason ?? e?.reason;
  const type = root?.type ?? e?.type;
  if (typeof reason === 'string') return oneLine(typeof type === 'string' ? `${type}: ${reason}` : reason, 200);
  return 'no reason given';
}

function errorType(body: unknown): string {
  const e = (body as { error?: { root_cause?: { type?: unknown }[]; type?: unknown } } | null)?.error;
  if (!e || typeof e !== 'object') return '';
  const root = Array.isArray(e.root_cause) ? e.root_cause[0]?.type : undefined;
  return `${typeof root === 'string' ? root : ''} ${typeof e.type === 'string' ? e.type : ''}`;
}

export interface ErrorContext {
  /** what was read (an index pattern), for "forbidden: this user cannot read <index>" */
  index: string;
  /** the client's request timeout, for "no answer within N s" */
  timeoutMs: number;
}

function fromResponse(e: errors.ResponseError, ctx: ErrorContext): IndexerError {
  const status = e.statusCode ?? 0;
  const body = e.body as unknown;
  const reason = answerReason(body);
  if (status === 401) return new IndexerError('credentials', 'credentials refused (401)', 401);
  if (status === 403) {
    const cluster = /cluster:monitor/.test(reason);
    const what = cluster ? "the cluster's information" : ctx.index;
    return new IndexerError('forbidden', `forbidden: this user cannot read ${what} (403)`, 403);
  }
  const type = errorType(body);
  if (status === 404 && /search_context_missing_exception/.test(type))
    return new IndexerError('pit-missing', 'the point in time expired', 404);
  if ([400, 404, 405].includes(status) && /no handler found/.test(reason))
    return new IndexerError('pit-unsupported', `this indexer has no such API (${status})`, status);
  if (status === 404 && /index_not_found_exception/.test(type))
    return new IndexerError('no-index', `${ctx.index} does not exist on this indexer (404)`, 404);
  if ([429, 502, 503, 504].includes(status))
    return new IndexerError('overloaded', `rate-limited or overloaded (${status})`, status);
  if (status >= 500) return new IndexerError('server-error', `the indexer failed (${status}): ${reason}`, status);
  return new IndexerError('bad-request', `the indexer refused the request (${status}): ${reason}`, status);
}

/** Any failure of a client call, as an IndexerError. */
export function toIndexerError(e: unknown, ctx: ErrorContext): IndexerError {
  if (e instanceof IndexerError) return e;
  if (e instanceof errors.ResponseError) return fromResponse(e, ctx);
  if (e instanceof errors.TimeoutError)
    return new IndexerError('timeout', `no answer within ${Math.round(ctx.timeoutMs / 100) / 10} s`);
  if (e instanceof errors.DeserializationError)
    return new IndexerError('bad-answer', `the indexer's answer is not readable JSON: ${oneLine(e.message, 120)}`);
  if (e instanceof errors.ConfigurationError)
    return new IndexerError('config', `the connection settings are not usable: ${oneLine(e.message, 140)}`);
  if (e instanceof errors.NoLivingConnectionsError)
    return new IndexerError('unreachable', 'cannot connect: none of the indexer addresses answers');
  if (e instanceof errors.ConnectionError || e instanceof Error) {
    const message = e.message ?? '';
    const tls = tlsReason(message);
    if (tls) return new IndexerError('certificate', `certificate not trusted: ${tls}`);
    return new IndexerError('unreachable', `cannot connect: ${networkReason(message)}`);
  }
  return new IndexerError('unreachable', 'cannot connect');
}
