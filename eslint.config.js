import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.local/**', 'stack/analysis-plugin/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // CLIs print their human-readable summary to stdout on purpose.
    files: ['**/*-cli.ts', '**/cli.ts', 'stack/src/start.ts', 'bench/**/*.ts', 'stack/src/skpl-check.ts', 'stack/src/run-tests.ts'],
    rules: { 'no-console': 'off' },
  },
);
