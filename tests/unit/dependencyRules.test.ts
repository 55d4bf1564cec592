// The layer rules of .dependency-cruiser.cjs bite: a tree with a wrong arrow, or with an import cycle, fails the
// same check `npm run lint` runs on the repository, and names the rule; a tree that keeps the layers passes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempDir';

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const CLI = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** Runs the lint's check on a tree of files ({relative path: source}); returns its exit code and its report. */
function check(files: Record<string, string>): { code: number; report: string } {
  const t = makeTempDir('fimv-layers-');
  cleanup = t.cleanup;
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.join(t.dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(t.dir, file), source);
  }
  try {
    const out = execFileSync(process.execPath, [CLI, 'electron', '--config', CONFIG, '--output-type', 'err'], {
      cwd: t.dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, report: out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, report: `${e.stdout}${e.stderr}` };
  }
}

describe('the layers lint', () => {
  it('passes a tree whose arrows point down', () => {
    const r = check({
      'electron/core/db/database.ts': 'export const db = 1;\n',
      'electron/core/store/filesStore.ts': "import { db } from '../db/database';\nexport const files = db;\n",
      'electron/core/lookups/planner.ts': "import { files } from '../store/filesStore';\nexport const plan = files;\n",
      'electron/core/engineCore.ts': "import { plan } from './lookups/planner';\nexport const core = plan;\n",
    });
    expect(r.report).not.toMatch(/error/);
    expect(r.code).toBe(0);
  });

  /** Each wrong tree, and the rule that must name it. */
  const WRONG: { what: string; files: Record<string, string>; rule: RegExp }[] = [
    {
      what: 'a store that imports a service above it',
      files: {
        'electron/core/lookups/quota.ts': 'export const quota = 1;\n',
        'electron/core/store/requestLogStore.ts':
          "import { quota } from '../lookups/quota';\nexport const log = quota;\n",
      },
      rule: /layer-store: electron\/core\/store\/requestLogStore\.ts → electron\/core\/lookups\/quota\.ts/,
    },
    {
      what: 'a leaf that imports anything above it',
      files: {
        'electron/core/lookups/backoff.ts': 'export const backoff = 1;\n',
        'electron/core/indexer/sourceStatus.ts':
          "import { backoff } from '../lookups/backoff';\nexport const s = backoff;\n",
      },
      rule: /layer-indexer/,
    },
    {
      what: 'a handler that reaches for the wiring',
      files: {
        'electron/core/engineCore.ts': 'export class EngineCore {}\n',
        'electron/core/api/handlers.ts': "import { EngineCore } from '../engineCore';\nexport const h = EngineCore;\n",
      },
      rule: /no-wiring-from-below/,
    },
    {
      what: 'an import cycle, even inside one folder',
      files: {
        'electron/core/ingest/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'electron/core/ingest/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      },
      rule: /no-circular/,
    },
    {
      what: 'a folder of core that has no place in the layers yet',
      files: {
        'electron/core/store/alertsStore.ts': 'export const alerts = 1;\n',
        'electron/core/misc/helpers.ts': "import { alerts } from '../store/alertsStore';\nexport const t = alerts;\n",
      },
      rule: /layer-unknown-folder/,
    },
  ];

  for (const wrong of WRONG) {
    it(`fails ${wrong.what}`, () => {
      const r = check(wrong.files);
      expect(r.code).not.toBe(0);
      expect(r.report).toMatch(wrong.rule);
    });
  }
});
