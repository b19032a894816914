// ESLint flat config: TypeScript (type-aware where cheap), Lit, web components and lit-a11y rules,
// and import boundaries that keep the layers of DESIGN.md one-way.
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'custom-elements.json', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/elements/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/elements/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['src/elements/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  layer(['src/core/**/*.ts'], ['lit', 'lit/*', '**/elements/**', '**/flow/**', '**/providers/**', '**/server/**', '**/sandbox/**'],
    'src/core is pure: no lit, no elements, flow, providers, server or sandbox.'),
  layer(['src/providers/**/*.ts'], ['lit', 'lit/*', '**/elements/**', '**/flow/**', '**/server/**', '**/sandbox/**'],
    'Adapters know nothing of the DOM, the elements, the flow, the server or the emulators.'),
  layer(['src/elements/**/*.ts'], ['**/providers/**', '**/server/**', '**/sandbox/**'],
    'Elements know nothing of providers or emulators; the flow picks the adapter.'),
  layer(['src/flow/**/*.ts'], ['**/server/**', '**/elements/**', '**/sandbox/**'],
    'The flow never imports server code, elements or the emulators.'),
  layer(['src/index.ts', 'src/script-tag.ts'], ['**/server/**', '**/sandbox/**'],
    'The browser entry never imports server code or the emulators.'),
  layer(['src/server/**/*.ts'], ['lit', 'lit/*', '**/elements/**', '**/flow/**', '**/sandbox/**'],
    'Server code has no DOM and never depends on the emulators (demo/ and test/ wire them up).'),
  // An emulator encodes what its provider does, from the provider's documents: it shares no code
  // with the library it is there to test (a shared card rule would hide the bugs it should find).
  layer(['src/sandbox/**/*.ts'],
    ['lit', 'lit/*', '**/core/**', '**/providers/**', '**/server/**', '**/flow/**', '**/elements/**', 'kessai-elements', 'kessai-elements/*'],
    'The sandbox stands alone: no core, providers, server, flow or elements (give it its own small helper).'),
  {
    files: ['demo/**/*.ts', 'scripts/**', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
