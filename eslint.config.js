// ESLint: the project's settings and the layer rules of ../shared/docs/architecture.md (run by `npm run lint` and CI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const restrict = (patterns, message) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: false }] }],
});
const restrictValues = (patterns, message) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: true }] }],
});
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'HTMLElement',
  'HTMLCanvasElement',
  'OffscreenCanvas',
  'createImageBitmap',
  'fetch',
  'caches',
];

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'public/models/', 'node_modules/', '.cache/', 'tests/bench/results/', 'test-results/', '**/*.min.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // TypeScript checks names (svelte-check); ESLint's no-undef does not know DOM lib types such as ShareData.
      'no-undef': 'off',
      // Our rune classes keep private bookkeeping (AbortControllers, timers, URLs for workers) in plain Maps/URLs on
      // purpose: it is not state the UI renders, so Svelte's reactive wrappers would only add cost.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig } },
  },
  // Layer rules.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...restrict(
        [
          '**/ml/**',
          '**/workers/**',
          '**/state/**',
          '**/ui/**',
          '**/storage/**',
          '**/sw/**',
          '**/client/**',
          '**/cli/**',
          'svelte',
          'svelte/**',
          'idb',
          '@tensorflow/**',
          'onnxruntime-web',
          'onnxruntime-web/**',
          'node:*',
        ],
        'src/core is pure TypeScript: it imports nothing outside core.',
      ),
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'src/core touches no DOM or platform API: pass data in.' }))],
    },
  },
  {
    files: ['src/ml/**/*.ts'],
    rules: restrict(
      ['**/workers/**', '**/sw/**', '**/state/**', '**/ui/**', '**/client/**', 'svelte', 'svelte/**'],
      'src/ml imports neither workers, sw, state nor ui.',
    ),
  },
  {
    files: ['src/ui/**/*.svelte', 'src/ui/**/*.ts', 'src/state/**/*.ts', 'src/App.svelte', 'src/main.ts'],
    rules: restrictValues(
      ['**/workers/*.worker*', '**/workers/serve*', '**/ml/**', 'onnxruntime-web', '@tensorflow/**'],
      'The UI thread never imports worker or ML runtime code (types only); it talks to workers through src/client/bridge.ts.',
    ),
  },
  {
    files: ['src/workers/**/*.ts', 'src/sw/**/*.ts'],
    rules: restrict(['**/state/**', '**/ui/**', 'svelte', 'svelte/**'], 'Workers and the service worker never import UI state or components.'),
  },
);
