// The exports' download over HTTP (`?download=1` on the Live alerts, Files and History exports): the body streams a
// page of the database at a time, each page written once the reader took the one before (backpressure), so memory
// stays at one page whatever the export holds. The reader leaving stops the reading; a page failing cuts the
// connection (never a body that looks complete).
import type { ServerResponse } from 'node:http';
import { apiContract, describeZodError, type ApiParsedInput } from '../../shared/contract';
import type { ExportMethod } from '../../shared/exports';
import { ApiError } from '../core/base/apiError';
import { yieldToLoop } from '../core/base/runtime';
import { openExport, type ExportStream, type ExportStreams } from '../core/api/exportStream';
import { HTTP_STATUS_BY_CODE } from '../core/api/types';
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

/**
 * The most the download holds the server's thread between two turns of its event loop. On loopback a page written
 * is often taken at once (the write completes, 'drain' comes before any other I/O is looked at), so without a
 * turn an export of a year of alerts held every other request for its whole length (minutes at 10M alerts).
 */
const TURN_MS = 20;

const WHAT: Record<ExportMethod, string> = {
  exportAlerts: 'alerts',
  exportFiles: 'files',
  exportHistory: 'history',
};

function described(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** One export's download, a page of the database at a time, each written when the reader took the one before. */
export async function sendExportDownload(
  res: ServerResponse,
  method: ExportMethod,
  rawInput: unknown,
  exports: ExportStreams,
  log: Logger,
): Promise<void> {
  const parsed = apiContract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) return sendError(res, 400, describeZodError(parsed.error));
  let stream: ExportStream;
  let chunks: Iterator<string>;
  let next: IteratorResult<string>;
  try {
    stream = openExport(exports, method, parsed.data as ApiParsedInput<typeof method>);
    chunks = stream.chunks[Symbol.iterator]();
    next = chunks.next(); // the first page read before the headers: a failing query is still a clean answer
  } catch (error) {
    if (error instanceof ApiError) return sendError(res, HTTP_STATUS_BY_CODE[error.code] ?? 500, error.toBody());
    log.error(`the ${WHAT[method]} export failed: ${described(error)}`);
    return sendError(res, 500, { code: 'internal', message: 'internal error: see the server log' });
  }
  setSecurityHeaders(res, false);
  res.writeHead(200, {
    'Content-Type': stream.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Disposition': attachmentName(stream.filename),
    'Cache-Control': 'no-store',
  });
  let gone = false;
  res.once('close', () => (gone = true));
  try {
    let turnAt = performance.now();
    while (!next.done) {
      if (gone) {
        chunks.return?.(); // the reader left: stop reading the database
        return;
      }
      if (!res.write(next.value, 'utf8')) await writable(res);
      if (performance.now() - turnAt > TURN_MS) {
        await yieldToLoop(); // the other requests' turn
        turnAt = performance.now();
        if (gone) continue;
      }
      next = chunks.next();
    }
  } catch (error) {
    // a page failed halfway: the reader sees a cut connection, never a body that looks complete
    log.error(`the ${WHAT[method]} export failed: ${described(error)}`);
    res.destroy();
    return;
  }
  res.end();
}
