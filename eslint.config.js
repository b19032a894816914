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
  layer(['src/core/**/*.ts'], ['lit', 'lit/*', '**/elements/**', '**/flow/**', '**/providers/**', '**/server/**'],
    'src/core is pure: no lit, no elements, flow, providers or server.'),
  layer(['src/providers/**/*.ts'], ['lit', 'lit/*', '**/elements/**', '**/flow/**', '**/server/**'],
    'Adapters know nothing of the DOM, the elements, the flow or the server.'),
  layer(['src/elements/**/*.ts'], ['**/providers/**', '**/server/**'],
    'Elements know nothing of providers; the flow picks the adapter.'),
  layer(['src/flow/**/*.ts'], ['**/server/**', '**/elements/**'],
    'The flow never imports server code or elements.'),
  layer(['src/index.ts', 'src/script-tag.ts'], ['**/server/**'], 'The browser entry never imports server code.'),
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['lit', 'lit/*', '**/elements/**', '**/flow/**'], message: 'Server code has no DOM.' }] }] },
  },
  {
    files: ['demo/**/*.ts', 'scripts/**', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
