// Raw HTTP access to the test indexer for its own tests (plain HTTP; the TLS cases go through the official
// client in indexerClient.test.ts).
import type { IndexerServer } from '../../emulator/indexer/indexerServer';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function call(
  ix: IndexerServer,
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = basic('admin', 'admin'),
): Promise<RawAnswer> {
  const res = await fetch(ix.url + path, {
    method,
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A small 4.x alert for hand-made cases. */
export function alert(id: string, timestamp: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timestamp,
    rule: {
      level: 7,
      description: 'Integrity checksum changed.',
      id: '550',
      groups: ['ossec', 'syscheck', 'syscheck_file'],
    },
    agent: { id: '001', name: 'web-01' },
    manager: { name: 'wazuh-manager' },
    id,
    syscheck: { path: `/etc/${id}`, event: 'modified', sha256_after: 'a'.repeat(64) },
    location: 'syscheck',
    ...extra,
  };
}
