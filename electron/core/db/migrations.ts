// Numbered migrations on PRAGMA user_version. An applied migration is recorded with its hash, so a migration
// edited after it shipped is detected at start instead of silently diverging (Bruno's rule).
// Add a new entry at the end; never change an old one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table other tables point at (SQLite's "make other kinds of table schema changes"): foreign keys are
   * off around it (a DROP would otherwise null or delete the rows that point at the table) and checked before the
   * commit. Not part of the hash: the SQL is.
   */
  rebuildsTable?: boolean;
}

// Migration 10's triggers: a row of alert_rows added to or taken from its file's aggregates (r: NEW or OLD). A
// statement on a row without a file matches nothing (file_id = NULL is never true; the inserts test it).
const PLACE = (r: string) => `file_id = ${r}.file_id AND agent_ref = ${r}.agent_ref AND path_id = ${r}.path_id`;
/** the file has a place at the row's agent (any dictionary row with the same id and name) */
const HAS_AGENT = (r: string) => `EXISTS (SELECT 1 FROM file_places WHERE file_id = ${r}.file_id AND agent_ref IN (
    SELECT o.id FROM alert_agents n JOIN alert_agents o ON coalesce(o.agent_id, '') = coalesce(n.agent_id, '')
      AND coalesce(o.agent_name, '') = coalesce(n.agent_name, '') WHERE n.id = ${r}.agent_ref))`;
const ADD_ROW = (r: string) => `
INSERT INTO file_alerts (file_id, alerts, agents, first_ts, last_ts, max_path_id)
  SELECT ${r}.file_id, 1, NOT ${HAS_AGENT(r)}, ${r}.ts, ${r}.ts, ${r}.path_id WHERE ${r}.file_id IS NOT NULL
  ON CONFLICT (file_id) DO UPDATE SET alerts = alerts + 1, agents = agents + excluded.agents,
    first_ts = MIN(first_ts, excluded.first_ts), last_ts = MAX(last_ts, excluded.last_ts),
    max_path_id = CASE WHEN excluded.max_path_id = file_alerts.max_path_id THEN file_alerts.max_path_id
      WHEN (SELECT path FROM alert_paths WHERE id = excluded.max_path_id)
        > (SELECT path FROM alert_paths WHERE id = file_alerts.max_path_id) THEN excluded.max_path_id
      ELSE file_alerts.max_path_id END;
INSERT INTO file_places (file_id, agent_ref, path_id, alerts, first_ts, last_ts, last_id)
  SELECT ${r}.file_id, ${r}.agent_ref, ${r}.path_id, 1, ${r}.ts, ${r}.ts, ${r}.id WHERE ${r}.file_id IS NOT NULL
  ON CONFLICT (file_id, agent_ref, path_id) DO UPDATE SET alerts = alerts + 1,
    first_ts = MIN(first_ts, excluded.first_ts),
    last_id = CASE WHEN excluded.last_ts > last_ts OR (excluded.last_ts = last_ts AND excluded.last_id > last_id)
      THEN excluded.last_id ELSE last_id END,
    last_ts = MAX(last_ts, excluded.last_ts);`;
const REMOVE_ROW = (r: string) => `
UPDATE file_places SET alerts = alerts - 1 WHERE ${PLACE(r)};
DELETE FROM file_places WHERE ${PLACE(r)} AND alerts = 0;
UPDATE file_places SET first_ts = (SELECT MIN(ts) FROM alert_rows WHERE ${PLACE(r)})
  WHERE ${PLACE(r)} AND first_ts = ${r}.ts;
UPDATE file_places SET (last_ts, last_id) = (SELECT ts, id FROM alert_rows WHERE ${PLACE(r)} ORDER BY ts DESC, id DESC LIMIT 1)
  WHERE ${PLACE(r)} AND last_id = ${r}.id;
UPDATE file_alerts SET alerts = alerts - 1, agents = agents - (NOT ${HAS_AGENT(r)}) WHERE file_id = ${r}.file_id;
DELETE FROM file_alerts WHERE file_id = ${r}.file_id AND alerts = 0;
UPDATE file_alerts SET first_ts = (SELECT MIN(ts) FROM alert_rows WHERE file_id = ${r}.file_id)
  WHERE file_id = ${r}.file_id AND first_ts = ${r}.ts;
UPDATE file_alerts SET last_ts = (SELECT MAX(ts) FROM alert_rows WHERE file_id = ${r}.file_id)
  WHERE file_id = ${r}.file_id AND last_ts = ${r}.ts;
UPDATE file_alerts SET max_path_id = (SELECT x.path_id FROM file_places x JOIN alert_paths p ON p.id = x.path_id
    WHERE x.file_id = ${r}.file_id ORDER BY p.path DESC LIMIT 1)
  WHERE file_id = ${r}.file_id AND max_path_id = ${r}.path_id AND NOT EXISTS (SELECT 1 FROM file_places WHERE ${PLACE(r)});`;

// Migration 13's statements: a file's time to verdict (its first answer after its first alert, as the Files view
// computes it: NULL without either) and its order row's fields.
const FIRST_ANSWER_OF = (id: string) => `(SELECT MIN(at) FROM lookups WHERE file_id = ${id} AND error IS NULL)`;
const TTV_OF = (id: string, firstTs: string) => `MAX(0, ${FIRST_ANSWER_OF(id)} - ${firstTs})`;
const SET_TTV = (id: string) =>
  `UPDATE file_order SET ttv = ${TTV_OF(id, `(SELECT first_ts FROM file_alerts WHERE file_id = ${id})`)} WHERE file_id = ${id};`;
// the Files view's risk order (fileListStore.ts: VERDICT_RISK_ORDER, then the triage, then the newest alert first)
const RISK_RANKS = `CASE state WHEN 'malicious' THEN 0 WHEN 'suspicious' THEN 1 WHEN 'error' THEN 2 WHEN 'pending' THEN 3
    WHEN 'unknown' THEN 4 WHEN 'clean' THEN 5 WHEN 'known-good' THEN 6 WHEN 'skipped' THEN 7 ELSE 8 END,
  CASE triage WHEN 'new' THEN 0 WHEN 'escalated' THEN 1 WHEN 'acknowledged' THEN 2 WHEN 'false-positive' THEN 3
    ELSE 4 END`;

