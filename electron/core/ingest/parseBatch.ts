// Stage one of ingest: every record of a batch becomes what stage two stores. Most alerts.json lines are not FIM: a
// byte-level test finds those, and they are counted after a byte-level check of their JSON (jsonValidate.ts),
// without being decoded or JSON.parse'd. FIM events and Wazuh's own VirusTotal answers are parsed, in file order.
// Records a source parsed itself (an indexer's documents) are sorted the same way.
import type { FimEvent, ParsedRecord, WazuhVtAlertHeader, WazuhVtRecord } from '../../../shared/domain';
import type { SourceBatch } from '../sources/alertSource';
import type { CounterDelta } from '../store/sourcesStore';
import { parseJsonAlert } from '../wazuh/alertsJson';
import { parseLogAlert } from '../wazuh/alertsLog';
import { scanJsonObject, type RequiredMember } from '../wazuh/jsonValidate';
import { keyPositions } from '../wazuh/prefilter';
import { excerptFor } from './excerpts';

/** What stage two stores: plain data, and the source's part of the transaction. */
export interface ParsedBatch {
  /** where the records came from (diagnostics) */
  origin: string;
  reason: 'live' | 'backfill';
  bytes: number;
  /** the source's cursor and counters, written in the transaction that stores the batch */
  commit(delta: CounterDelta): void;
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

export function parseBatch(batch: SourceBatch): ParsedBatch {
  const records = batch.records;
  const out: ParsedBatch = {
    origin: batch.origin,
    reason: batch.reason,
    bytes: batch.bytes,
    commit: batch.commit,
    items: [],
    registry: 0,
    other: 0,
    errors: [],
    oversize: records.kind === 'raw' ? records.oversize : [],
  };
  /** `buf`: the record's bytes (null: parsed by its source, no bytes to show in Diagnostics) */
  const take = (parsed: ParsedRecord, offset: number, buf: Buffer | null, start: number, end: number) => {
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
        out.errors.push({
          offset,
          reason: parsed.reason,
          excerpt: buf && records.kind === 'raw' ? excerptFor(records.format, buf, start, end) : '',
        });
        return;
    }
  };
  if (records.kind === 'parsed') {
    for (const r of records.records) take(r.record, r.offset, null, 0, 0);
    return out;
  }
  const format = records.format;
  if (format === 'json') {
    // the key positions of the whole buffer, found once; records come in ascending order
    let scanned: Buffer | null = null;
    let keys: number[] = [];
    let k = 0;
    records.forEachRecord((buf, start, end, offset) => {
      if (buf !== scanned) {
        scanned = buf;
        keys = keyPositions(buf, start, buf.length);
        k = 0;
      }
      while (k < keys.length && keys[k] < start) k++;
      if (k < keys.length && keys[k] < end)
        take(parseJsonAlert(buf.toString('utf8', start, end)), offset, buf, start, end);
      else {
        const members = scanJsonObject(buf, start, end, ALERT_MEMBERS);
        if (members === 0b11) out.other++;
        else {
          const reason = members < 0 ? NOT_JSON : NOT_AN_ALERT[members];
          out.errors.push({ offset, reason, excerpt: excerptFor(format, buf, start, end) });
        }
      }
    });
  } else {
    records.forEachRecord((buf, start, end, offset) =>
      take(parseLogAlert(buf.toString('utf8', start, end)), offset, buf, start, end),
    );
  }
  return out;
}
