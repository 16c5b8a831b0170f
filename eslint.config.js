// Lint config for the whole repository (ESLint flat config, typescript-eslint, Prettier owns formatting).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/generated/**', '**/.next/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One-way imports: the ML core knows nothing of the database, GraphQL or tracking.
    files: ['server/src/ml/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/db/**', '**/graphql/**', '**/modules/**', '**/tracking/**', '**/training/**'] },
      ],
    },
  },
  {
    files: ['server/src/tracking/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/graphql/**', '**/modules/**', '**/ml/**', '**/training/**'] },
      ],
    },
  },
  prettier,
);
