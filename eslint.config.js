// Lint rules that keep each runtime in its lane:
// - shared/ is pure: no node, electron or DOM-only modules;
// - renderer/ never imports node or electron;
// - the engine (electron/core, electron/headless) never imports electron, so it runs under plain Node;
// - shell.openExternal is called in one module only (electron/main/externalLinks.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'zlib',
  'stream',
  'url',
  'util',
  'events',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'release',
      'coverage',
      'test-results',
      'playwright-report',
      'docs',
      '.electron-native',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='openExternal']",
          message: 'open links through safeOpenExternal() in electron/main/externalLinks.ts',
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // .dependency-cruiser.cjs: CommonJS run by Node
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins,
            'electron',
            'react',
            'react-dom',
            'better-sqlite3',
            '../electron/*',
            '../renderer/*',
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeBuiltins, 'electron', 'better-sqlite3', '../../electron/*', '**/electron/*'] },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/headless/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: ['electron/*', '**/main/*', '**/preload/*'] },
      ],
    },
  },
  {
    files: ['electron/main/externalLinks.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
