// `npm run test:security`: Doyensec's electronegativity over the Electron sources (electron/) and the built
// bundles (out/, when built), failing on any HIGH or MEDIUM finding that is not a documented false positive.
// Offline by design: electronegativity fetches translations from S3 at start; a local shim replaces that.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, bundlesStale } from './buildSteps';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  description: string;
  manualReview?: boolean;
}

/**
 * Findings judged false positives, each named precisely: the check, the file (source or bundle) and the text of
 * the flagged line, with the reason. Keep this list short; a new entry needs a reviewer's eye.
 */
export const SUPPRESSIONS: { check: string; file: RegExp; line: RegExp; why: string }[] = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: /(^|\/)electron\/main\/externalLinks\.ts$|(^|\/)out\/main\/index\.js$/,
    line: /^\s*shell\.openExternal\(check\.url\)/,
    why:
      'the one shell.openExternal call, in safeOpenExternal(): it opens only the re-serialised href of a URL that ' +
      'parsed as https://www.virustotal.com/gui/... with no credentials or port (tests/unit/main/externalLinks.test.ts); ' +
      'eslint forbids openExternal anywhere else',
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: /(^|\/)electron\/main\/window\.ts$|(^|\/)out\/main\/index\.js$/,
    line: /^\s*preload: options\.preloadPath,$/,
    why:
      'a review reminder raised by every preload; ours exposes only named contract functions and an event ' +
      'subscription that drops the IpcRendererEvent (tests/unit/preload/preload.test.ts), never ipcRenderer itself',
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: /(^|\/)electron\/main\/security\.ts$|(^|\/)out\/main\/index\.js$/,
    line: /^\s*headers\[["']Content-Security-Policy["']\] = \[CONTENT_SECURITY_POLICY\];$/,
    why:
      '"failed to parse": the policy is the constant CONTENT_SECURITY_POLICY (electron/main/csp.ts), which the tool ' +
      'cannot resolve; this script evaluates that constant with the same CSP evaluator (see "CSP evaluated")',
  },
];

const SEVERE = new Set(['HIGH', 'MEDIUM']);

function installOfflineTranslations(): void {
  const i18nModule = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const localRequire = createRequire(i18nModule);
  const i18n = localRequire('i18n') as {
    configure(options: object): void;
    setLocale(locale: string): void;
  };
  const offline = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: global,
    });
    i18n.setLocale('en-US');
  };
  localRequire(i18nModule);
  const cached = localRequire.cache[i18nModule];
  if (!cached) throw new Error('could not load electronegativity translations');
  cached.exports = offline;
}

async function scan(
  input: string,
  electronVersion: string,
): Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }> {
  const run = require('@doyensec/electronegativity') as (
    options: object,
    forCli?: boolean,
  ) => Promise<{ issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;
  return run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      // asks GitHub for Electron's newer releases: network-dependent, so only with --online
      excludeFromScan: process.argv.includes('--online') ? [] : ['AvailableSecurityFixesGlobalCheck'],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: false,
      isVerbose: true,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
}

function lineOf(file: string, line: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
  } catch {
    return '';
  }
}

export function suppressionFor(issue: Pick<Issue, 'id' | 'file' | 'location'>): string | null {
  const file = path.relative(root, issue.file).split(path.sep).join('/');
  const text = lineOf(issue.file, issue.location.line);
  return SUPPRESSIONS.find((s) => s.check === issue.id && s.file.test(file) && s.line.test(text))?.why ?? null;
}

/** The policy itself, through the evaluator electronegativity uses: HIGH, MEDIUM or a syntax error fails. */
async function evaluatePolicy(): Promise<number> {
  const { CONTENT_SECURITY_POLICY } = await import('../electron/main/csp');
  const evaluatorPath = createRequire(require.resolve('@doyensec/electronegativity')).resolve(
    '@doyensec/csp-evaluator',
  );
  const csp = require(evaluatorPath) as {
    CspParser: new (policy: string) => { csp: unknown };
    CspEvaluator: new (
      parsed: unknown,
      version: unknown,
    ) => { evaluate(): { severity: number; directive: string; description: string }[] };
    Version: { CSP3: unknown };
    severities: Record<string, number>;
  };
  const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
  const severe = [csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM];
  let failures = 0;
  for (const f of findings) {
    // 'wasm-unsafe-eval' is a CSP Level 3 keyword (WebAssembly compilation only, never JS eval; Chromium 97+) that
    // this evaluator predates: it allows hash-wasm to hash dropped files in the page
    const knownKeyword = f.severity === csp.severities.SYNTAX && f.description.includes("'wasm-unsafe-eval'");
    if (knownKeyword) {
      console.log(
        `${'note'.padEnd(10)} CSP ${f.directive}: 'wasm-unsafe-eval' is valid CSP3 (the evaluator predates it)`,
      );
      continue;
    }
    const bad = severe.includes(f.severity);
    failures += bad ? 1 : 0;
    // the one expected note: 'self' and JSONP/Angular/uploads; app:// serves only our own bundle, none of those
    console.log(`${(bad ? 'FAIL' : 'note').padEnd(10)} CSP ${f.directive}: ${f.description}`);
  }
  console.log(`CSP evaluated: ${CONTENT_SECURITY_POLICY}`);
  return failures;
}

/**
 * What to scan: the given inputs, else the sources and the bundles as built from them. A missing or partial out/
 * (npm start's headless fallback builds only the renderer) or one older than the sources is built first, so the
 * scan judges the same code in every checkout. null: the build failed.
 */
export function prepareInputs(projectRoot: string, given: string[], build: (root: string) => boolean): string[] | null {
  if (given.length > 0) return given;
  if (bundlesStale(projectRoot)) {
    console.log('out/ is missing, partial or older than the sources: building it first (electron-vite build).');
    if (!build(projectRoot)) return null;
  }
  return ['electron', 'out'].map((d) => path.join(projectRoot, d));
}

async function main(): Promise<void> {
  installOfflineTranslations();
  const electronVersion = (
    JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version;
  // --input <dir or .asar> (repeatable) scans something else, e.g. a packaged app.asar
  const given = process.argv.flatMap((arg, i, all) =>
    arg === '--input' && all[i + 1] ? [path.resolve(all[i + 1])] : [],
  );
  const inputs = prepareInputs(root, given, buildAll);
  if (!inputs) {
    console.error('the build failed: nothing to scan');
    process.exit(1);
  }

  let failures = await evaluatePolicy();
  for (const input of inputs) {
    const { issues, errors } = await scan(input, electronVersion);
    for (const e of errors.filter((e) => !e.tolerable)) {
      console.log(`PARSE ERROR ${path.relative(root, e.file)}: ${e.message}`);
      failures += 1;
    }
    for (const issue of issues.sort((a, b) => b.severity.value - a.severity.value)) {
      const where = `${path.relative(root, issue.file)}:${issue.location.line}:${issue.location.column}`;
      const why = suppressionFor(issue);
      const severe = SEVERE.has(issue.severity.name);
      const tag = why ? 'SUPPRESSED' : severe ? 'FAIL' : 'note';
      console.log(`${tag.padEnd(10)} ${issue.severity.name.padEnd(13)} ${issue.id} ${where}`);
      if (why) console.log(`           false positive: ${why}`);
      else {
        console.log(`           ${issue.description}`);
        if (severe) failures += 1;
      }
    }
  }
  console.log(
    failures === 0
      ? `electronegativity: no HIGH or MEDIUM findings (${inputs.map((i) => path.relative(root, i)).join(', ')}).`
      : `electronegativity: ${failures} HIGH or MEDIUM finding(s) or parse errors to fix.`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url))
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
