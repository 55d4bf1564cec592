// Stage one of ingest, on the thread that reads the files: every record of a chunk becomes what stage two stores.
// Most alerts.json lines are not FIM: a byte-level test finds those, and they are counted after a byte-level check
// of their JSON (jsonValidate.ts), without being decoded or JSON.parse'd. FIM events and Wazuh's own VirusTotal
// answers are parsed, in file order.
import type { FimEvent, ParsedRecord, SourceFormat, WazuhVtAlertHeader, WazuhVtRecord } from '../../../shared/domain';
import type { ReadMark } from '../store/readRangesStore';
import type { StoredCursor } from '../store/sourcesStore';
import { parseJsonAlert } from '../wazuh/alertsJson';
import { parseLogAlert } from '../wazuh/alertsLog';
import { scanJsonObject, type RequiredMember } from '../wazuh/jsonValidate';
import { keyPositions } from '../wazuh/prefilter';
import { excerptFor } from './excerpts';

/** A chunk as the reader hands it over: records are byte ranges of one buffer (no copies). */
export interface IngestBatch {
  format: SourceFormat;
  /** calls `visit` for each complete record: the bytes buf[start, end) found at `offset` in `filePath` */
  forEachRecord(visit: (buf: Buffer, start: number, end: number, offset: number) => void): void;
  oversize: { offset: number; length: number }[];
  bytes: number;
  filePath: string;
  /** live tailing moves the cursor; backfill imports have none */
  cursor: StoredCursor | null;
  /** the bytes of which file this batch covers, recorded with it (null: a file too short to be told apart) */
  readMark: ReadMark | null;
  reason: 'live' | 'backfill';
}

/** What stage two stores: plain data (it crosses to the writer thread by structured clone). */
export interface ParsedBatch {
  filePath: string;
  cursor: StoredCursor | null;
  readMark: ReadMark | null;
  reason: 'live' | 'backfill';
  bytes: number;
  /** FIM events and Wazuh answers, in file order (an answer may refer to an event just before it) */
  items: (
    { kind: 'fim'; event: FimEvent } | { kind: 'wazuh-vt'; record: WazuhVtRecord; alert: WazuhVtAlertHeader | null }
  )[];
  registry: number;
  other: number;
  errors: { offset: number; reason: string; excerpt: string }[];
  oversize: { offset: number; length: number }[];
}

const NOT_JSON = 'not a valid JSON alert (cut, glued to another line, broken inside, or not JSON)';
/** What every alert has at its top level, as the full parser wants it (alertsJson.ts): "id" a string, "rule" an object. */
const ALERT_MEMBERS: RequiredMember[] = [
  { key: Buffer.from('id'), firstByte: 0x22 },
  { key: Buffer.from('rule'), firstByte: 0x7b },
];
const NOT_AN_ALERT = [
  'not an alert: no "id" string and no "rule" object',
  'not an alert: no "rule" object',
  'not an alert: no "id" string',
];

export function parseBatch(batch: IngestBatch): ParsedBatch {
  const out: ParsedBatch = {
    filePath: batch.filePath,
    cursor: batch.cursor,
    readMark: batch.readMark,
    reason: batch.reason,
    bytes: batch.bytes,
    items: [],
    registry: 0,
    other: 0,
    errors: [],
    oversize: batch.oversize,
  };
  const take = (parsed: ParsedRecord, buf: Buffer, start: number, end: number, offset: number) => {
    switch (parsed.kind) {
      case 'fim':
        out.items.push({ kind: 'fim', event: parsed.event });
        return;
      case 'wazuh-vt':
        out.items.push({ kind: 'wazuh-vt', record: parsed.record, alert: parsed.alert ?? null });
        return;
      case 'registry':
        out.registry++;
        return;
      case 'other':
        out.other++;
        return;
      case 'error':
        out.errors.push({ offset, reason: parsed.reason, excerpt: excerptFor(batch.format, buf, start, end) });
        return;
    }
  };
  if (batch.format === 'json') {
    // the key positions of the whole buffer, found once; records come in ascending order
    let scanned: Buffer | null = null;
    let keys: number[] = [];
    let k = 0;
    batch.forEachRecord((buf, start, end, offset) => {
      if (buf !== scanned) {
        scanned = buf;
        keys = keyPositions(buf, start, buf.length);
        k = 0;
      }
      while (k < keys.length && keys[k] < start) k++;
      if (k < keys.length && keys[k] < end)
        take(parseJsonAlert(buf.toString('utf8', start, end)), buf, start, end, offset);
      else {
        const members = scanJsonObject(buf, start, end, ALERT_MEMBERS);
        if (members === 0b11) out.other++;
        else {
          const reason = members < 0 ? NOT_JSON : NOT_AN_ALERT[members];
          out.errors.push({ offset, reason, excerpt: excerptFor(batch.format, buf, start, end) });
        }
      }
    });
  } else {
    batch.forEachRecord((buf, start, end, offset) =>
      take(parseLogAlert(buf.toString('utf8', start, end)), buf, start, end, offset),
    );
  }
  return out;
}
