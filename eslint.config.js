import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'e2e/.artifacts/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Domain code is pure: no I/O, no process, no floats near money enforced by review and tests.
    files: ['packages/domain/**/*.ts'],
    // Tests may read their vector files from disk.
    ignores: ['packages/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'kysely', 'fastify'] }],
      'no-restricted-globals': ['error', 'process'],
    },
  },
  {
    // Narrow seams (issue 19): a module's routes take the services they use, typed by those services' own modules,
    // never the composition root's whole `Services` (packages/server/src/services.ts); http/app.ts hands them over.
    files: ['packages/server/src/contexts/**/*.routes.ts', 'packages/server/src/contexts/**/*.public-routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services', '**/services.ts', '**/services.js'],
              message:
                "Routes take only the services they use, typed from each service's own file: not the composition root's Services.",
            },
          ],
        },
      ],
    },
  },
);
