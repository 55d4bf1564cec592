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
];
