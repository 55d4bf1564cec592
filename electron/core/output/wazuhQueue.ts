// Verdicts back into Wazuh 5: the NDJSON body of `POST /events/enriched` on the manager's queue-http socket
// (FACTS.md section 4; wazuh/wazuh docs/ref/modules/engine/spec-events.yaml):
//   H {"wazuh":{"agent":{"id":"001","name":"web-01"}}}      one header per batch: the agent (digits-only id)
//   E 1:fim-verdict:{"virustotal":{...},"integration":"virustotal"}
// Each event is the record the 4.x integration log writes (integrationLog.ts: found, malicious, positives, total,
// permalink, scan date, source alert id, path, hashes; errors with Wazuh's codes), plus `source.sha256`, with every
// control character escaped as logLine does: an event is one line whatever the path holds, so no "\nE " can start a
// forged event. Batches are per agent (the header names one agent). The sender is in queueHttp.ts.
import type { AlertItem } from '../../../shared/contract';
import { logLine, verdictRecord, type VirusTotalRecord } from './integrationLog';

/** The engine's queue for events read by a logcollector-like source ('1', LOCALFILE_MQ), and our location. */
export const QUEUE_ID = '1';
export const FIM_VERDICT_LOCATION = 'fim-verdict';
/** The engine refuses a header whose agent id is not a non-empty string of digits. */
const AGENT_ID = /^[0-9]+$/;
/** Events per batch, and bytes (the engine can be configured with a payload limit: 413 splits further). */
export const MAX_BATCH_EVENTS = 200;
export const MAX_BATCH_BYTES = 512 * 1024;

export interface QueueAgent {
  id: string;
  name: string | null;
}

export interface VerdictItem {
  alert: AlertItem;
  /** the file's hashes as the answer named them */
  file: { md5: string | null; sha1: string | null; sha256: string | null };
}

export interface QueueBatch {
  agent: QueueAgent;
  /** the HTTP body: header line, then one line per event, each ending with \n */
  body: string;
  /** the alerts this batch carries, in order (ids of the alerts table, to mark them sent) */
  alertIds: number[];
}

export interface BatchPlan {
  batches: QueueBatch[];
  /** alerts whose verdict has no answer yet (pending, error): sent when it comes */
  notReady: number[];
  /** alerts that can never be sent this way, with the reason (an agent id that is not digits) */
  unsendable: { id: number; reason: string }[];
}

/** A ':' in a location is written '|:' (the engine splits "<queue>:<location>:<message>" at the first bare ':'). */
export function escapeLocation(location: string): string {
  return location.replace(/:/g, '|:');
}

/** logLine escapes any JSON value the same way; its type names the record it was first written for. */
const safeJson = (value: object): string => logLine(value as VirusTotalRecord);

export function headerLine(agent: QueueAgent): string {
  const a = agent.name === null ? { id: agent.id } : { id: agent.id, name: agent.name };
  return `H ${safeJson({ wazuh: { agent: a } })}\n`;
}

export function eventLine(record: VirusTotalRecord, location = FIM_VERDICT_LOCATION): string {
  return `E ${QUEUE_ID}:${escapeLocation(location)}:${safeJson(record)}\n`;
}

/** The 4.x integration log's record for this alert, with the file's sha256 beside md5 and sha1. */
export function queueRecord(item: VerdictItem): VirusTotalRecord | null {
  const record = verdictRecord(item.alert, item.file);
  if (!record) return null;
  const source = record.virustotal.source as Record<string, unknown>;
  source.sha256 = item.alert.sha256 ?? item.file.sha256 ?? '';
  return record;
}

/** Batches per agent, in the order the alerts came (each agent's alerts keep their order). */
export function planBatches(items: readonly VerdictItem[]): BatchPlan {
  const plan: BatchPlan = { batches: [], notReady: [], unsendable: [] };
  const open = new Map<string, { batch: QueueBatch; events: number }>();
  for (const item of items) {
    const { agent, id } = item.alert;
    if (agent.id === null || !AGENT_ID.test(agent.id)) {
      plan.unsendable.push({
        id,
        reason: `the agent id ${JSON.stringify(agent.id)} is not digits: Wazuh 5 refuses it`,
      });
      continue;
    }
    const record = queueRecord(item);
    if (!record) {
      plan.notReady.push(id);
      continue;
    }
    const line = eventLine(record);
    let current = open.get(agent.id);
    const full =
      current &&
      (current.events >= MAX_BATCH_EVENTS ||
        Buffer.byteLength(current.batch.body) + Buffer.byteLength(line) > MAX_BATCH_BYTES);
    if (!current || full) {
      const who = { id: agent.id, name: agent.name };
      const batch: QueueBatch = { agent: who, body: headerLine(who), alertIds: [] };
      current = { batch, events: 0 };
      open.set(agent.id, current);
      plan.batches.push(batch);
    }
    current.batch.body += line;
    current.batch.alertIds.push(id);
    current.events += 1;
  }
  return plan;
}

/** An error record (integrationLog.ts errorRecord) as a batch of its own: it concerns no agent, so it goes as the
 * manager's (agent 000). */
export function errorBatch(record: VirusTotalRecord, manager: QueueAgent = { id: '000', name: null }): string {
  return headerLine(manager) + eventLine(record);
}

/** The batch holding only some of a batch's events (to find the one the engine refuses). */
export function splitBatch(batch: QueueBatch): [QueueBatch, QueueBatch] {
  const [header, ...events] = batch.body.split(/(?<=\n)/);
  const half = Math.ceil(events.length / 2);
  const part = (from: number, to: number): QueueBatch => ({
    agent: batch.agent,
    body: header + events.slice(from, to).join(''),
    alertIds: batch.alertIds.slice(from, to),
  });
  return [part(0, half), part(half, events.length)];
}
