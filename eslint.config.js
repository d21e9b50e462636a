import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layer rules (the layers of docs/architecture.md): the card reader knows nothing of the app; the renderer touches neither
// Node nor Electron; nothing imports a host.
const nodeBuiltins = ['fs', 'path', 'os', 'net', 'child_process', 'crypto', 'http', 'https', 'worker_threads'];
const nodeOnly = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

const patternSyntax = [
  { selector: "JSXAttribute[name.name='pattern'][value.type='JSXExpressionContainer']", message: 'no computed <input pattern>: match template patterns with matchesPattern (RE2).' },
  { selector: ":matches(NewExpression, CallExpression)[callee.name='RegExp'] MemberExpression[property.name='pattern']", message: 'match template patterns with matchesPattern (RE2), never new RegExp.' },
];

// The renderer's layers, keyed on folder names as VS Code's code-layering rule is: each folder of src-renderer/ and the
// renderer folders it may import. The three apps never import each other; what they share sits in ui/, i18n/, rpc/ and
// field-types/, and they reach the service only through src-main/contract.
const RENDERER_LAYERS = {
  kiosk: ['ui', 'i18n', 'rpc', 'field-types'],
  clerk: ['ui', 'i18n', 'rpc', 'field-types'],
  admin: ['ui', 'i18n', 'rpc', 'field-types'],
  'field-types': ['ui', 'i18n'],
  ui: ['i18n'],
  rpc: [],
  i18n: [],
};

// What every renderer folder is refused, whatever its layer: Node, Electron, and the service's own code.
const rendererBase = [
  { group: ['**/card-reader/**', '**/src-main/counter/**', '**/src-main/hosts/**', '**/src-main/cli/**'], message: 'the renderer talks to the service through src-main/contract only.' },
  // The common parts run in the browser too: field types, the template model, 和暦 and the city's day. Not the engine,
  // binding or files.
  { group: ['**/src-main/forms/*', '!**/src-main/forms/field-types', '!**/src-main/forms/model', '**/src-main/forms/engine/**', '!**/src-main/forms/binding', '**/src-main/forms/binding/*', '!**/src-main/forms/binding/wareki', '!**/src-main/forms/binding/city-day', '**/src-main/forms/model/write-json-schema'], message: 'the renderer may use the common parts of forms (field types, the template model, 和暦, the city\'s day), not the engine.' },
];

/** One no-restricted-imports per renderer folder (a later config's rule would replace an earlier one's, not add). */
function rendererLayers() {
  const folders = Object.keys(RENDERER_LAYERS);
  const config = (files, ignores, refused, node = false) => ({
    files,
    ...(ignores.length ? { ignores } : {}),
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: node ? ['electron'] : [...nodeOnly.filter((p) => !p.includes('*')), 'electron'], patterns: [
        ...rendererBase,
        ...(refused.length ? [{ group: refused.flatMap((f) => [`**/${f}/**`, `**/src-renderer/${f}`]), message: `a renderer folder imports only the layers below it (eslint.config.js RENDERER_LAYERS).` }] : []),
      ] }],
    },
  });
  return [
    // Files directly under src-renderer/ (vite-env.d.ts) and any folder not in the table: the base rules only.
    config(['src-renderer/**/*.{ts,tsx}'], folders.map((f) => `src-renderer/${f}/**`), []),
    ...Object.entries(RENDERER_LAYERS).map(([folder, allowed]) =>
      config([`src-renderer/${folder}/**/*.{ts,tsx}`], [], folders.filter((f) => f !== folder && !allowed.includes(f)))),
    // Tests run in Node: they may stand up a real server on loopback for the code under test.
    ...Object.entries(RENDERER_LAYERS).map(([folder, allowed]) =>
      config([`src-renderer/${folder}/**/*.test.ts`], [], folders.filter((f) => f !== folder && !allowed.includes(f)), true)),
  ];
}

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
  ...rendererLayers(),
  {
    // Field types' common parts are isomorphic: the engine (Node), the kiosk and the designer (browser) all import them.
    files: ['src-main/forms/field-types/**/*.{ts,tsx}', 'src-main/contract/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeOnly.filter((p) => !p.includes('*')), 'electron'], patterns: [
        { group: ['**/hosts/**', '**/counter/**', '**/cli/**', '**/card-reader/transport/**'], message: 'field types and the contract run in the browser too.' },
        { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '**/src-renderer/**'], message: 'src-main has no React: a field type\'s kiosk input and designer panel live in src-renderer/field-types/<type>/.' },
      ] }],
    },
  },
  {
    // The path tells the runtime: React (and any .tsx) lives under src-renderer/ only.
    files: ['src-main/**/*.{ts,tsx}'],
    ignores: ['src-main/hosts/**', 'src-main/cli/**', 'src-main/forms/field-types/**', 'src-main/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/hosts/**', 'electron'], message: 'nothing imports a host.' },
        { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '**/src-renderer/**'], message: 'src-main has no React: it belongs under src-renderer/.' },
      ] }],
    },
  },
  {
    // Hosts, the CLI and the common parts' tests: React stays out of them too.
    files: ['src-main/hosts/**/*.ts', 'src-main/cli/**/*.ts', 'src-main/forms/field-types/**/*.test.ts', 'src-main/contract/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '**/src-renderer/**'], message: 'src-main has no React: it belongs under src-renderer/.' },
      ] }],
    },
  },
  {
    // A template's pattern is matched only by RE2 (src-main/forms/model/pattern.ts): a backtracking engine could freeze.
    files: ['src-main/**/*.{ts,tsx}', 'src-renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...patternSyntax] },
  },
  {
    // Listed after the pattern rule: one config's no-restricted-syntax replaces another's, so this one repeats it.
    files: ['src-main/**/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'Program', message: 'src-main has no React and no .tsx files: the path tells the runtime (move it under src-renderer/).' }, ...patternSyntax],
    },
  },
);
