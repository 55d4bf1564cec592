// The layers of electron/core, kept by `npm run lint` (dependency-cruiser): an import that runs against them, or
// any import cycle anywhere, fails the lint. docs/ARCHITECTURE.md draws them.
//
// From the bottom: base/ (clock, log, backoff, content key, wire helpers); the leaves, which speak a format or a
// wire and know nothing of the engine (db/, wazuh/, vt/, providers/, indexer/); store/ (tables, over db/);
// events/ (the one event hub); the services, each in its feature's folder (output/, settings/, lookups/,
// sources/, ingest/, stats/); api/ (the contract's handlers, over the services); and on top the files at the root
// of electron/core, which wire the engine (engineCore.ts, engine.ts, engineOptions.ts, ...). shared/ and
// node/npm modules may be imported from anywhere in electron/.
//
// MAY lists, for each folder of electron/core, the other folders it may import: anything else is a wrong arrow.
// A new folder needs a line here (a folder without one may import nothing of core).
const MAY = {
  base: [],
  db: ['base'],
  wazuh: ['base'],
  vt: ['base'],
  providers: ['base', 'wazuh'],
  indexer: ['base', 'wazuh'],
  store: ['base', 'db'],
  events: ['base'],
  output: ['base', 'db', 'store', 'wazuh', 'vt', 'events'],
  settings: ['base', 'db', 'store', 'output', 'events'],
  lookups: ['base', 'db', 'store', 'wazuh', 'vt', 'providers', 'events', 'output', 'settings'],
  sources: ['base', 'db', 'store', 'wazuh', 'indexer', 'events', 'settings'],
  ingest: ['base', 'db', 'store', 'wazuh', 'events', 'output', 'settings', 'lookups', 'sources'],
  // triage (the analyst's decisions on files) sits beside the look-ups, over the same files
  triage: ['base', 'db', 'store', 'events', 'settings', 'lookups'],
  stats: ['base', 'store', 'events', 'output', 'settings', 'lookups', 'sources', 'ingest', 'triage'],
  api: [
    'base',
    'store',
    'wazuh',
    'vt',
    'events',
    'output',
    'settings',
    'lookups',
    'sources',
    'ingest',
    'triage',
    'stats',
  ],
};

/** A rule whose breach fails the lint: `comment` says what it keeps, for whoever reads the report. */
const rule = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });

const folderRules = Object.entries(MAY).map(([folder, may]) =>
  rule(
    `layer-${folder}`,
    `electron/core/${folder}/ may import only ${may.length ? may.map((m) => `${m}/`).join(', ') : 'nothing of core'} (and shared/): see .dependency-cruiser.cjs`,
    { path: `^electron/core/${folder}/` },
    { path: '^electron/core/[^/]+/', pathNot: [`^electron/core/(${[folder, ...may].join('|')})/`] },
  ),
);

module.exports = {
  forbidden: [
    ...folderRules,
    rule(
      'layer-unknown-folder',
      'a folder of electron/core without a line in MAY (.dependency-cruiser.cjs) may import nothing of core',
      { path: '^electron/core/([^/]+)/', pathNot: [`^electron/core/(${Object.keys(MAY).join('|')})/`] },
      { path: '^electron/core/[^/]+/', pathNot: ['^electron/core/$1/'] },
    ),
    rule(
      'no-wiring-from-below',
      "the files at electron/core's root wire the engine: nothing in a folder of core imports them",
      { path: '^electron/core/[^/]+/' },
      { path: '^electron/core/[^/]+\\.ts$' },
    ),
    rule(
      'core-never-imports-the-shells',
      'the engine runs under plain Node: core never imports electron/main, electron/preload or electron/headless',
      { path: '^electron/core/' },
      { path: '^electron/(main|preload|headless)/' },
    ),
    rule(
      'shared-is-pure',
      'shared/ is used on both sides: it imports nothing of electron/ or renderer/',
      { path: '^shared/' },
      { path: '^(electron|renderer)/' },
    ),
    rule(
      'no-circular',
      'an import cycle: one of the two modules belongs below the other (or what they share, below both)',
      {},
      { circular: true },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)out/'] },
    // type-only imports count: a type is an arrow like any other
    tsPreCompilationDeps: true,
  },
};
