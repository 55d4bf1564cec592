// A fresh database for each test (the app's own openDatabase on a temporary folder), closed and removed after it.
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { makeTempDir } from './tempDir';

/** Call at the top of a test file; the returned function opens a database in a new temporary folder. */
export function useTempDatabase(prefix = 'fimv-db-'): () => Db {
  const opened: { db: Db; cleanup: () => void }[] = [];
  afterEach(() => {
    for (const o of opened.splice(0)) {
      if (o.db.open) o.db.close();
      o.cleanup();
    }
  });
  return () => {
    const t = makeTempDir(prefix);
    const db = openDatabase(t.dir).db;
    opened.push({ db, cleanup: t.cleanup });
    return db;
  };
}
