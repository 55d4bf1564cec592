// Which kind of one-JSON-object-a-line file this is: a Wazuh 4.x alerts.json, or the Wazuh 5 engine's event output
// (standard-wazuh-events-v5.json, FACTS.md section 4). Told on the content, never on the name: the first complete
// line that is a JSON object with an alert's top-level members ("id" string, "rule" object) says alerts.json; one
// with a 5.x event's ("@timestamp" string, "wazuh" object) that looksLikeEvent5 says the 5.x output.
import { looksLikeEvent5 } from './events5';
import { scanJsonObject, type RequiredMember } from './jsonValidate';

const LF = 0x0a;
const CR = 0x0d;
const MEMBERS: RequiredMember[] = [
  { key: Buffer.from('id'), firstByte: 0x22 },
  { key: Buffer.from('rule'), firstByte: 0x7b },
  { key: Buffer.from('@timestamp'), firstByte: 0x22 },
  { key: Buffer.from('wazuh'), firstByte: 0x7b },
];
const ALERT = 0b0011;
const EVENT = 0b1100;

/** 'json' (alerts.json), 'event5' (the 5.x event output), or null: no complete line in `window` from `from` says. */
export function jsonLinesFlavour(window: Buffer, from = 0): 'json' | 'event5' | null {
  let start = from;
  while (start < window.length) {
    const nl = window.indexOf(LF, start);
    if (nl < 0) return null; // an incomplete line tells nothing yet
    let end = nl;
    if (end > start && window[end - 1] === CR) end--;
    const bits = scanJsonObject(window, start, end, MEMBERS);
    if (bits >= 0) {
      if ((bits & ALERT) === ALERT) return 'json';
      if ((bits & EVENT) === EVENT && looksLikeEvent5(JSON.parse(window.toString('utf8', start, end)))) return 'event5';
    }
    start = nl + 1;
  }
  return null;
}
