// Layer rules: each block says which imports a folder may not use, and why.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);
const nodeOnlyPackages = ['better-sqlite3', 'electron-log', 'exceljs', 'playwright-core'];

/** Turns a list of module names into `no-restricted-imports` paths with one message. */
function forbid(names, message) {
  return names.map((name) => ({ name, message }));
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Product code logs through the logger, so output can be routed and secrets kept out.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ runs in the main process and in the sandboxed renderer, so it may use neither side's APIs.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbid(nodeBuiltins, 'shared/ also runs in the renderer: Node modules are not available there.'),
            ...forbid(nodeOnlyPackages, 'shared/ also runs in the renderer: Node-only packages are not available there.'),
            ...forbid(['electron'], 'shared/ must not depend on Electron.'),
            ...forbid(['react', 'react-dom'], 'shared/ holds domain code only, no React.'),
          ],
        },
      ],
    },
  },
  {
    // The renderer is sandboxed: it reaches the disk and the database only through the typed API.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbid(nodeBuiltins, 'The renderer is sandboxed: call the typed API instead of Node modules.'),
            ...forbid(nodeOnlyPackages, 'The renderer is sandboxed: call the typed API instead of Node-only packages.'),
            ...forbid(['electron'], 'The renderer talks to the main process only through the preload API.'),
          ],
          patterns: [{ group: ['**/electron/**'], message: 'The renderer must not import main-process code.' }],
        },
      ],
    },
  },
  {
    // Services run under plain Node in the CLI, the web host and the tests, where Electron is absent.
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbid(['electron', 'electron-log'], 'Services also run without Electron: take what you need as a parameter.'),
          patterns: [{ group: ['**/renderer/**'], message: 'Services must not import renderer code.' }],
        },
      ],
    },
  },
  {
    // Tests and benchmarks print their figures.
    files: ['test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
