// Lint: the recommended JavaScript and TypeScript rules, over all our TypeScript, and the
// boundaries between subgraphs, kit/, contracts/, seed/world/ and the gateway (eslint.boundaries.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './eslint.boundaries.js';

export default tseslint.config(
  // Codegen output (scripts/codegen.ts) uses `any` where graphql's own types do; it is typechecked, not linted.
  { ignores: ['node_modules/', '.data/', 'dist/', 'gateway/ide/dist/', 'coverage/', 'subgraphs/*/generated/', 'operations/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'off',
    },
  },
  // The few plain-JavaScript modules Node runs without tsx (scripts/start.js): Node's globals they use.
  { files: ['scripts/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    files: ['subgraphs/**', 'gateway/**', 'seed/world/**'],
    plugins: { boundaries },
    rules: { 'boundaries/imports': 'error' },
  },
);
