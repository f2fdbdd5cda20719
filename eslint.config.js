// ESLint flat config. The layer rules of ARCHITECTURE.md live here: a violation is a lint error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'inspector',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/** models/ is pure TypeScript: no platform, no UI, no other layer. */
const modelsRestrictedImports = {
  paths: [
    { name: 'electron', message: 'models/ is platform-free: no electron.' },
    { name: 'svelte', message: 'models/ is UI-free: no svelte.' },
    ...NODE_BUILTINS.map((name) => ({ name, message: 'models/ is platform-free: no Node built-ins.' })),
  ],
  patterns: [
    { group: ['node:*'], message: 'models/ is platform-free: no node:* modules.' },
    { group: ['svelte/*', 'electron/*'], message: 'models/ is platform- and UI-free.' },
    {
      group: ['**/electron/**', '**/renderer/**', '**/cli/**', '**/bench/**', '**/tests/**'],
      message: 'models/ imports nothing from electron/, renderer/, cli/ (one-way layers).',
    },
    {
      regex: '^(\\.\\./)+(node|api)(/|$)',
      message: 'models/ imports nothing from node/ or api/ (one-way layers).',
    },
  ],
};

/**
 * The sub-layer order inside models/ (ARCHITECTURE.md, "Layers"): each folder may import only the folders below it.
 *   level 0  math (no other models folder), text (no other models folder: the CSV writer, terminal-safe text, input
 *            limits), random (+ math, text), games (+ math, random, text; games/extensive/ is part of games)
 *   level 1  formula (+ random, games)
 *   level 2  scenario (+ formula, library JSON)
 *   level 3  engine (+ everything below)
 *   level 4  class (+ everything below)
 * `forbidden` lists the models/ folders a folder may NOT import (matched on relative import paths).
 */
const MODEL_SUBLAYERS = {
  math: ['text', 'random', 'games', 'formula', 'scenario', 'library', 'engine', 'class'],
  text: ['math', 'random', 'games', 'formula', 'scenario', 'library', 'engine', 'class'],
  random: ['games', 'formula', 'scenario', 'library', 'engine', 'class'],
  games: ['formula', 'scenario', 'library', 'engine', 'class'],
  formula: ['scenario', 'library', 'engine', 'class'],
  scenario: ['engine', 'class'],
  library: ['engine', 'class'],
  engine: ['class'],
  class: [],
};

/**
 * Transcendental functions whose results differ between JavaScript engines (ECMA-262 leaves their accuracy to the
 * implementation; V8's changed between Node 20 and current Chromium): in models/ every number must be the same on
 * every host, so these come from models/math/ (fdlibm ports built from exactly specified operations).
 */
const HOST_MATH = [
  'exp',
  'expm1',
  'log',
  'log1p',
  'log2',
  'log10',
  'pow',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
]
  .concat(['atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt'])
  .map((property) => ({
    object: 'Math',
    property,
    message: `Math.${property} differs between JavaScript engines: use models/math/ (same bits on every host).`,
  }));

const modelsFolderRule = (folder, forbidden) => ({
  ...modelsRestrictedImports,
  patterns: [
    ...modelsRestrictedImports.patterns,
    ...(forbidden.length
      ? [
          {
            regex: `^(\\.\\./)+(models/)?(${forbidden.join('|')})(/|$)`,
            message: `models/${folder}/ may not import models/${forbidden.join(', models/')}/ (sub-layer order; see ARCHITECTURE.md).`,
          },
        ]
      : []),
  ],
});

const noLayerImport = (layers, who) => ({
  patterns: [
    {
      group: layers.map((l) => `**/${l}/**`),
      message: `${who} may not import ${layers.join(', ')}/ (one-way layers; see ARCHITECTURE.md).`,
    },
  ],
});

/** node/: Node-only code shared by cli/ and electron/; below both, above models/ and api/. */
const nodeRestrictedImports = {
  paths: [{ name: 'electron', message: 'node/ is shared with the CLI: no electron.' }],
  patterns: [
    {
      group: ['svelte', 'svelte/*', 'electron/*'],
      message: 'node/ is shared with the CLI: no UI, no electron.',
    },
    {
      regex: '^(\\.\\./)+(cli|electron|renderer)(/|$)',
      message: 'node/ may not import cli/, electron/ or renderer/ (one-way layers; see ARCHITECTURE.md).',
    },
  ],
};

/** renderer/: no cli/, electron/, and no node/ (the page has no Node.js). */
const rendererRestrictedImports = {
  patterns: [
    ...noLayerImport(['electron', 'cli'], 'renderer/').patterns,
    {
      regex: '^(\\.\\./)+node(/|$)',
      message: 'renderer/ may not import node/ (the page has no Node.js; see ARCHITECTURE.md).',
    },
  ],
};

/** api/: the type of window.parley; types only, imports nothing outside api/. */
const apiRestrictedImports = {
  patterns: [{ regex: '^(?!\\./)', message: 'api/ is types only: it imports nothing outside api/.' }],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist-web/',
      'dist-cli/',
      'release/',
      'coverage/',
      'test-results/',
      'tests/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (see ARCHITECTURE.md).' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['models/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', modelsRestrictedImports],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Randomness is passed in: use a seeded stream from models/random.',
        },
        ...HOST_MATH,
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (see ARCHITECTURE.md).' },
        {
          // constant folding of two literals and BigInt powers are exact; anything else goes through pow
          selector:
            "BinaryExpression[operator='**']:not([left.type='Literal'][right.type='Literal']):not([left.bigint])",
          message: '`**` differs between JavaScript engines: use pow from models/math/ (or x * x).',
        },
        {
          selector: "AssignmentExpression[operator='**=']",
          message: '`**=` differs between JavaScript engines: use pow from models/math/.',
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'process', 'require', 'Buffer', 'navigator', 'localStorage', 'crypto'].map(
          (name) => ({ name, message: 'models/ is platform-free.' }),
        ),
      ],
    },
  },
  ...Object.entries(MODEL_SUBLAYERS).map(([folder, forbidden]) => ({
    files: [`models/${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', modelsFolderRule(folder, forbidden)] },
  })),
  {
    files: ['api/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', apiRestrictedImports] },
  },
  {
    files: ['node/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', nodeRestrictedImports] },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', noLayerImport(['renderer', 'cli'], 'electron/')] },
  },
  {
    files: [
      'cli/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.{js,mjs,cjs,ts}',
      'bin/**/*.mjs',
      '.ci/**/*.mjs',
      'tests/**/*.{ts,mjs}',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noLayerImport(['renderer', 'electron'], 'cli/')] },
  },
  {
    // The bench's hand-written baselines are the measuring stick: they share no code with what they measure.
    files: ['bench/baseline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        noLayerImport(['models', 'cli', 'renderer', 'electron'], 'bench/baseline/ (an independent baseline)'),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererRestrictedImports] },
  },
  {
    files: ['renderer/components/**/*.{ts,svelte}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'parley', message: 'Components never touch window.parley: use the platform adapter.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'parley',
          message: 'Components never touch window.parley: use the platform adapter.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['*.config.{js,ts}', 'scripts/**', 'bin/**', 'tests/**', 'bench/**', 'electron.vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
