// The outbox of the Wazuh 5 queue socket (--wazuh-socket): one row per alert whose verdict is known, and per error
// episode, in the order they were ready (seq), with the NDJSON event line and its agent. output/wazuhQueueOutput.ts
// adds the rows and sends the pending ones in order; a row is kept as 'sent', or 'set-aside' with Wazuh's message.
import type { AlertItem } from '../../../shared/contract';
import type { Db } from '../db/database';
import { SELECT_ITEMS, toAlertItem, type AlertJoinRow } from './alertsStore';

export interface OutboxRow {
  seq: number;
  alertId: number | null;
  agentId: string;
  agentName: string | null;
  line: string;
}

export interface OutboxEntry {
  alertId: number | null;
  agentId: string;
  agentName: string | null;
  line: string;
}

interface Row {
  seq: number;
  alert_id: number | null;
  agent_id: string;
  agent_name: string | null;
  line: string;
}

export class WazuhQueueStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      notQueued: db.prepare(
        `${SELECT_ITEMS} WHERE a.file_id = ? AND NOT EXISTS (SELECT 1 FROM wazuh_queue_outbox q WHERE q.alert_id = a.id)
         ORDER BY a.id LIMIT 5000`,
      ),
      file: db.prepare('SELECT md5, sha1, sha256 FROM files WHERE id = ?'),
      insert: db.prepare(`INSERT OR IGNORE INTO wazuh_queue_outbox (alert_id, agent_id, agent_name, line, created_at)
        VALUES (@alertId, @agentId, @agentName, @line, @at)`),
      pending: db.prepare(
        `SELECT seq, alert_id, agent_id, agent_name, line FROM wazuh_queue_outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`,
      ),
      mark: db.prepare('UPDATE wazuh_queue_outbox SET state = ?, message = ? WHERE seq = ?'),
      counts: db.prepare(`SELECT state, COUNT(*) AS n FROM wazuh_queue_outbox GROUP BY state`),
      lastAside: db.prepare(
        `SELECT message FROM wazuh_queue_outbox WHERE state = 'set-aside' ORDER BY seq DESC LIMIT 1`,
      ),
    };
  }

  fileHashes(fileId: number): { md5: string | null; sha1: string | null; sha256: string | null } | undefined {
    return this.s.file.get(fileId) as { md5: string | null; sha1: string | null; sha256: string | null } | undefined;
  }

  /** The alerts of this file not in the outbox yet (at most 5000 at a time), oldest first. */
  notQueued(fileId: number): AlertItem[] {
    return (this.s.notQueued.all(fileId) as AlertJoinRow[]).map(toAlertItem);
  }

  add(entries: readonly OutboxEntry[], at: number): void {
    this.db.transaction(() => {
      for (const e of entries) this.s.insert.run({ ...e, at });
    })();
  }

  pending(limit: number): OutboxRow[] {
    return (this.s.pending.all(limit) as Row[]).map((r) => ({
      seq: r.seq,
      alertId: r.alert_id,
      agentId: r.agent_id,
      agentName: r.agent_name,
      line: r.line,
    }));
  }

  mark(seqs: readonly number[], state: 'sent' | 'set-aside', message: string | null = null): void {
    this.db.transaction(() => seqs.forEach((seq) => this.s.mark.run(state, message, seq)))();
  }

  counts(): { pending: number; sent: number; setAside: number; lastSetAside: string | null } {
    const by = new Map((this.s.counts.all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    const last = this.s.lastAside.get() as { message: string } | undefined;
    return {
      pending: by.get('pending') ?? 0,
      sent: by.get('sent') ?? 0,
      setAside: by.get('set-aside') ?? 0,
      lastSetAside: last?.message ?? null,
    };
  }
}
