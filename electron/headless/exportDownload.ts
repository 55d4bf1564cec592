// The history download over HTTP: the body streams a page of the database at a time, each page written once the
// reader took the one before (backpressure), so memory stays at one page whatever the history holds.
import type { ServerResponse } from 'node:http';
import { apiContract, describeZodError } from '../../shared/contract';
import type { ApiBackend } from '../core/api/types';
import type { Logger } from '../core/engineTypes';
import { sendError, setSecurityHeaders } from './http';

export function attachmentName(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'export';
  return `attachment; filename="${safe}"`;
}

/** Until the response can take more (or is closed: the loop then sees it gone). */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The history download, a page of the database at a time, each written when the reader took the one before. */
export async function sendExportDownload(
  res: ServerResponse,
  rawInput: unknown,
  exports: NonNullable<ApiBackend['exports']>,
  log: Logger,
): Promise<void> {
  const parsed = apiContract.exportHistory.input.safeParse(rawInput ?? {});
  if (!parsed.success) return sendError(res, 400, describeZodError(parsed.error));
  const stream = exports.history(parsed.data);
  const chunks = stream.chunks[Symbol.iterator]();
  let next = chunks.next(); // the first page read before the headers: a failing query is still a clean 500
  setSecurityHeaders(res, false);
  res.writeHead(200, {
    'Content-Type': stream.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Disposition': attachmentName(stream.filename),
    'Cache-Control': 'no-store',
  });
  let gone = false;
  res.once('close', () => (gone = true));
  try {
    while (!next.done) {
      if (gone) {
        chunks.return?.(); // the reader left: stop reading the database
        return;
      }
      if (!res.write(next.value, 'utf8')) await writable(res);
      next = chunks.next();
    }
  } catch (error) {
    // a page failed halfway: the reader sees a cut connection, never a body that looks complete
    log.error(`the history export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res.destroy();
    return;
  }
  res.end();
}
