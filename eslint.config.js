import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layer rules (see ../shared/STYLE.md): the card reader knows nothing of the app; the renderer touches neither
// Node nor Electron; nothing imports a host.
const nodeBuiltins = ['fs', 'path', 'os', 'net', 'child_process', 'crypto', 'http', 'https', 'worker_threads'];
const nodeOnly = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**', 'test-results/**', '.rig/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['card-reader/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src-main/**', '**/src-renderer/**', 'electron', 'react'], message: 'card-reader knows nothing of the app.' },
      ] }],
    },
  },
  {
    files: ['card-reader/protocol/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeOnly.filter((p) => !p.includes('*')), patterns: [
        { group: ['**/transport/**', '!**/transport/channel', '**/virtual-card/**', '@pokusew/pcsclite'], message: 'protocol is pure: bytes in, values out (the CardChannel interface is its one import from transport).' },
        { group: ['**/src-main/**', '**/src-renderer/**', 'electron', 'react'], message: 'card-reader knows nothing of the app.' },
      ] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeOnly.filter((p) => !p.includes('*')), 'electron'], patterns: [
        { group: ['**/card-reader/**', '**/src-main/counter/**', '**/src-main/hosts/**', '**/src-main/cli/**'], message: 'the renderer talks to the service through src-main/contract only.' },
        { group: ['**/src-main/forms/*', '!**/src-main/forms/field-types', '**/src-main/forms/engine/**'], message: 'the renderer may use field types (their kiosk inputs), not the engine.' },
      ] }],
    },
  },
  {
    // Field types are isomorphic: the engine (Node), the kiosk and the designer (browser) all import them.
    files: ['src-main/forms/field-types/**/*.{ts,tsx}', 'src-main/contract/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeOnly.filter((p) => !p.includes('*')), 'electron'], patterns: [
        { group: ['**/hosts/**', '**/counter/**', '**/cli/**', '**/card-reader/transport/**'], message: 'field types and the contract run in the browser too.' },
      ] }],
    },
  },
  {
    // A field type's React side (its kiosk input, its designer panel) runs only in the browser: not the engine either.
    files: ['src-main/forms/field-types/**/*.tsx', 'src-main/forms/field-types/panels.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeOnly.filter((p) => !p.includes('*')), 'electron'], patterns: [
        { group: ['**/hosts/**', '**/counter/**', '**/cli/**', '**/card-reader/transport/**'], message: 'field types and the contract run in the browser too.' },
        { group: ['**/forms/engine/**', '**/forms/load'], message: 'kiosk inputs and designer panels run in the browser: not the PDF engine.' },
      ] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/hosts/**', 'src-main/cli/**', 'src-main/forms/field-types/**', 'src-main/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/hosts/**', 'electron'], message: 'nothing imports a host.' },
      ] }],
    },
  },
  {
    // A template's pattern is matched only by RE2 (src-main/forms/model/pattern.ts): a backtracking engine could freeze.
    files: ['src-main/**/*.{ts,tsx}', 'src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='pattern'][value.type='JSXExpressionContainer']", message: 'no computed <input pattern>: match template patterns with matchesPattern (RE2).' },
        { selector: ":matches(NewExpression, CallExpression)[callee.name='RegExp'] MemberExpression[property.name='pattern']", message: 'match template patterns with matchesPattern (RE2), never new RegExp.' },
      ],
    },
  },
);
