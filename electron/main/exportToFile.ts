// The desktop app's export to a file (plain Node, no electron): the stream written chunk by chunk, each page of the
// database read once the one before is on disk, so memory stays at one page whatever the export holds. The file
// appears under its name only once complete: it is written beside it as NAME.part and renamed at the end; a
// failure removes the part and leaves any earlier file of that name as it was.
import { open, rename, rm } from 'node:fs/promises';
import type { ExportStream } from '../core/api/exportStream';

export async function writeExportToFile(
  stream: ExportStream,
  filePath: string,
): Promise<{ rows: number; bytes: number }> {
  const part = `${filePath}.part`;
  const file = await open(part, 'w', 0o600);
  let bytes = 0;
  const chunks = stream.chunks[Symbol.iterator]();
  try {
    try {
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        const data = Buffer.from(next.value, 'utf8');
        for (let at = 0; at < data.length;) {
          const { bytesWritten } = await file.write(data, at, data.length - at);
          at += bytesWritten;
        }
        bytes += data.length;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(part, filePath);
  } catch (error) {
    chunks.return?.(); // stop reading the database
    await rm(part, { force: true });
    throw error;
  }
  return { rows: stream.rows(), bytes };
}
