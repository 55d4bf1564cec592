// The history export never carries a raw control character: CSV writes it as visible `\u202E` text, JSON as its
// `\u202e` escape (the same value for a JSON reader).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WazuhAlertGenerator } from '../generators/wazuhAlerts';
import { startTestEngine } from '../helpers/engine';
import { makeTempDir } from '../helpers/tempDir';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('CSV and JSON exports escape the right-to-left override, DEL, C1 and a newline in a path', async () => {
  const tmp = makeTempDir('fimv-export-');
  cleanups.push(tmp.cleanup);
  const file = path.join(tmp.dir, 'alerts.json');
  const hostile = '/tmp/evil\u202Etxt.exe\u007f\u0085\nnext-line';
  const gen = new WazuhAlertGenerator({ seed: 3, startEpochMs: Date.now() - 60_000 });
  fs.writeFileSync(file, gen.wazuhVtAlert({ outcome: 'detected', file: hostile }) + '\n');
  const t = await startTestEngine({ dataDir: path.join(tmp.dir, 'data'), sources: [{ path: file, fromEnd: false }] });
  cleanups.push(() => t.stop());
  await t.until((s) => s.wazuhVerdicts === 1, 10_000, 'the answer imported');

  const csv = await t.h.exportHistory({ format: 'csv' });
  expect(csv.rows).toBe(1);
  expect(csv.content).toContain('/tmp/evil\\u202Etxt.exe\\u007F\\u0085\\u000Anext-line');
  expect(csv.content).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
  expect(csv.content.split('\r\n').filter(Boolean)).toHaveLength(2); // the header and one row: no line broken

  const json = await t.h.exportHistory({ format: 'json' });
  expect(json.content).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
  expect(json.content).toContain('evil\\u202etxt.exe\\u007f\\u0085\\nnext-line');
  const items = JSON.parse(json.content) as { name: string }[];
  expect(items[0].name).toBe(hostile); // the exact value for a JSON reader
});