// The triggers on files, made by migrations 9, 11 and 13 and made again as they were by 14 (which rebuilds the table):
// one text for both, so the rebuilt table cannot drift from what the earlier migrations made (their SQL text is
// unchanged by this: each applied migration's hash is checked at start).
const FILES_STATE_MOVED = `CREATE TRIGGER files_state_moved AFTER UPDATE OF state ON files WHEN OLD.state IS NOT NEW.state BEGIN
  INSERT INTO counters (name, value) VALUES ('alertStatesVersion', 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1;
END;`;
const FILES_SORT_NAME_TRIGGERS = `CREATE TRIGGER files_sort_name_names AFTER UPDATE OF names ON files WHEN OLD.names IS NOT NEW.names BEGIN
  UPDATE files SET sort_name = COALESCE(NEW.names, (SELECT p.path FROM file_alerts a JOIN alert_paths p
    ON p.id = a.max_path_id WHERE a.file_id = NEW.id)) WHERE id = NEW.id;
END;
CREATE TRIGGER files_sort_name_insert AFTER INSERT ON files WHEN NEW.names IS NOT NULL BEGIN
  UPDATE files SET sort_name = NEW.names WHERE id = NEW.id;
END;`;
const FILES_ORDER_TRIGGERS = `CREATE TRIGGER files_order_insert AFTER INSERT ON files BEGIN
  INSERT INTO file_order (file_id, state, triage, last_ts, ttv)
    SELECT NEW.id, NEW.state, COALESCE((SELECT state FROM triage WHERE file_id = NEW.id), 'new'), a.last_ts,
      ${TTV_OF('NEW.id', 'a.first_ts')}
    FROM (SELECT 1) LEFT JOIN file_alerts a ON a.file_id = NEW.id WHERE true
    ON CONFLICT (file_id) DO UPDATE SET state = excluded.state, triage = excluded.triage, last_ts = excluded.last_ts,
      ttv = excluded.ttv;
END;
CREATE TRIGGER files_order_state AFTER UPDATE OF state ON files WHEN OLD.state IS NOT NEW.state BEGIN
  UPDATE file_order SET state = NEW.state WHERE file_id = NEW.id;
END;
CREATE TRIGGER files_order_delete AFTER DELETE ON files BEGIN
  DELETE FROM file_order WHERE file_id = OLD.id;
END;`;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE migrations_applied (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  applied_at INTEGER NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per followed path (a file, or a manager's logs/alerts folder).
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('file', 'folder')),
  from_end INTEGER NOT NULL DEFAULT 0,
  format TEXT,
  added_at INTEGER NOT NULL,
  -- the cursor: identity of the file being read and the byte offset after the last complete record.
  -- Written in the same transaction as the alerts it covers.
  cur_path TEXT,
  cur_dev INTEGER,
  cur_ino INTEGER,
  cur_fp_len INTEGER,
  cur_fp_hash TEXT,
  cur_offset INTEGER NOT NULL DEFAULT 0,
  -- counters, also moved in the same transaction
  bytes_read INTEGER NOT NULL DEFAULT 0,
  alerts_read INTEGER NOT NULL DEFAULT 0,
  fim_events INTEGER NOT NULL DEFAULT 0,
  registry_events INTEGER NOT NULL DEFAULT 0,
  other_alerts INTEGER NOT NULL DEFAULT 0,
  wazuh_verdicts INTEGER NOT NULL DEFAULT 0,
  parse_errors INTEGER NOT NULL DEFAULT 0,
  oversize_lines INTEGER NOT NULL DEFAULT 0,
  last_alert_at INTEGER
);

-- A file, known by up to three hashes. Several alerts (agents, paths, times) point at one file.
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT UNIQUE,
  sha1 TEXT UNIQUE,
  md5 TEXT UNIQUE,
  -- the current verdict (the newest answer)
  state TEXT NOT NULL DEFAULT 'pending',
  positives INTEGER,
  total INTEGER,
  scan_date INTEGER,
  checked_at INTEGER,
  origin TEXT,
  reason TEXT,
  -- what the newest found answer said of the file
  names TEXT,
  type TEXT,
  size INTEGER,
  threat_label TEXT,
  reputation INTEGER,
  tags TEXT,
  first_seen INTEGER,
  engines TEXT,
  first_alert_at INTEGER,
  last_lookup_id INTEGER
);
CREATE INDEX files_state ON files (state);

-- Every FIM file event, stored once per (manager, alert id).
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  manager TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  timestamp TEXT NOT NULL,
  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,
  agent_id TEXT,
  agent_name TEXT,
  agent_ip TEXT,
  rule_id TEXT NOT NULL,
  rule_level INTEGER NOT NULL,
  rule_description TEXT NOT NULL,
  rule_groups TEXT NOT NULL,
  location TEXT NOT NULL,
  path TEXT NOT NULL,
  event TEXT NOT NULL,
  mode TEXT,
  md5 TEXT,
  sha1 TEXT,
  sha256 TEXT,
  md5_before TEXT,
  sha1_before TEXT,
  sha256_before TEXT,
  size INTEGER,
  perm TEXT,
  uname TEXT,
  gname TEXT,
  uid TEXT,
  gid TEXT,
  inode INTEGER,
  mtime TEXT,
  changed_attributes TEXT,
  whodata_user TEXT,
  whodata_process TEXT,
  file_id INTEGER REFERENCES files (id),
  skip_reason TEXT,
  integration_logged INTEGER NOT NULL DEFAULT 0,
  UNIQUE (manager, alert_id)
);
CREATE INDEX alerts_ts ON alerts (ts DESC, id DESC);
CREATE INDEX alerts_file ON alerts (file_id, ts DESC);
CREATE INDEX alerts_agent ON alerts (agent_id, ts DESC);
CREATE INDEX alerts_path ON alerts (path);
CREATE INDEX alerts_unlogged ON alerts (file_id) WHERE integration_logged = 0;

-- Every answer about a file, from VirusTotal or imported from Wazuh's own integration: the history.
CREATE TABLE lookups (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files (id),
  at INTEGER NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('virustotal', 'wazuh')),
  reason TEXT,
  api TEXT,
  state TEXT NOT NULL,
  positives INTEGER,
  total INTEGER,
  scan_date INTEGER,
  permalink TEXT,
  error TEXT,
  http_status INTEGER,
  wazuh_alert_id TEXT,
  raw BLOB
);
CREATE INDEX lookups_file ON lookups (file_id, at DESC);
CREATE INDEX lookups_at ON lookups (at DESC);
CREATE UNIQUE INDEX lookups_wazuh_alert ON lookups (wazuh_alert_id) WHERE wazuh_alert_id IS NOT NULL;

