// What Diagnostics may show of a record that could not be read. Any file can be added as a source, so an excerpt
// of every unreadable line would let whoever holds the token read other JSON-like files of the app's user (a
// config with a password, a token store). The rule: an excerpt is kept only of a record that looks like a Wazuh
// alert on its bytes (a broken alert is what the analyst needs to see):
// - alerts.json: the line holds `"rule":{`, `"agent":{` and an alert id `"id":"<digits>.<digits>"`;
// - alerts.log: the block starts with `** Alert <digits>.<digits>:`;
// - the Wazuh 5 event output: the line holds `"@timestamp":"`, `"wazuh":{` and an event id `"id":"<uuid>"`.
// Any other record gets no excerpt: only its byte offset (stored beside), its length and the reason, and a note
// that the excerpt was withheld and why.
import type { SourceFormat } from '../../../shared/domain';

export const EXCERPT_CHARS = 300;

const RULE = Buffer.from('"rule":{');
const AGENT = Buffer.from('"agent":{');
const ALERT_ID = /"id":"\d{1,12}\.\d{1,20}"/;
const LOG_HEADER = /^\s*\*\* Alert \d{1,12}\.\d{1,20}:/;
const TIMESTAMP = Buffer.from('"@timestamp":"');
const WAZUH = Buffer.from('"wazuh":{');
const EVENT_ID = /"id":"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"/;

function looksLikeWazuhAlert(format: SourceFormat, record: Buffer): boolean {
  if (format === 'log') return LOG_HEADER.test(record.toString('latin1', 0, Math.min(record.length, 200)));
  if (format === 'event5')
    return record.indexOf(TIMESTAMP) >= 0 && record.indexOf(WAZUH) >= 0 && EVENT_ID.test(record.toString('latin1'));
  if (record.indexOf(RULE) === -1 || record.indexOf(AGENT) === -1) return false;
  return ALERT_ID.test(record.toString('latin1'));
}

/** The excerpt to store for an unreadable record buf[start, end): its first characters, or why there is none. */
export function excerptFor(format: SourceFormat, buf: Buffer, start: number, end: number): string {
  const record = buf.subarray(start, end);
  if (looksLikeWazuhAlert(format, record))
    return record.toString('utf8', 0, Math.min(record.length, EXCERPT_CHARS * 2)).slice(0, EXCERPT_CHARS);
  const what =
    format === 'log'
      ? 'block does not start with "** Alert <id>:"'
      : format === 'event5'
        ? 'line has no "@timestamp", "wazuh" and event "id"'
        : 'line has no "rule", "agent" and alert "id"';
  return `(withheld: ${record.length} bytes that do not look like a Wazuh alert: the ${what}; only alerts are shown)`;
}
