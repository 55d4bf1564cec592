// Splits bytes into alert records. Pure functions over a Buffer: no I/O, no decoding, no copies (ranges only).
//
// json (alerts.json): a record is one line ending with '\n'; a trailing '\r' is stripped; empty lines are consumed
//   silently.
// log (alerts.log): a record is a block of lines from a '** Alert ' line up to the next line that starts with
//   '** Alert ' (which completes it); its trailing newlines (the blank line Wazuh writes after every alert) are
//   excluded. A blank line alone does NOT end a block: Wazuh 4.x FIM alerts hold a blank line of their own, between
//   the full log and `Attributes:` (see fixtures/wazuh/alerts-4.4-fim-and-vt.log). So the last block of a file is
//   complete only at `eof`; the tailer flushes it once the data ends with a blank line and the file has been quiet
//   for a moment (Wazuh writes an alert and its blank line in one flush). Lines before the first header (junk, or
//   the end of a block when reading started in its middle) form a record of their own, ended the same way: it is
//   returned like any other record, and the parser counts it as an error. Blank lines before it are consumed.
// A partial last record is not consumed: it waits for its terminator (unless `eof` says the input is complete).
// A record longer than maxRecordBytes is consumed and reported in `oversize`, never returned as a record.
import type { SourceFormat } from '../../../../shared/domain';

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
/** How far detectFormat looks for a line that tells the format. */
export const DETECT_BYTES = 64 * 1024;

export interface RecordRange {
  /** index of the first byte */
  start: number;
  /** index after the last byte (the terminating newline(s) excluded) */
  end: number;
}

export interface FrameResult {
  records: RecordRange[];
  /** bytes up to and including the terminator of the last complete record (from 0, even with `from`) */
  consumed: number;
  oversize: RecordRange[];
}

export interface FrameOptions {
  /** start framing at this index (a record boundary); ranges stay relative to the buffer */
  from?: number;
  /** the input is complete: a final record without its terminator is returned (and consumed) too */
  eof?: boolean;
}

const NL = 0x0a;
const CR = 0x0d;
const HEADER = Buffer.from('** Alert ', 'latin1');
const HEADER_LEN = HEADER.length;

function isHeaderAt(buf: Buffer, pos: number, lineEnd: number): boolean {
  if (lineEnd - pos < HEADER_LEN) return false;
  for (let i = 0; i < HEADER_LEN; i++) if (buf[pos + i] !== HEADER[i]) return false;
  return true;
}

export function frameJsonLines(
  buf: Buffer,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
  options: FrameOptions = {},
): FrameResult {
  const len = buf.length;
  const records: RecordRange[] = [];
  const oversize: RecordRange[] = [];
  let pos = options.from ?? 0;
  let consumed = pos;
  while (pos < len) {
    let nl = buf.indexOf(NL, pos);
    if (nl === -1) {
      if (!options.eof) break;
      nl = len;
    }
    let end = nl;
    if (end > pos && buf[end - 1] === CR) end--;
    if (end > pos) {
      if (end - pos > maxRecordBytes) oversize.push({ start: pos, end });
      else records.push({ start: pos, end });
    }
    pos = nl + 1;
    consumed = pos > len ? len : pos;
  }
  return { records, consumed, oversize };
}

export function frameLogBlocks(
  buf: Buffer,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
  options: FrameOptions = {},
): FrameResult {
  const len = buf.length;
  const records: RecordRange[] = [];
  const oversize: RecordRange[] = [];
  let pos = options.from ?? 0;
  let consumed = pos;
  let blockStart = -1;
  const close = (until: number): void => {
    const end = trimNewlines(buf, blockStart, until);
    if (end - blockStart > maxRecordBytes) oversize.push({ start: blockStart, end });
    else if (end > blockStart) records.push({ start: blockStart, end });
  };
  while (pos < len) {
    let nl = buf.indexOf(NL, pos);
    if (nl === -1) {
      if (!options.eof) break;
      nl = len;
    }
    if (isHeaderAt(buf, pos, nl)) {
      if (blockStart !== -1) close(pos);
      blockStart = pos;
      consumed = pos;
    } else if (blockStart === -1) {
      const lineLen = nl - pos;
      if (lineLen === 0 || (lineLen === 1 && buf[pos] === CR)) consumed = nl + 1 > len ? len : nl + 1;
      else blockStart = pos; // junk before a header: a record of its own (see the top of this file)
    }
    pos = nl + 1;
  }
  if (options.eof && blockStart !== -1) {
    close(len);
    consumed = len;
  }
  return { records, consumed, oversize };
}

/** The index after the last byte of buf[start, end) that is not '\n' or '\r'. */
export function trimNewlines(buf: Buffer, start: number, end: number): number {
  while (end > start && (buf[end - 1] === NL || buf[end - 1] === CR)) end--;
  return end;
}

/** Does the data end with a blank line (the end of every alert Wazuh writes to alerts.log)? */
const FILE_LINE_START = Buffer.from("\nFile '", 'latin1');
const ATTRIBUTES_LINE = Buffer.from('\nAttributes:', 'latin1');
const FIM_4X_FILE_LINE = /^File '.*' (added|modified|deleted)\r?$/;

/**
 * log: is this block a 4.x FIM alert cut at its own blank line — `File '<path>' <event>` is there, its
 * `Attributes:` (hashes) not yet? Such a block is not flushed on the short quiet time: its end is still coming.
 */
