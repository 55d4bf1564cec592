// PRAGMA quick_check on a worker thread with its own read-only connection: the whole file is read while the engine
// serves (WAL lets a reader run beside the writer), the event loop never waits for it. startCheck.ts says when.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type CheckOutcome =
  | { state: 'ok' }
  /** SQLite's own words about the damage */
  | { state: 'damaged'; message: string }
  /** the check could not run (no worker, the file busy): nothing is known */
  | { state: 'failed'; message: string };

export interface BackgroundCheck {
  readonly done: Promise<CheckOutcome>;
  /** stop the check (the engine stops); `done` then says so */
  cancel(): Promise<void>;
}

// CommonJS, evaluated by the worker: better-sqlite3 is given by its resolved path (no bundler reaches this text)
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  db.pragma('busy_timeout = 10000');
  const rows = db.pragma('quick_check(20)').map((row) => String(Object.values(row)[0]));
  parentPort.postMessage(rows.length === 1 && rows[0] === 'ok' ? { state: 'ok' } : { state: 'damaged', message: rows.join('; ') });
} catch (error) {
  const code = String((error && error.code) || '');
  const message = String((error && error.message) || error);
  const damaged = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
  parentPort.postMessage({ state: damaged ? 'damaged' : 'failed', message });
} finally {
  if (db) db.close();
}
`;

export function checkInBackground(file: string, nativeBinding?: string): BackgroundCheck {
  let worker: Worker;
  try {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module, nativeBinding } });
  } catch (error) {
    const message = `the check could not start: ${(error as Error).message}`;
    return { done: Promise.resolve({ state: 'failed', message }), cancel: async () => {} };
  }
  let cancelled = false;
  const done = new Promise<CheckOutcome>((resolve) => {
    // SQLite's report spans lines ("*** in database main ***\nPage 9: ..."): one line for a notice
    worker.once('message', (outcome: CheckOutcome) =>
      resolve('message' in outcome ? { ...outcome, message: outcome.message.replace(/\s*\n\s*/g, ' ') } : outcome),
    );
    worker.once('error', (error) => resolve({ state: 'failed', message: `the check stopped: ${error.message}` }));
    worker.once('exit', () =>
      resolve({
        state: 'failed',
        message: cancelled ? 'stopped with the engine' : 'the check ended without an answer',
      }),
    );
  });
  return {
    done,
    cancel: async () => {
      cancelled = true;
      await worker.terminate();
    },
  };
}
