// Does a file hold Wazuh alerts at all? Told from its first 64 KiB, before anything is read as alerts: a file
// added by mistake (/etc/passwd, another program's JSON log) says so at once (the source's state 'unrecognized')
// instead of "waiting for the first alert" forever, and none of its lines is parsed or kept.
import { scanJsonObject, type RequiredMember } from './jsonValidate';

export type Recognition = 'wazuh' | 'not-wazuh' | 'undecided';

export const UNRECOGNIZED_MESSAGE =
  'this does not look like Wazuh alerts (alerts.json, alerts.log or a Wazuh 5 event file)';

const NL = 0x0a;
const LOG_HEADER = /^\*\* Alert \d+\.\d+:/;
const ALERT_PREFIXES = ['** Alert ', '{"timestamp":', '{"@timestamp":'];
/** an alerts.json alert: "id" a string and "rule" an object at its top level */
const ALERT_MEMBERS: RequiredMember[] = [
  { key: Buffer.from('id'), firstByte: 0x22 },
  { key: Buffer.from('rule'), firstByte: 0x7b },
];
/** a Wazuh 5 event (standard-wazuh-events-v5.json): "@timestamp" a string and "wazuh" an object */
const EVENT_MEMBERS: RequiredMember[] = [
  { key: Buffer.from('@timestamp'), firstByte: 0x22 },
  { key: Buffer.from('wazuh'), firstByte: 0x7b },
];

function isWazuhLine(line: Buffer): boolean {
  if (line[0] === 0x2a) return LOG_HEADER.test(line.toString('latin1', 0, 40));
  if (line[0] !== 0x7b) return false;
  return (
    scanJsonObject(line, 0, line.length, ALERT_MEMBERS) === 0b11 ||
    scanJsonObject(line, 0, line.length, EVENT_MEMBERS) === 0b11
  );
}

/** Could this unfinished line still become an alert (a JSON object, or an alerts.log header, being written)? */
function mayBecomeAlert(text: string): boolean {
  return text.startsWith('{') || text.startsWith('** Alert ') || '** Alert '.startsWith(text);
}

/**
 * `head`: the first bytes of the file (at most 64 KiB); `whole`: the file holds no more than these. Wazuh when
 * a complete line in it is an alerts.log header, an alerts.json alert or a Wazuh 5 event (or the 64 KiB window
 * cuts a first line that starts as one); not Wazuh when it holds something else and nothing that may still become
 * one; undecided while it is empty or its last line may be an alert being written.
 */
export function recognizeWazuh(head: Buffer, whole: boolean): Recognition {
  let start = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let sawText = false;
  while (start < head.length) {
    let nl = head.indexOf(NL, start);
    const complete = nl >= 0;
    if (!complete) nl = head.length;
    let end = nl;
    if (end > start && head[end - 1] === 0x0d) end--;
    // leading blanks are no part of what tells an alert
    let first = start;
    while (first < end && (head[first] === 0x20 || head[first] === 0x09)) first++;
    if (first < end) {
      const line = head.subarray(first, end);
      if (complete && isWazuhLine(line)) return 'wazuh';
      if (!complete) {
        const text = line.toString('latin1', 0, 64);
        if (!mayBecomeAlert(text)) return 'not-wazuh';
        if (whole) return 'undecided'; // being written
        // cut by the window: a first alert longer than 64 KiB
        return !sawText && ALERT_PREFIXES.some((p) => text.startsWith(p)) ? 'wazuh' : 'not-wazuh';
      }
      sawText = true;
    }
    start = nl + 1;
  }
  return sawText ? 'not-wazuh' : 'undecided';
}
