// "Test connection", first step: can this machine reach each indexer URL, and does it trust the certificate there?
// A bare TCP + TLS handshake per URL answers both apart (the client reports only "cannot connect"), with Node's own
// error codes (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, UNABLE_TO_VERIFY_LEAF_SIGNATURE...). The
// certificate is always verified here, even when the source accepts any certificate, so the answer can say what
// is being accepted blindly.
import net from 'node:net';
import tls from 'node:tls';
import { networkReason, tlsReason } from './errors';

export interface ProbeResult {
  url: string;
  /** a TCP connection was made */
  reachable: boolean;
  /** null: not HTTPS, or not reached */
  trusted: boolean | null;
  /** why not reachable or not trusted, in words */
  reason: string | null;
  /** Node's error code, when there was one */
  code: string | null;
}

function target(url: string): { host: string; port: number; https: boolean } {
  const u = new URL(url.trim());
  const https = u.protocol === 'https:';
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(u.port) || (https ? 443 : 80), https };
}

export function probeUrl(url: string, o: { ca?: string; timeoutMs: number }): Promise<ProbeResult> {
  const { host, port, https } = target(url);
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const finish = (r: Omit<ProbeResult, 'url'>) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ url, ...r });
    };
    const socket: net.Socket = https
      ? tls.connect({ host, port, ca: o.ca, rejectUnauthorized: true, servername: net.isIP(host) ? undefined : host })
      : net.connect({ host, port });
    socket.once('connect', () => {
      connected = true;
      if (!https) finish({ reachable: true, trusted: null, reason: null, code: null });
    });
    socket.once('secureConnect', () => finish({ reachable: true, trusted: true, reason: null, code: null }));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? null;
      const why = tlsReason(code ?? '') ?? tlsReason(e.message);
      if (connected && why) return finish({ reachable: true, trusted: false, reason: why, code });
      finish({ reachable: connected, trusted: null, reason: networkReason(code ?? e.message), code });
    });
    socket.setTimeout(o.timeoutMs, () =>
      finish({
        reachable: connected,
        trusted: null,
        reason: connected ? 'the TLS handshake got no answer' : `no answer within ${o.timeoutMs / 1000} s`,
        code: 'ETIMEDOUT',
      }),
    );
  });
}
