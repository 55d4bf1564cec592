// The official OpenSearch client is loaded on first use (connection.ts officialClient()), not at start: its
// package index loads hundreds of modules (~300 ms of every start, with or without an indexer source). A value
// import of the package root anywhere in the app would bring that back; type imports and the error classes'
// own module (lib/errors.js) are free.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIndexerClient } from '../../../../electron/core/indexer/connection';

const ROOT = path.resolve(__dirname, '../../../..');

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** `import { X } from '@opensearch-project/opensearch'` (not `import type`), or a bare `import '…'` of it. */
const VALUE_IMPORT_OF_ROOT =
  /import\s+(?!type\b)[^;]*?from\s+['"]@opensearch-project\/opensearch['"]|import\s+['"]@opensearch-project\/opensearch['"]/;

describe('the official OpenSearch client loads on first use', () => {
  it('no module of the app imports the package root as a value', () => {
    const offenders = [...sourcesUnder(path.join(ROOT, 'electron')), ...sourcesUnder(path.join(ROOT, 'shared'))]
      .filter((file) => VALUE_IMPORT_OF_ROOT.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('the pattern sees such an import (the check above can fail)', () => {
    expect(VALUE_IMPORT_OF_ROOT.test("import { Client } from '@opensearch-project/opensearch';")).toBe(true);
    expect(VALUE_IMPORT_OF_ROOT.test("import type { Client } from '@opensearch-project/opensearch';")).toBe(false);
    expect(VALUE_IMPORT_OF_ROOT.test("import * as errors from '@opensearch-project/opensearch/lib/errors.js';")).toBe(
      false,
    );
  });

  it('a client made from a connection is the official client, loaded then', () => {
    const client = createIndexerClient({
      urls: ['https://127.0.0.1:9'],
      username: 'u',
      password: 'p',
      trust: { kind: 'system' },
    });
    expect(typeof client.search).toBe('function');
    expect(client.constructor.name).toBe('Client');
  });
});
