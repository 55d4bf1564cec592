// The Live view's filters as SQL over `alerts a` (and `files f` when the verdict state is asked): one place for the
// page query (alertsStore.list) and the position query (alertPosition.ts), so that a row's position is counted
// among exactly the rows the table pages through.

/** The filters of a Live page (AlertQuery without its paging). */
export interface AlertsFilterQuery {
  q?: string;
  state?: string;
  agent?: string;
  event?: string;
  maxId?: number;
  fileId?: number;
  /** the file's triage state (no triage row: new); alerts without a file never match */
  triage?: string;
}

/** LIKE pattern for a substring, with the wildcards of the input escaped. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** The WHERE terms (joined with AND) and their named parameters; a term names `f.` when it needs the files join. */
export function alertsWhere(query: AlertsFilterQuery): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.maxId !== undefined) {
    where.push('a.id <= @maxId');
    params.maxId = query.maxId;
  }
  if (query.fileId !== undefined) {
    where.push('a.file_id = @fileId');
    params.fileId = query.fileId;
  }
  if (query.q) {
    where.push("(a.path LIKE @q ESCAPE '\\' OR a.sha256 LIKE @qPrefix ESCAPE '\\' OR a.md5 LIKE @qPrefix ESCAPE '\\')");
    params.q = likeContains(query.q);
    params.qPrefix = likeContains(query.q.toLowerCase()).slice(1);
  }
  if (query.state === 'skipped') where.push('a.file_id IS NULL');
  else if (query.state) {
    where.push('f.state = @state');
    params.state = query.state;
  }
  if (query.agent) {
    where.push('(a.agent_id = @agent OR a.agent_name = @agent)');
    params.agent = query.agent;
  }
  if (query.event) {
    where.push('a.event = @event');
    params.event = query.event;
  }
  if (query.triage) {
    where.push(
      "a.file_id IS NOT NULL AND COALESCE((SELECT t.state FROM triage t WHERE t.file_id = a.file_id), 'new') = @triage",
    );
    params.triage = query.triage;
  }
  return { where, params };
}
