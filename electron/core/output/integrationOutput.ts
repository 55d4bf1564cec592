// The integration log as the engine uses it: a line per alert once its file's verdict is known, an error line once
// per episode (not once per retry), and a write failure kept for diagnostics with the fix.
import type { Logger } from '../base/runtime';
import type { Db } from '../db/database';
import { IntegrationLogStore } from '../store/integrationLogStore';
import type { VtError } from '../vt/types';
import { integrationLogPathProblem } from './logPath';
import { IntegrationLogWriter, errorRecord, verdictRecord, type IntegrationErrorKind } from './integrationLog';

function errorKind(error: VtError): IntegrationErrorKind {
  if (error.type === 'credentials' || error.type === 'forbidden') return 'credentials';
  if (error.type === 'quota') return 'rate-limit';
  if (error.type === 'timeout') return 'timeout';
  return 'other';
}

export class IntegrationOutput {
  private writer: IntegrationLogWriter | null = null;
  private lastError = '';
  /** set while the file cannot be written (diagnostics shows it) */
  failure: string | null = null;

  private readonly store: IntegrationLogStore;

  constructor(
    db: Db,
    private readonly log: Logger,
  ) {
    this.store = new IntegrationLogStore(db);
  }

  /** null turns it off; alerts stored meanwhile are marked logged (enabling it later does not replay history) */
  setPath(file: string | null): void {
    this.writer = file ? new IntegrationLogWriter(file) : null;
    const problem = file ? integrationLogPathProblem(file) : null;
    this.failure = problem ? this.failureMessage(file!, problem) : null;
    if (this.failure) this.log.error(this.failure);
  }

  private failureMessage(file: string, reason: string): string {
    return `cannot write the integration log ${file}: ${reason} (check that its folder exists and is writable by this user)`;
  }

  get enabled(): boolean {
    return this.writer !== null;
  }

  /** One line per alert of this file whose verdict is now known. */
  flushFile(fileId: number): void {
    const writer = this.writer;
    const file = writer ? this.store.file(fileId) : undefined;
    if (!writer || !file) return;
    if (file.checkedAt !== null) this.lastError = ''; // an answer came: the next error is news again
    for (;;) {
      const pending = this.store.unloggedOfFile(fileId);
      if (pending.length === 0) return;
      const records = pending.map((a) => verdictRecord(a, file));
      if (records.some((r) => r === null)) return; // no answer yet (pending / error): written when it comes
      if (
        !this.append(
          writer,
          records.filter((r) => r !== null),
        )
      )
        return; // left unlogged: written next time
      this.store.markLogged(pending.map((a) => a.id));
      if (pending.length < 5000) return;
    }
  }

  /** An error Wazuh's rules know, written once per episode. */
  error(error: VtError): void {
    const writer = this.writer;
    if (!writer) return;
    const kind = errorKind(error);
    const key = `${kind}:${error.httpStatus}`;
    if (key === this.lastError) return;
    this.lastError = key;
    this.append(writer, [errorRecord(kind, error.httpStatus, error.message)]);
  }

  private append(writer: IntegrationLogWriter, records: Parameters<IntegrationLogWriter['append']>[0]): boolean {
    try {
      writer.append(records);
      this.failure = null;
      return true;
    } catch (error) {
      const message = this.failureMessage(writer.path, (error as Error).message);
      if (message !== this.failure) this.log.error(message);
      this.failure = message;
      return false;
    }
  }
}
