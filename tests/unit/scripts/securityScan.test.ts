// `npm run test:security` scans what it built: a checkout where `npm start`'s headless fallback built only the
// renderer (out/renderer without out/main and out/preload) is built first, instead of scanned half and failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { prepareInputs } from '../../../scripts/electronegativity';

let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function checkout(outFiles: string[]): string {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fimv-scan-'));
  for (const f of ['electron/main/index.ts', 'shared/contract.ts', 'renderer/index.html', 'package.json']) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '');
  }
  const later = new Date(Date.now() + 60_000);
  for (const f of outFiles) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '');
    fs.utimesSync(path.join(root, f), later, later);
  }
  return root;
}

const ALL = ['out/main/index.js', 'out/main/headless.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

it('builds a partial out/ before scanning it, and scans the sources and the bundles', () => {
  const dir = checkout(['out/renderer/index.html']);
  const builds: string[] = [];
  expect(prepareInputs(dir, [], (r) => (builds.push(r), true))).toEqual([`${dir}/electron`, `${dir}/out`]);
  expect(builds).toEqual([dir]);
});

it('does not build again what is built and fresh; says so when the build fails', () => {
  const dir = checkout(ALL);
  expect(prepareInputs(dir, [], () => expect.unreachable('built again'))).toEqual([`${dir}/electron`, `${dir}/out`]);
  fs.rmSync(path.join(dir, 'out/main'), { recursive: true });
  expect(prepareInputs(dir, [], () => false)).toBeNull();
  expect(prepareInputs(dir, ['/some/app.asar'], () => expect.unreachable('built'))).toEqual(['/some/app.asar']);
});