export function awaitsAttributes(block: Buffer): boolean {
  if (block.indexOf(ATTRIBUTES_LINE) >= 0) return false;
  for (let at = block.indexOf(FILE_LINE_START); at >= 0; at = block.indexOf(FILE_LINE_START, at + 1)) {
    const nl = block.indexOf(NL, at + 1);
    if (FIM_4X_FILE_LINE.test(block.toString('utf8', at + 1, nl < 0 ? block.length : nl))) return true;
  }
  return false;
}

const RULE_LINE = Buffer.from('\nRule: ', 'latin1');

/**
 * log: does this block read like a whole alert without its closing blank line — it starts with `** Alert `, holds
 * its `Rule:` line and ends with a complete line? The tailer takes such a last block after a few quiet seconds: a
 * file that ends without the blank line (an excerpt, a copy) is then read whole.
 */
export function looksLikeWholeAlert(block: Buffer): boolean {
  const n = block.length;
  return n > 0 && block[n - 1] === NL && isHeaderAt(block, 0, n) && block.indexOf(RULE_LINE) > 0;
}

export function endsWithBlankLine(buf: Buffer): boolean {
  const n = buf.length;
  return (
    (n >= 2 && buf[n - 1] === NL && buf[n - 2] === NL) ||
    (n >= 3 && buf[n - 1] === NL && buf[n - 2] === CR && buf[n - 3] === NL)
  );
}

/**
 * Is the unterminated record that starts at `from` already certainly longer than maxRecordBytes, whatever bytes
 * follow? (For log, trailing newlines and a final partial line that is, or may become, a header do not count.)
 */
export function openRecordIsOversize(buf: Buffer, from: number, format: SourceFormat, maxRecordBytes: number): boolean {
  const len = buf.length;
  if (format === 'json') return len - from - (buf[len - 1] === CR ? 1 : 0) > maxRecordBytes;
  let end = len;
  const lastNl = buf.lastIndexOf(NL, len - 1);
  if (lastNl >= from && (couldBeHeader(buf, lastNl + 1, len) || isHeaderAt(buf, lastNl + 1, len))) end = lastNl + 1;
  return trimNewlines(buf, from, end) - from > maxRecordBytes;
}

function couldBeHeader(buf: Buffer, start: number, end: number): boolean {
  return end - start < HEADER_LEN && buf.subarray(start, end).equals(HEADER.subarray(0, end - start));
}

export function frame(
  format: SourceFormat,
  buf: Buffer,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
  options: FrameOptions = {},
): FrameResult {
  return format === 'json'
    ? frameJsonLines(buf, maxRecordBytes, options)
    : frameLogBlocks(buf, maxRecordBytes, options);
}

export type RecordEndScan =
  | {
      found: true;
      /** index after the record's last byte (trailing newlines in buf excluded; the caller keeps them in buf) */
      recordEnd: number;
      /** index where the next record starts */
      next: number;
    }
  | {
      found: false;
      /** index to continue scanning from: the bytes after it must be kept (a line that may become a header) */
      resumeAt: number;
      atLineStart: boolean;
    };

/**
 * Finds where the record in progress ends, for skipping an oversize record without holding it: `buf` continues
 * that record; `atLineStart` says whether buf[0] starts a line. json: the next '\n'. log: the next '** Alert ' line.
 */
export function findRecordEnd(buf: Buffer, format: SourceFormat, atLineStart: boolean): RecordEndScan {
  const len = buf.length;
  if (format === 'json') {
    const nl = buf.indexOf(NL);
    if (nl === -1) return { found: false, resumeAt: len, atLineStart: false };
    return { found: true, recordEnd: nl > 0 && buf[nl - 1] === CR ? nl - 1 : nl, next: nl + 1 };
  }
  let pos = 0;
  if (!atLineStart) {
    const nl = buf.indexOf(NL);
    if (nl === -1) return { found: false, resumeAt: len, atLineStart: false };
    pos = nl + 1;
  }
  for (;;) {
    const nl = buf.indexOf(NL, pos);
    const lineEnd = nl === -1 ? len : nl;
    if (isHeaderAt(buf, pos, lineEnd)) {
      return { found: true, recordEnd: trimNewlines(buf, 0, pos), next: pos };
    }
    if (nl === -1) {
      // an incomplete line is undecided while it may still become a header
      return couldBeHeader(buf, pos, len)
        ? { found: false, resumeAt: pos, atLineStart: true }
        : { found: false, resumeAt: len, atLineStart: false };
    }
    pos = nl + 1;
  }
}

/**
 * The index after the last record boundary in `buf` (a window of the file), or -1 when the window holds none.
 * json: after the last '\n'. log: the start of the last '** Alert ' line (the caller checks first whether the file
 * ends with a blank line, i.e. after a complete alert).
 */
export function lastRecordBoundary(buf: Buffer, format: SourceFormat): number {
  if (format === 'json') {
    const nl = buf.lastIndexOf(NL);
    return nl === -1 ? -1 : nl + 1;
  }
  const header = buf.lastIndexOf('\n** Alert ');
  return header === -1 ? -1 : header + 1;
}

/** One format detector for the whole engine (see wazuh/prefilter.ts). */
export { detectFormat } from '../../wazuh/prefilter';
