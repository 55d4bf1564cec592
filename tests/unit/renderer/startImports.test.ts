// What the renderer evaluates before its first rows: the modules main.tsx reaches by static imports (a lazy view's
// `import()` is not followed, nor a type-only import, which the build erases). Building the contract's zod schemas
// cost ~100-160 ms of main-thread time at every start on the bench machine (docs/BENCHMARKS.md, "zod off the
// start"), so none of these modules may import zod: a view that needs a schema loads it with itself, and what the
// start needs of a schema module (routes, labels, limits) lives in a plain module beside it.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const START = path.join(ROOT, 'renderer/src/main.tsx');

function resolveModule(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return spec;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The modules a file imports at run time (side-effect imports included, type-only ones left out). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        !clause.name &&
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specs.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      const onlyTypes = clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specs.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

/** Every module reached from `start`, with the module that first imported it. */
function reachable(start: string): Map<string, string | null> {
  const seen = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    if (!path.isAbsolute(file) || !/\.tsx?$/.test(file)) continue;
    for (const spec of runtimeImports(file)) {
      const target = resolveModule(file, spec);
      if (target && !seen.has(target)) {
        seen.set(target, file);
        queue.push(target);
      }
    }
  }
  return seen;
}

function chainTo(seen: Map<string, string | null>, module: string): string {
  const chain: string[] = [];
  for (let m: string | null | undefined = module; m; m = seen.get(m)) chain.push(path.relative(ROOT, m) || m);
  return chain.join(' <- ');
}

describe("the renderer's start", () => {
  it('reaches the transports, the store and the Live view', () => {
    const seen = reachable(START);
    for (const module of [
      'renderer/src/api/httpTransport.ts',
      'renderer/src/store/engineStore.ts',
      'renderer/src/views/live/LiveView.tsx',
      'shared/apiRoutes.ts',
    ]) {
      expect(seen.has(path.join(ROOT, module)), module).toBe(true);
    }
  });

  it('builds no zod schema: no module it reaches imports zod', () => {
    const seen = reachable(START);
    expect(seen.has('zod') ? chainTo(seen, 'zod') : null).toBeNull();
    // the contract itself is reached only by lazy views and by type-only imports
    const contract = path.join(ROOT, 'shared/contract.ts');
    expect(seen.has(contract) ? chainTo(seen, contract) : null).toBeNull();
  });
});