-- The persistent queue: one entry per file.
CREATE TABLE queue (
  file_id INTEGER PRIMARY KEY REFERENCES files (id),
  rank INTEGER NOT NULL,
  level INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL,
  enqueued_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  reanalyse INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX queue_order ON queue (rank, level DESC, enqueued_at, file_id);

-- Every request sent to VirusTotal, for the sliding quota windows (survives restarts).
CREATE TABLE request_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX request_log_at ON request_log (at);

-- The last parse errors (kept to 100) for the diagnostics view.
CREATE TABLE parse_errors (
  id INTEGER PRIMARY KEY,
  source_id INTEGER,
  source_path TEXT NOT NULL,
  offset INTEGER NOT NULL,
  reason TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  at INTEGER NOT NULL
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'agents index that serves the agents list',
    // GROUP BY agent_id, agent_name over 100k alerts sorted in a temporary B-tree (400 ms); this index gives the
    // groups in order. The agent filter matches id OR name, which no single-column order serves anyway.
    sql: `
DROP INDEX alerts_agent;
CREATE INDEX alerts_agent_name ON alerts (agent_id, agent_name);
`,
  },
  {
    version: 3,
    name: 'what each source read of each file',
    // Byte ranges of each file a source read (tailer or backfill), keyed by the fingerprint of the file's first bytes
    // (the cursor's): a file keeps its key when Wazuh compresses it. Backfill skips what is in them
    // (readRangesStore.ts). What the sources had read before this migration is taken from their cursors: a source
    // that did not start at the end read its file from 0 to its cursor.
    sql: `
CREATE TABLE read_ranges (
  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  fp_len INTEGER NOT NULL,
  fp_hash TEXT NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  path TEXT,
  PRIMARY KEY (source_id, fp_len, fp_hash, start_offset)
) WITHOUT ROWID;
INSERT INTO read_ranges (source_id, fp_len, fp_hash, start_offset, end_offset, path)
  SELECT id, cur_fp_len, cur_fp_hash, 0, cur_offset, cur_path FROM sources
  WHERE cur_fp_hash IS NOT NULL AND cur_fp_len >= 64 AND from_end = 0 AND cur_offset > 0;
`,
  },
  {
    version: 4,
    name: 'sources of any kind',
    // A source has a type (sources/registry.ts: 'file' follows alerts files and logs/alerts folders), settings of its
    // own (config: JSON, never a credential) and, where its cursor is not a file position, an opaque JSON cursor
    // written with its alerts. kind (file or folder) is the file sources' own: other types leave it NULL, which the
    // old CHECK refused, so the table is rebuilt (rebuildsTable: foreign keys off around it).
    rebuildsTable: true,
    sql: `
CREATE TABLE sources_new (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL DEFAULT 'file',
  path TEXT NOT NULL UNIQUE,
  kind TEXT CHECK (kind IN ('file', 'folder')),
  from_end INTEGER NOT NULL DEFAULT 0,
  format TEXT,
  added_at INTEGER NOT NULL,
  config TEXT,
  cur_path TEXT,
  cur_dev INTEGER,
  cur_ino INTEGER,
  cur_fp_len INTEGER,
  cur_fp_hash TEXT,
  cur_offset INTEGER NOT NULL DEFAULT 0,
  cursor TEXT,
  bytes_read INTEGER NOT NULL DEFAULT 0,
  alerts_read INTEGER NOT NULL DEFAULT 0,
  fim_events INTEGER NOT NULL DEFAULT 0,
  registry_events INTEGER NOT NULL DEFAULT 0,
  other_alerts INTEGER NOT NULL DEFAULT 0,
  wazuh_verdicts INTEGER NOT NULL DEFAULT 0,
  parse_errors INTEGER NOT NULL DEFAULT 0,
  oversize_lines INTEGER NOT NULL DEFAULT 0,
  last_alert_at INTEGER
);
INSERT INTO sources_new (id, type, path, kind, from_end, format, added_at, cur_path, cur_dev, cur_ino, cur_fp_len,
    cur_fp_hash, cur_offset, bytes_read, alerts_read, fim_events, registry_events, other_alerts, wazuh_verdicts,
    parse_errors, oversize_lines, last_alert_at)
  SELECT id, 'file', path, kind, from_end, format, added_at, cur_path, cur_dev, cur_ino, cur_fp_len, cur_fp_hash,
    cur_offset, bytes_read, alerts_read, fim_events, registry_events, other_alerts, wazuh_verdicts, parse_errors,
    oversize_lines, last_alert_at FROM sources;
DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;
`,
  },
  {
    version: 5,
    name: 'verdicts waiting for the Wazuh 5 queue socket',
    // --wazuh-socket: one row per alert whose verdict is known (and per error episode: alert_id NULL), in the order
    // they were ready, with the NDJSON event line and its agent; sent in that order, kept as 'sent', or set aside
    // with Wazuh's message when the engine refuses that one event (400). Nothing waits in memory only.
    sql: `
CREATE TABLE wazuh_queue_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER UNIQUE,
  agent_id TEXT NOT NULL,
  agent_name TEXT,
  line TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'set-aside')),
  message TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX wazuh_queue_outbox_pending ON wazuh_queue_outbox (state, seq);
`,
  },
  {
    version: 6,
    name: 'reputation providers, the allowlist and the risk-ordered queue',
    // Answers come from more than VirusTotal and Wazuh (lookups.origin's CHECK widened: the table is rebuilt), each
    // with its one-line why and its provider's details (JSON). A file keeps the opinion of a free source or the
    // allowlist apart from the engines' answer, and the verdict decideVerdict() (shared/verdict.ts) makes of them;
    // its risk from its alerts (lookups/risk.ts). A queue entry says which provider it waits for, which providers it
    // went past while they could not answer (skipped: a bit each, they ask when they can again), and its risk;
    // ranks leave room between them (a 'sweep' from the indexer fits between backfill and refresh). The allowlist:
    // hashes and path globs the analyst marks known good, with who, when and why.
    rebuildsTable: true,
    sql: `
CREATE TABLE lookups_new (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files (id),
  at INTEGER NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('virustotal', 'wazuh', 'circl', 'malwarebazaar', 'allowlist', 'local')),
  reason TEXT,
  api TEXT,
  state TEXT NOT NULL,
  positives INTEGER,
  total INTEGER,
  scan_date INTEGER,
  permalink TEXT,
  error TEXT,
  http_status INTEGER,
  wazuh_alert_id TEXT,
  raw BLOB,
  why TEXT,
  details TEXT
);
INSERT INTO lookups_new (id, file_id, at, origin, reason, api, state, positives, total, scan_date, permalink, error,
    http_status, wazuh_alert_id, raw)
  SELECT id, file_id, at, origin, reason, api, state, positives, total, scan_date, permalink, error, http_status,
    wazuh_alert_id, raw FROM lookups;
DROP TABLE lookups;
ALTER TABLE lookups_new RENAME TO lookups;
CREATE INDEX lookups_file ON lookups (file_id, at DESC);
CREATE INDEX lookups_at ON lookups (at DESC);
CREATE UNIQUE INDEX lookups_wazuh_alert ON lookups (wazuh_alert_id) WHERE wazuh_alert_id IS NOT NULL;

ALTER TABLE files ADD COLUMN why TEXT;
ALTER TABLE files ADD COLUMN engines_state TEXT;
ALTER TABLE files ADD COLUMN opinion_provider TEXT;
ALTER TABLE files ADD COLUMN opinion_state TEXT;
ALTER TABLE files ADD COLUMN opinion_why TEXT;
ALTER TABLE files ADD COLUMN risk INTEGER;
ALTER TABLE files ADD COLUMN risk_why TEXT;
UPDATE files SET engines_state = state,
    why = CASE WHEN state = 'unknown' THEN 'not on VirusTotal'
      WHEN positives IS NOT NULL AND total IS NOT NULL THEN state || ': ' || positives || '/' || total || ' on VirusTotal'
      ELSE state || ' on VirusTotal' END
  WHERE origin IS NOT NULL AND state IN ('clean', 'malicious', 'suspicious', 'unknown');

ALTER TABLE queue ADD COLUMN provider TEXT NOT NULL DEFAULT 'local';
ALTER TABLE queue ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queue ADD COLUMN risk INTEGER NOT NULL DEFAULT 0;
UPDATE queue SET rank = CASE reason WHEN 'live' THEN 10 WHEN 'backfill' THEN 20 WHEN 'refresh' THEN 30 ELSE 0 END;
DROP INDEX queue_order;
CREATE INDEX queue_order ON queue (provider, rank, risk DESC, level DESC, enqueued_at DESC, file_id DESC);
CREATE INDEX queue_skipped ON queue (skipped) WHERE skipped != 0;

CREATE TABLE allowlist (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('hash', 'path')),
  value TEXT NOT NULL,
  why TEXT NOT NULL,
  who TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  UNIQUE (kind, value)
);
`,
  },
  {
    version: 7,
    name: 'webhook deliveries',
    // One row per message to the webhook (a file turned malicious; a triage change, when those are posted too),
    // written before anything is sent: pending ones survive a restart and are retried with backoff.
    // webhook_files remembers the last state told per file, so a file is announced once per change to malicious.
    // file_id is not a foreign key: a file row merged into another (filesStore.ts) must not lose its history here.
    sql: `
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_id INTEGER,
  sha256 TEXT,
  event TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  delivered_at INTEGER
);
CREATE INDEX webhook_due ON webhook_deliveries (status, next_attempt_at, id);

CREATE TABLE webhook_files (
  file_id INTEGER PRIMARY KEY,
  state TEXT NOT NULL
);
`,
  },
  {
    version: 8,
    name: 'triage of files',
    // The analyst's decision about each file (no row: new) and every change of it, beside the verdicts' history.
    // basis_*: the verdict the decision was taken on, so a closed file that turns more malicious goes back to new.
    sql: `
CREATE TABLE triage (
  file_id INTEGER PRIMARY KEY REFERENCES files (id),
  state TEXT NOT NULL CHECK (state IN ('new', 'acknowledged', 'false-positive', 'escalated', 'resolved')),
  note TEXT,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  basis_state TEXT,
  basis_positives INTEGER,
  basis_origin TEXT
);
CREATE INDEX triage_state ON triage (state);
CREATE TABLE triage_changes (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files (id),
  at INTEGER NOT NULL,
  state TEXT NOT NULL,
  previous TEXT NOT NULL,
  note TEXT,
  actor TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX triage_changes_file ON triage_changes (file_id, at DESC);
`,
  },
  {
    version: 9,
    name: 'compact alert rows',
    // ~750 bytes per stored FIM event to ~150 (docs/BENCHMARKS.md, "Storage"): what repeats goes into small
    // dictionaries (managers, agents, paths, and the rule + file attributes as one "shape"), the alert id
    // "<epoch>.<offset>" is two integers, the timestamp is ts plus its zone offset, and the alert's hashes are
    // bits saying "the file's own" (its row holds them) unless the alert carried others (then a row of alert_hashes,
    // as are the hashes before a change). The indexes are the ones the queries use (store/alertPages.ts; the
    // History's own, lookups_page, replaces lookups_at). The old columns stay readable through the view `alerts`. The old table is dropped: foreign keys off around it.
    rebuildsTable: true,
    sql: `
CREATE TABLE alert_managers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE alert_agents (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  agent_id TEXT,
  agent_name TEXT,
  agent_ip TEXT,
  -- the rows that point here (kept in the ingest transaction: the agents list without a scan)
  alerts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE alert_paths (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
-- [rule id, level, description, groups, location, mode, perm, uname, gname, uid, gid, changed attributes,
--  whodata user, whodata process, skip reason] as JSON
CREATE TABLE alert_shapes (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
CREATE TABLE alert_hashes (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, md5 TEXT, sha1 TEXT, sha256 TEXT);

CREATE TABLE alert_rows (
  id INTEGER PRIMARY KEY,
  manager_id INTEGER NOT NULL,
  -- the alert id "<epoch>.<offset>" as two integers when they give it back exactly; else -1 and the text
  alert_s INTEGER NOT NULL,
  alert_n NOT NULL,
  ts INTEGER NOT NULL,
  -- the timestamp: its zone offset in minutes when ts and the offset give it back exactly, else the text
  tz,
  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,
  agent_ref INTEGER NOT NULL,
  shape_id INTEGER NOT NULL,
  path_id INTEGER NOT NULL,
  -- 0 modified, 1 added, 2 deleted, 3 unknown (a row built from Wazuh's own VirusTotal alert)
  event INTEGER NOT NULL,
  file_id INTEGER REFERENCES files (id),
  -- which hashes the alert carried that are its file's own (1 md5, 2 sha1, 4 sha256); others: after_hashes_id
  hash_mask INTEGER NOT NULL DEFAULT 0,
  after_hashes_id INTEGER,
  before_hashes_id INTEGER,
  size INTEGER,
  inode INTEGER,
  -- an integer when the text was one
  mtime,
  integration_logged INTEGER NOT NULL DEFAULT 0
);

INSERT INTO alert_managers (name) SELECT DISTINCT manager FROM alerts;
INSERT OR IGNORE INTO alert_agents (key, agent_id, agent_name, agent_ip)
  SELECT DISTINCT json_array(agent_id, agent_name, agent_ip), agent_id, agent_name, agent_ip FROM alerts;
INSERT OR IGNORE INTO alert_paths (path) SELECT DISTINCT path FROM alerts;
INSERT OR IGNORE INTO alert_shapes (key)
  SELECT DISTINCT json_array(rule_id, rule_level, rule_description, rule_groups, location, mode, perm, uname, gname,
    uid, gid, changed_attributes, whodata_user, whodata_process, skip_reason) FROM alerts;

-- the alert's hashes where its file's row does not hold them all, and the hashes before a change
CREATE TEMP TABLE alert_hash_facts AS
  SELECT a.id,
    (CASE WHEN a.md5 IS NOT NULL AND a.md5 = f.md5 THEN 1 ELSE 0 END)
      | (CASE WHEN a.sha1 IS NOT NULL AND a.sha1 = f.sha1 THEN 2 ELSE 0 END)
      | (CASE WHEN a.sha256 IS NOT NULL AND a.sha256 = f.sha256 THEN 4 ELSE 0 END) AS mask,
    (a.md5 IS NOT NULL AND a.md5 IS NOT f.md5) OR (a.sha1 IS NOT NULL AND a.sha1 IS NOT f.sha1)
      OR (a.sha256 IS NOT NULL AND a.sha256 IS NOT f.sha256) AS explicit,
    coalesce(a.md5, '') || ':' || coalesce(a.sha1, '') || ':' || coalesce(a.sha256, '') AS after_key,
    CASE WHEN coalesce(a.md5_before, a.sha1_before, a.sha256_before) IS NOT NULL
      THEN coalesce(a.md5_before, '') || ':' || coalesce(a.sha1_before, '') || ':' || coalesce(a.sha256_before, '')
    END AS before_key
  FROM alerts a LEFT JOIN files f ON f.id = a.file_id;
INSERT OR IGNORE INTO alert_hashes (key, md5, sha1, sha256)
  SELECT DISTINCT h.after_key, a.md5, a.sha1, a.sha256 FROM alert_hash_facts h JOIN alerts a ON a.id = h.id
  WHERE h.explicit;
INSERT OR IGNORE INTO alert_hashes (key, md5, sha1, sha256)
  SELECT DISTINCT h.before_key, a.md5_before, a.sha1_before, a.sha256_before
  FROM alert_hash_facts h JOIN alerts a ON a.id = h.id WHERE h.before_key IS NOT NULL;

INSERT INTO alert_rows (id, manager_id, alert_s, alert_n, ts, tz, source_id, agent_ref, shape_id, path_id, event, file_id,
    hash_mask, after_hashes_id, before_hashes_id, size, inode, mtime, integration_logged)
  SELECT a.id, m.id,
    CASE WHEN a.alert_id GLOB '[0-9]*.[0-9]*' AND a.alert_id NOT GLOB '*[^0-9.]*'
        AND instr(substr(a.alert_id, instr(a.alert_id, '.') + 1), '.') = 0 AND length(a.alert_id) <= 31
        AND CAST(CAST(substr(a.alert_id, 1, instr(a.alert_id, '.') - 1) AS INTEGER) AS TEXT) || '.'
          || CAST(CAST(substr(a.alert_id, instr(a.alert_id, '.') + 1) AS INTEGER) AS TEXT) = a.alert_id
        AND CAST(substr(a.alert_id, 1, instr(a.alert_id, '.') - 1) AS INTEGER) < 9007199254740992
        AND CAST(substr(a.alert_id, instr(a.alert_id, '.') + 1) AS INTEGER) < 9007199254740992
      THEN CAST(substr(a.alert_id, 1, instr(a.alert_id, '.') - 1) AS INTEGER) ELSE -1 END,
    CASE WHEN a.alert_id GLOB '[0-9]*.[0-9]*' AND a.alert_id NOT GLOB '*[^0-9.]*'
        AND instr(substr(a.alert_id, instr(a.alert_id, '.') + 1), '.') = 0 AND length(a.alert_id) <= 31
        AND CAST(CAST(substr(a.alert_id, 1, instr(a.alert_id, '.') - 1) AS INTEGER) AS TEXT) || '.'
          || CAST(CAST(substr(a.alert_id, instr(a.alert_id, '.') + 1) AS INTEGER) AS TEXT) = a.alert_id
        AND CAST(substr(a.alert_id, 1, instr(a.alert_id, '.') - 1) AS INTEGER) < 9007199254740992
        AND CAST(substr(a.alert_id, instr(a.alert_id, '.') + 1) AS INTEGER) < 9007199254740992
      THEN CAST(substr(a.alert_id, instr(a.alert_id, '.') + 1) AS INTEGER) ELSE a.alert_id END,
    a.ts,
    CASE WHEN a.timestamp GLOB '*[+-][0-9][0-9][0-9][0-9]' AND a.ts >= 86400000 AND a.ts < 253402214400000
        AND CAST(substr(a.timestamp, -4, 2) AS INTEGER) * 60 + CAST(substr(a.timestamp, -2) AS INTEGER) <= 1080
        AND a.timestamp = (
        SELECT strftime('%Y-%m-%dT%H:%M:%S', (a.ts + o.minutes * 60000) / 1000, 'unixepoch') || '.'
          || printf('%03d', (a.ts + o.minutes * 60000) % 1000)
          || CASE WHEN o.minutes < 0 THEN '-' ELSE '+' END
          || printf('%02d%02d', abs(o.minutes) / 60, abs(o.minutes) % 60)
        FROM (SELECT (CASE WHEN substr(a.timestamp, -5, 1) = '-' THEN -1 ELSE 1 END)
          * (CAST(substr(a.timestamp, -4, 2) AS INTEGER) * 60 + CAST(substr(a.timestamp, -2) AS INTEGER)) AS minutes) o)
      THEN (CASE WHEN substr(a.timestamp, -5, 1) = '-' THEN -1 ELSE 1 END)
        * (CAST(substr(a.timestamp, -4, 2) AS INTEGER) * 60 + CAST(substr(a.timestamp, -2) AS INTEGER))
      ELSE a.timestamp END,
    a.source_id, ag.id, sh.id, p.id,
    CASE a.event WHEN 'modified' THEN 0 WHEN 'added' THEN 1 WHEN 'deleted' THEN 2 ELSE 3 END,
    a.file_id,
    CASE WHEN h.explicit THEN 0 ELSE h.mask END,
    CASE WHEN h.explicit THEN (SELECT id FROM alert_hashes WHERE key = h.after_key) END,
    (SELECT id FROM alert_hashes WHERE key = h.before_key),
    a.size, a.inode,
    CASE WHEN a.mtime GLOB '[0-9]*' AND a.mtime NOT GLOB '*[^0-9]*' AND length(a.mtime) <= 15
        AND CAST(CAST(a.mtime AS INTEGER) AS TEXT) = a.mtime
      THEN CAST(a.mtime AS INTEGER) ELSE a.mtime END,
    a.integration_logged
  FROM alerts a
  JOIN alert_hash_facts h ON h.id = a.id
  JOIN alert_managers m ON m.name = a.manager
  JOIN alert_agents ag ON ag.key = json_array(a.agent_id, a.agent_name, a.agent_ip)
  JOIN alert_shapes sh ON sh.key = json_array(a.rule_id, a.rule_level, a.rule_description, a.rule_groups, a.location,
    a.mode, a.perm, a.uname, a.gname, a.uid, a.gid, a.changed_attributes, a.whodata_user, a.whodata_process,
    a.skip_reason)
  JOIN alert_paths p ON p.path = a.path;
DROP TABLE alert_hash_facts;
DROP TABLE alerts;

CREATE UNIQUE INDEX alert_rows_key ON alert_rows (alert_n, alert_s, manager_id);
-- the Live table's order, with what its filters test (walked without reading the rows)
CREATE INDEX alert_rows_ts ON alert_rows (ts, id, file_id, agent_ref, event, path_id);
-- a file's alerts (the file page, merges, its latest path, the history's search and top agents)
CREATE INDEX alert_rows_file ON alert_rows (file_id, ts, path_id, agent_ref);
CREATE INDEX alert_rows_agent ON alert_rows (agent_ref, ts);
CREATE INDEX alert_rows_path ON alert_rows (path_id, ts);
CREATE INDEX alert_rows_unlogged ON alert_rows (file_id) WHERE integration_logged = 0;
-- the few rows whose hashes are not their file's (a search by hash reads them)
CREATE INDEX alert_rows_own_hashes ON alert_rows (after_hashes_id) WHERE after_hashes_id IS NOT NULL;
-- the History view's order with what its filters, counts and summary read (no row of a long answer is read);
-- it serves what lookups_at did
CREATE INDEX lookups_page ON lookups (at, id, state, origin, file_id);
DROP INDEX lookups_at;
-- the History's search by name reads this, not the files' long rows
CREATE INDEX files_names ON files (names) WHERE names IS NOT NULL;
-- answers moved to another file (a merge): the History's cached totals are counted again
CREATE TRIGGER lookups_file_moved AFTER UPDATE OF file_id ON lookups BEGIN
  INSERT INTO counters (name, value) VALUES ('lookupsVersion', 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1;
END;
UPDATE alert_agents SET alerts = (SELECT COUNT(*) FROM alert_rows WHERE agent_ref = alert_agents.id);
INSERT INTO counters (name, value) VALUES ('alertRows', (SELECT COUNT(*) FROM alert_rows))
  ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- a file's verdict moved, or alerts moved to another file: totals of the alerts by state are counted again
${FILES_STATE_MOVED}
CREATE TRIGGER alert_rows_file_moved AFTER UPDATE OF file_id ON alert_rows BEGIN
  INSERT INTO counters (name, value) VALUES ('alertRowsVersion', 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1;
END;

-- the old columns, for reading (what older queries and tools expect of "alerts")
CREATE VIEW alerts AS
  SELECT a.id, m.name AS manager,
    CASE WHEN a.alert_s >= 0 THEN a.alert_s || '.' || a.alert_n ELSE a.alert_n END AS alert_id,
    a.ts,
    CASE WHEN typeof(a.tz) = 'integer' THEN
        strftime('%Y-%m-%dT%H:%M:%S', (a.ts + a.tz * 60000) / 1000, 'unixepoch') || '.'
          || printf('%03d', (a.ts + a.tz * 60000) % 1000) || CASE WHEN a.tz < 0 THEN '-' ELSE '+' END
          || printf('%02d%02d', abs(a.tz) / 60, abs(a.tz) % 60)
      ELSE a.tz END AS timestamp,
    a.source_id, ag.agent_id, ag.agent_name, ag.agent_ip,
    json_extract(s.key, '$[0]') AS rule_id, json_extract(s.key, '$[1]') AS rule_level,
    json_extract(s.key, '$[2]') AS rule_description, json_extract(s.key, '$[3]') AS rule_groups,
    json_extract(s.key, '$[4]') AS location, p.path,
    CASE a.event WHEN 0 THEN 'modified' WHEN 1 THEN 'added' WHEN 2 THEN 'deleted' ELSE 'unknown' END AS event,
    json_extract(s.key, '$[5]') AS mode,
    CASE WHEN a.after_hashes_id IS NOT NULL THEN ah.md5 WHEN a.hash_mask & 1 THEN f.md5 END AS md5,
    CASE WHEN a.after_hashes_id IS NOT NULL THEN ah.sha1 WHEN a.hash_mask & 2 THEN f.sha1 END AS sha1,
    CASE WHEN a.after_hashes_id IS NOT NULL THEN ah.sha256 WHEN a.hash_mask & 4 THEN f.sha256 END AS sha256,
    bh.md5 AS md5_before, bh.sha1 AS sha1_before, bh.sha256 AS sha256_before,
    a.size, json_extract(s.key, '$[6]') AS perm, json_extract(s.key, '$[7]') AS uname,
    json_extract(s.key, '$[8]') AS gname, json_extract(s.key, '$[9]') AS uid, json_extract(s.key, '$[10]') AS gid,
    a.inode, CAST(a.mtime AS TEXT) AS mtime, json_extract(s.key, '$[11]') AS changed_attributes,
    json_extract(s.key, '$[12]') AS whodata_user, json_extract(s.key, '$[13]') AS whodata_process,
    a.file_id, json_extract(s.key, '$[14]') AS skip_reason, a.integration_logged
  FROM alert_rows a
  JOIN alert_managers m ON m.id = a.manager_id
  JOIN alert_agents ag ON ag.id = a.agent_ref
  JOIN alert_shapes s ON s.id = a.shape_id
  JOIN alert_paths p ON p.id = a.path_id
  LEFT JOIN files f ON f.id = a.file_id
  LEFT JOIN alert_hashes ah ON ah.id = a.after_hashes_id
  LEFT JOIN alert_hashes bh ON bh.id = a.before_hashes_id;
`,
  },
  {
    version: 10,
    name: 'per-file alert aggregates',
    // The Files view's figures without reading the alerts: each place of a file (file, agent, path) with
    // its count, first and last time and newest row, and each file's summary (alerts, distinct agents, first and
    // last time, its greatest path for the sort by name). Kept by triggers on alert_rows, so every writer (ingest,
    // the Wazuh row a FIM alert replaces, merges, retention) keeps them in its own transaction; built here from the
    // rows there are. An agent is counted as the Files view always did: by id and name (its ip aside).
    sql: `
CREATE TABLE file_places (
  file_id INTEGER NOT NULL,
  agent_ref INTEGER NOT NULL,
  path_id INTEGER NOT NULL,
  alerts INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  -- the newest row of the place (by ts, then id): the export's alert id
  last_id INTEGER NOT NULL,
  PRIMARY KEY (file_id, agent_ref, path_id)
) WITHOUT ROWID;
CREATE TABLE file_alerts (
  file_id INTEGER PRIMARY KEY,
  alerts INTEGER NOT NULL,
  -- distinct agents (id, name) of the file's places
  agents INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  -- the greatest of its paths (the name the Files view sorts by when the file has none)
  max_path_id INTEGER NOT NULL
);
-- the Files view's filters by agent and by path
CREATE INDEX file_places_agent ON file_places (agent_ref);
CREATE INDEX file_places_path ON file_places (path_id);
-- a file's first answer (its time to verdict), read on the index alone
CREATE INDEX lookups_answered ON lookups (file_id, at) WHERE error IS NULL;
-- a place's first and newest rows when one of them goes (retention, a merge)
CREATE INDEX alert_rows_place ON alert_rows (file_id, agent_ref, path_id, ts);
-- the dictionary rows of one agent as the Files view tells agents apart
CREATE INDEX alert_agents_identity ON alert_agents (coalesce(agent_id, ''), coalesce(agent_name, ''));

INSERT INTO file_places (file_id, agent_ref, path_id, alerts, first_ts, last_ts, last_id)
  SELECT g.file_id, g.agent_ref, g.path_id, g.alerts, g.first_ts, g.last_ts,
    (SELECT x.id FROM alert_rows x WHERE x.file_id = g.file_id AND x.agent_ref = g.agent_ref AND x.path_id = g.path_id
      ORDER BY x.ts DESC, x.id DESC LIMIT 1)
  FROM (SELECT file_id, agent_ref, path_id, COUNT(*) AS alerts, MIN(ts) AS first_ts, MAX(ts) AS last_ts
    FROM alert_rows WHERE file_id IS NOT NULL GROUP BY file_id, agent_ref, path_id) g;
INSERT INTO file_alerts (file_id, alerts, agents, first_ts, last_ts, max_path_id)
  SELECT fp.file_id, SUM(fp.alerts),
    COUNT(DISTINCT coalesce(ag.agent_id, '') || char(0) || coalesce(ag.agent_name, '')), MIN(fp.first_ts),
    MAX(fp.last_ts),
    (SELECT p.id FROM file_places x JOIN alert_paths p ON p.id = x.path_id WHERE x.file_id = fp.file_id
      ORDER BY p.path DESC LIMIT 1)
  FROM file_places fp JOIN alert_agents ag ON ag.id = fp.agent_ref GROUP BY fp.file_id;

CREATE TRIGGER alert_rows_places_insert AFTER INSERT ON alert_rows WHEN NEW.file_id IS NOT NULL BEGIN
${ADD_ROW('NEW')}
END;
CREATE TRIGGER alert_rows_places_delete AFTER DELETE ON alert_rows WHEN OLD.file_id IS NOT NULL BEGIN
${REMOVE_ROW('OLD')}
END;
CREATE TRIGGER alert_rows_places_update AFTER UPDATE OF file_id, agent_ref, path_id, ts ON alert_rows
  WHEN OLD.file_id IS NOT NEW.file_id OR OLD.agent_ref IS NOT NEW.agent_ref OR OLD.path_id IS NOT NEW.path_id
    OR OLD.ts IS NOT NEW.ts BEGIN
${REMOVE_ROW('OLD')}
${ADD_ROW('NEW')}
END;
`,
  },
  {
    version: 11,
    name: 'files sort name',
    // The Files view's sort by name (a file's names from VirusTotal, else its greatest path) without comparing every
    // file's: kept on the file by triggers (an answer's names, a new greatest path, the file's last alert going)
    // and read in order on an index. Only a changed greatest path touches the file's row.
    sql: `
ALTER TABLE files ADD COLUMN sort_name TEXT;
UPDATE files SET sort_name = COALESCE(names, (SELECT p.path FROM file_alerts a JOIN alert_paths p ON p.id = a.max_path_id
  WHERE a.file_id = files.id));
CREATE INDEX files_sort_name ON files (sort_name COLLATE NOCASE, id DESC);

${FILES_SORT_NAME_TRIGGERS}
CREATE TRIGGER file_alerts_sort_name_insert AFTER INSERT ON file_alerts BEGIN
  UPDATE files SET sort_name = (SELECT path FROM alert_paths WHERE id = NEW.max_path_id)
    WHERE id = NEW.file_id AND names IS NULL;
END;
CREATE TRIGGER file_alerts_sort_name_update AFTER UPDATE OF max_path_id ON file_alerts
  WHEN OLD.max_path_id IS NOT NEW.max_path_id BEGIN
  UPDATE files SET sort_name = (SELECT path FROM alert_paths WHERE id = NEW.max_path_id)
    WHERE id = NEW.file_id AND names IS NULL;
END;
CREATE TRIGGER file_alerts_sort_name_delete AFTER DELETE ON file_alerts BEGIN
  UPDATE files SET sort_name = NULL WHERE id = OLD.file_id AND names IS NULL;
END;
`,
  },
  {
    version: 12,
    name: 'hash sets without their text key',
    // The hash sets alert rows point at (the hashes before a change; an alert's own when its file's row does not hold
    // them) kept a text key "md5:sha1:sha256" under a UNIQUE index only so that a set is stored once. Nearly every
    // set is new (the content before a change), and that random-key index was 11% of the pages each ingest commit
    // wrote (docs/BENCHMARKS.md, "Where the ingest's time goes"). Rows keep their ids; a set is stored once per run
    // (the ingest's in-memory map), and nothing reads the sets by their hashes but a search, which scans them.
    sql: `
CREATE TABLE alert_hashes_new (id INTEGER PRIMARY KEY, md5 TEXT, sha1 TEXT, sha256 TEXT);
INSERT INTO alert_hashes_new (id, md5, sha1, sha256) SELECT id, md5, sha1, sha256 FROM alert_hashes;
DROP TABLE alert_hashes;
-- the view \`alerts\` reads the same columns of the new table: the rename neither checks nor rewrites it (SQLite's
-- steps for changing a table's schema)
PRAGMA legacy_alter_table = ON;
ALTER TABLE alert_hashes_new RENAME TO alert_hashes;
PRAGMA legacy_alter_table = OFF;
`,
  },
  {
    version: 13,
    name: 'files order',
    // The Files view's default order (risk) and its order by time to verdict, and its totals, on a narrow row per
    // file read in order on an index, instead of sorting every file (a page deep in the list sorted them all): the
    // file's verdict, its triage state, its newest alert and its time to verdict, kept by triggers on files, triage,
    // file_alerts and lookups. The risk index is on the same expressions as the store's ORDER BY (SQLite uses it
    // only while they match: a changed order stays right, and is slow again until a migration follows it).
    // Ingest: a file's newest alert moving moves its entry in the risk index.
    sql: `
CREATE TABLE file_order (
  file_id INTEGER PRIMARY KEY,
  -- files.state
  state TEXT NOT NULL,
  -- COALESCE(triage.state, 'new')
  triage TEXT NOT NULL,
  -- file_alerts.last_ts (NULL: no alert)
  last_ts INTEGER,
  -- time to verdict: the first answer after the first alert, never below 0 (NULL: no answer or no alert)
  ttv INTEGER
);
CREATE INDEX file_order_risk ON file_order (${RISK_RANKS}, last_ts DESC, file_id DESC);
CREATE INDEX file_order_ttv ON file_order (ttv, file_id DESC);

INSERT INTO file_order (file_id, state, triage, last_ts, ttv)
  SELECT f.id, f.state, COALESCE(t.state, 'new'), a.last_ts, ${TTV_OF('f.id', 'a.first_ts')}
  FROM files f LEFT JOIN triage t ON t.file_id = f.id LEFT JOIN file_alerts a ON a.file_id = f.id;

${FILES_ORDER_TRIGGERS}

CREATE TRIGGER triage_order_insert AFTER INSERT ON triage BEGIN
  UPDATE file_order SET triage = NEW.state WHERE file_id = NEW.file_id;
END;
CREATE TRIGGER triage_order_update AFTER UPDATE OF file_id, state ON triage
  WHEN OLD.file_id IS NOT NEW.file_id OR OLD.state IS NOT NEW.state BEGIN
  UPDATE file_order SET triage = 'new' WHERE file_id = OLD.file_id;
  UPDATE file_order SET triage = NEW.state WHERE file_id = NEW.file_id;
END;
CREATE TRIGGER triage_order_delete AFTER DELETE ON triage BEGIN
  UPDATE file_order SET triage = 'new' WHERE file_id = OLD.file_id;
END;

CREATE TRIGGER file_alerts_order_insert AFTER INSERT ON file_alerts BEGIN
  UPDATE file_order SET last_ts = NEW.last_ts, ttv = ${TTV_OF('NEW.file_id', 'NEW.first_ts')}
    WHERE file_id = NEW.file_id;
END;
-- apart: an alert newer than the file's others moves its risk entry only, an older one its time to verdict only
CREATE TRIGGER file_alerts_order_last AFTER UPDATE OF last_ts ON file_alerts WHEN OLD.last_ts IS NOT NEW.last_ts BEGIN
  UPDATE file_order SET last_ts = NEW.last_ts WHERE file_id = NEW.file_id;
END;
CREATE TRIGGER file_alerts_order_first AFTER UPDATE OF first_ts ON file_alerts
  WHEN OLD.first_ts IS NOT NEW.first_ts BEGIN
  UPDATE file_order SET ttv = ${TTV_OF('NEW.file_id', 'NEW.first_ts')} WHERE file_id = NEW.file_id;
END;
CREATE TRIGGER file_alerts_order_delete AFTER DELETE ON file_alerts BEGIN
  UPDATE file_order SET last_ts = NULL, ttv = NULL WHERE file_id = OLD.file_id;
END;

CREATE TRIGGER lookups_order_insert AFTER INSERT ON lookups WHEN NEW.error IS NULL BEGIN
  ${SET_TTV('NEW.file_id')}
END;
CREATE TRIGGER lookups_order_update AFTER UPDATE OF file_id, at, error ON lookups
  WHEN OLD.file_id IS NOT NEW.file_id OR OLD.at IS NOT NEW.at OR OLD.error IS NOT NEW.error BEGIN
  ${SET_TTV('OLD.file_id')}
  ${SET_TTV('NEW.file_id')}
END;
CREATE TRIGGER lookups_order_delete AFTER DELETE ON lookups WHEN OLD.error IS NULL BEGIN
  ${SET_TTV('OLD.file_id')}
END;
`,
  },
  {
    version: 14,
    name: 'file engines apart',
    // Each engine's result of a file's newest answer (~7 kB of JSON for VirusTotal's ~70 engines) moves out of the
    // files row into its own table, read only by the file page. In the row it made every read of a file (each FIM
    // event's file at ingest, each answer, each Live page's verdicts, whose columns lay after it) walk two overflow
    // pages and carry a 7 kB string (docs/BENCHMARKS.md, "The engines apart from the file"). The table is rebuilt
    // rather than its column dropped: a dropped column leaves each row alone on its page (2.2 GB instead of 1.9 at
    // 1M alerts); rebuilt, the files are ~450 bytes a row, packed. Its indexes and triggers are made again as they were.
    rebuildsTable: true,
    sql: `
CREATE TABLE files_new (
  id INTEGER PRIMARY KEY,
  sha256 TEXT UNIQUE,
  sha1 TEXT UNIQUE,
  md5 TEXT UNIQUE,
  -- the current verdict (the newest answer)
  state TEXT NOT NULL DEFAULT 'pending',
  positives INTEGER,
  total INTEGER,
  scan_date INTEGER,
  checked_at INTEGER,
  origin TEXT,
  reason TEXT,
  -- what the newest found answer said of the file (each engine's result: file_engines)
  names TEXT,
  type TEXT,
  size INTEGER,
  threat_label TEXT,
  reputation INTEGER,
  tags TEXT,
  first_seen INTEGER,
  first_alert_at INTEGER,
  last_lookup_id INTEGER,
  why TEXT,
  engines_state TEXT,
  opinion_provider TEXT,
  opinion_state TEXT,
  opinion_why TEXT,
  risk INTEGER,
  risk_why TEXT,
  sort_name TEXT
);
INSERT INTO files_new (id, sha256, sha1, md5, state, positives, total, scan_date, checked_at, origin, reason, names,
    type, size, threat_label, reputation, tags, first_seen, first_alert_at, last_lookup_id, why, engines_state,
    opinion_provider, opinion_state, opinion_why, risk, risk_why, sort_name)
  SELECT id, sha256, sha1, md5, state, positives, total, scan_date, checked_at, origin, reason, names,
    type, size, threat_label, reputation, tags, first_seen, first_alert_at, last_lookup_id, why, engines_state,
    opinion_provider, opinion_state, opinion_why, risk, risk_why, sort_name
  FROM files ORDER BY id;
CREATE TABLE file_engines (
  file_id INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  -- JSON: [{ engine, category, result }] of the newest answer that listed them
  engines TEXT NOT NULL
);
INSERT INTO file_engines (file_id, engines) SELECT id, engines FROM files WHERE engines IS NOT NULL ORDER BY id;
DROP TABLE files;
-- what points at files (other tables' keys and triggers, the view alerts) names it and finds the new table: the
-- rename neither checks nor rewrites them (as migration 12)
PRAGMA legacy_alter_table = ON;
ALTER TABLE files_new RENAME TO files;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX files_state ON files (state);
CREATE INDEX files_names ON files (names) WHERE names IS NOT NULL;
CREATE INDEX files_sort_name ON files (sort_name COLLATE NOCASE, id DESC);
${FILES_STATE_MOVED}
${FILES_SORT_NAME_TRIGGERS}
${FILES_ORDER_TRIGGERS}
`,
  },
];
