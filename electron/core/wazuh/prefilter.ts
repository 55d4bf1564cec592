// Byte-level tests on alerts.json lines, run before (and mostly instead of) JSON.parse.
//
// On a busy manager most alerts are not FIM and not VirusTotal (sshd, web, rootcheck, ...): they are only
// counted. So each line is first scanned for the two keys that matter; only a candidate line is decoded and
// JSON.parse'd. A non-candidate line is checked by jsonValidate.ts, on its bytes, by the grammar JSON.parse uses,
// and must have the "id" string and "rule" object of every alert: a line broken anywhere, or JSON that is no alert,
// is a parse error all the same, without UTF-8 decoding, strings or objects for the lines that are only counted. That is what makes the parse stage faster than a parse-everything baseline.
//
// Wazuh writes alerts.json with cJSON_PrintUnformatted (no spaces), so the keys appear as `"syscheck":` and
// `"virustotal":`; whitespace before the colon is tolerated anyway. A false positive (the bytes inside a
// string) only costs a full parse; inside a JSON string a quote is escaped (`\"syscheck\":`), so a copied
// alert in full_log does not even match.

import type { SourceFormat } from '../../../shared/domain';
import { jsonLinesFlavour } from './event5Format';

const SYSCHECK_KEY = Buffer.from('"syscheck"', 'latin1');
const VIRUSTOTAL_KEY = Buffer.from('"virustotal"', 'latin1');
const TIMESTAMP_KEY = Buffer.from('{"timestamp":', 'latin1');
const ALERT_HEADER = Buffer.from('** Alert', 'latin1');
/** The integration's JSON line inside an alerts.log VirusTotal alert: no evidence of alerts.json. */
const VT_LINE = Buffer.from('{"virustotal"', 'latin1');

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const OPEN = 0x7b; // {
const COLON = 0x3a;

const isBlank = (b: number): boolean => b === SPACE || b === TAB || b === CR || b === LF;

/** Is `key` present in `line` as an object key (followed, after optional blanks, by a colon)? */
function hasKey(line: Buffer, key: Buffer): boolean {
  let from = 0;
  for (;;) {
    const at = line.indexOf(key, from);
    if (at < 0) return false;
    let i = at + key.length;
    while (i < line.length && isBlank(line[i])) i++;
    if (i < line.length && line[i] === COLON) return true;
    from = at + 1;
  }
}

/**
 * Might the JSON line buf[start, end) be a FIM event (or registry event) or a Wazuh VirusTotal alert? True when
 * it holds a `"syscheck":` or `"virustotal":` key. Searches only inside the line: Buffer#indexOf has no end
 * bound, so the line is taken as a zero-copy subarray (searching the whole chunk from `start` would make a
 * chunk of n lines cost O(n^2)).
 */
export function needsFullParse(buf: Buffer, start: number, end: number): boolean {
  if (end <= start) return false;
  const line = buf.subarray(start, end);
  return hasKey(line, SYSCHECK_KEY) || hasKey(line, VIRUSTOTAL_KEY);
}

/**
 * The positions of every `"syscheck":` / `"virustotal":` key in buf[start, end), ascending: one native search per
 * key over a whole chunk, instead of two per line (most lines hold neither). A line is a candidate for a full
 * parse when one of these positions falls inside it (same answer as needsFullParse on that line).
 */
export function keyPositions(buf: Buffer, start: number, end: number): number[] {
  const region = buf.subarray(start, end);
  const out: number[] = [];
  for (const key of [SYSCHECK_KEY, VIRUSTOTAL_KEY]) {
    let from = 0;
    for (;;) {
      const at = region.indexOf(key, from);
      if (at < 0) break;
      let i = at + key.length;
      while (i < region.length && isBlank(region[i])) i++;
      if (i < region.length && region[i] === COLON) out.push(start + at);
      from = at + 1;
    }
  }
  return out.sort((a, b) => a - b);
}

/** How far detectFormat looks for a line that tells the format. */
export const DETECT_WINDOW = 64 * 1024;

/** Does `buf[at..]` start with `prefix`? 'partial' when the buffer ends inside what could still be the prefix. */
function startsWith(buf: Buffer, at: number, prefix: Buffer): boolean | 'partial' {
  const n = Math.min(prefix.length, buf.length - at);
  for (let i = 0; i < n; i++) if (buf[at + i] !== prefix[i]) return false;
  return n === prefix.length ? true : 'partial';
}

/**
 * The format of an alert file from its first bytes: 'json' (alerts.json), 'log' (alerts.log) or null (not
 * decided yet: empty, only blanks, or nothing recognisable in the first 64 KiB). Leading blanks and a UTF-8 BOM
 * are skipped; then `{` means json and `** Alert` means log. A head that starts inside a record (a tail) is
 * decided by its first line starting with `{"timestamp":` or `** Alert`; failing those, by a line starting
 * with `{` (weak: an alerts.log body can hold JSON lines). A `{"virustotal"` line is never taken for
 * alerts.json: it is the integration's record inside an alerts.log VirusTotal alert. One JSON object a line is
 * 'event5' instead when its lines are Wazuh 5 events (event5Format.ts: the 5.x engine's file output).
 */
export function detectFormat(head: Buffer): SourceFormat | null {
  const limit = Math.min(head.length, DETECT_WINDOW);
  let i = 0;
  if (limit >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < limit && isBlank(head[i])) i++;
  if (i >= limit) return null;
  const window = head.subarray(0, limit);
  // one JSON object a line: alerts.json, unless its lines are Wazuh 5 events (the 5.x engine's file output)
  const json = (): SourceFormat => jsonLinesFlavour(window, i) ?? 'json';
  if (window[i] === OPEN && startsWith(window, i, VT_LINE) !== true) return json();
  const first = startsWith(window, i, ALERT_HEADER);
  if (first === true) return 'log';
  if (first === 'partial') return null;
  let weak: 'json' | null = null;
  let lineStart = i;
  for (;;) {
    const nl = window.indexOf(LF, lineStart);
    if (nl < 0 || nl + 1 >= limit) return weak && json();
    lineStart = nl + 1;
    if (window[lineStart] === OPEN) {
      if (startsWith(window, lineStart, TIMESTAMP_KEY) === true) return json();
      if (startsWith(window, lineStart, VT_LINE) !== true) weak ??= 'json';
    } else if (startsWith(window, lineStart, ALERT_HEADER) === true) {
      return 'log';
    }
  }
}
