// Bytes in and out: request bodies (gzip accepted, as the client's `compression: 'gzip'` sends them), JSON
// parse errors in OpenSearch's shape, answers serialized like OpenSearch's (a Long.MAX_VALUE sort value is
// written as the full 64-bit number, which JavaScript's JSON.parse then rounds), `pretty` and `filter_path`.
import type http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { errorReply, ReplyError } from './errors';

const MAX_BODY = 100 * 1024 * 1024;

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.alloc(0)));
  });
}

/** The JSON body (undefined when empty); a malformed one is OpenSearch's 400 json_parse_exception. */
export function parseBody(raw: Buffer, encoding: string | undefined, sourceParam: string | null): unknown {
  let bytes = raw;
  if (encoding && /gzip/i.test(encoding) && bytes.length > 0) bytes = gunzipSync(bytes);
  let text = bytes.toString('utf8');
  if (text.trim() === '' && sourceParam) text = sourceParam;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = `Unexpected character: ${e instanceof Error ? e.message : String(e)}`;
    throw new ReplyError(errorReply(400, { type: 'json_parse_exception', reason }));
  }
}

/** JSON text; BigInt values (Long.MAX_VALUE/MIN_VALUE sort values) written as plain numbers. */
export function serialize(body: unknown, pretty: boolean): string {
  const text = JSON.stringify(
    body,
    (_k, v: unknown) =>
      typeof v === 'bigint'
        ? `__bigint__${v.toString()}__`
        : v === Infinity
          ? 'Infinity'
          : v === -Infinity
            ? '-Infinity'
            : v,
    pretty ? 2 : undefined,
  );
  return text.replace(/"__bigint__(-?\d+)__"/g, '$1');
}

/** `filter_path=hits.hits._id,hits.total` (with `*` per segment and `**` for any depth). */
export function filterPath(body: unknown, spec: string | null): unknown {
  if (!spec) return body;
  const paths = spec.split(',').map((p) => p.trim().split('.'));
  const keep = (node: unknown, pats: string[][]): unknown => {
    if (Array.isArray(node)) {
      const items = node.map((i) => keep(i, pats)).filter((i) => i !== undefined);
      return items.length ? items : undefined;
    }
    if (pats.some((p) => p.length === 0)) return node;
    if (node === null || typeof node !== 'object') return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const next: string[][] = [];
      for (const p of pats) {
        const re = new RegExp(`^${p[0].replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
        if (p[0] === '**') next.push(p, p.slice(1));
        else if (re.test(k)) next.push(p.slice(1));
      }
      if (next.length === 0) continue;
      const child = keep(v, next);
      if (child !== undefined) out[k] = child;
    }
    return Object.keys(out).length ? out : undefined;
  };
  return keep(body, paths) ?? {};
}
