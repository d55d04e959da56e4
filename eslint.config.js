import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The server's contexts (packages/server/src/contexts/<name>), see docs/architecture.md. */
const SERVER_CONTEXTS = [
  'identity',
  'parties',
  'orders',
  'invoicing',
  'partners',
  'ledger',
  'analytics',
  'integration',
  'system',
];

/**
 * Files that still build queries outside a repository (issue 19 left them for a later step); the list may only
 * shrink.
 */
const SQL_NOT_YET_IN_REPOSITORIES = [];

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
  // Server contexts (issue 19, ADR 017): each context under packages/server/src/contexts/<context> is reached by
  // the others only through its index.ts; no context or platform file takes the composition root's whole Services.
  ...SERVER_CONTEXTS.map((context) => ({
    files: [`packages/server/src/contexts/${context}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services', '**/services.ts', '**/services.js'],
              message:
                "Take the services you use, typed from each service's own file: not the composition root's Services.",
            },
            {
              regex: `^(\\.\\./)+(${SERVER_CONTEXTS.filter((c) => c !== context).join('|')})/(?!index$)`,
              message:
                "Another context is reached only through its index.ts (its public face), e.g. '../../orders/index'.",
            },
          ],
        },
      ],
    },
  })),
  {
    // Platform code serves every context and knows none of them.
    files: ['packages/server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/contexts/**', '**/services', '**/db-schema'], message: 'Platform code imports no context.' },
          ],
        },
      ],
    },
  },
  {
    // SQL only in repositories (issue 19, ADR 004/017): a query is built in a *.repo.ts file (or platform/db, or a
    // migration), so services orchestrate and a reader finds every query of a context beside its tables.
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/**/*.repo.ts',
      'packages/server/src/**/*.test.ts',
      'packages/server/src/platform/db/**',
      'packages/server/src/migrations/**',
      ...SQL_NOT_YET_IN_REPOSITORIES,
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]',
          message: 'Queries live in repositories: move this into a *.repo.ts function beside the tables it reads.',
        },
        {
          selector: "TaggedTemplateExpression[tag.name='sql'], CallExpression[callee.object.name='sql']",
          message: 'SQL lives in repositories: move this into a *.repo.ts function.',
        },
      ],
    },
  },
);
