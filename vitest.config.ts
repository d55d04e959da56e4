import { defineConfig } from 'vitest/config';

/**
 * One runner, five projects:
 * - unit: pure functions beside their source (domain, contracts, web lib, server units).
 * - web: component tests (*.dom.test.tsx) in happy-dom with Testing Library, against recorded contract responses
 *   (packages/web/test: setup, render helper, fetch stub).
 * - sqlite / postgres: the same integration suite against a fresh real database of each dialect.
 * - e2e: Playwright (playwright-core + Debian's chromium) against the built app.
 * scripts/test.mjs decides which run and says why one is skipped.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
          exclude: ['**/node_modules/**', 'packages/web/src/**/*.dom.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.dom.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['packages/web/test/setup-dom.ts'],
          // Rendering Mantine pages is slower than a pure function; the default 5 s is tight on 2 cores.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'sqlite',
          include: ['packages/server/test/**/*.int.test.ts'],
          // Files share a worker's loaded modules instead of importing the server afresh each (about half the
          // tier's time). Safe because every test builds its own app, database and clock; nothing mocks a module.
          isolate: false,
          env: { TEST_DIALECT: 'sqlite' },
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['packages/server/test/**/*.int.test.ts'],
          // Files share a worker's loaded modules instead of importing the server afresh each (about half the
          // tier's time). Safe because every test builds its own app, database and clock; nothing mocks a module.
          isolate: false,
          env: { TEST_DIALECT: 'postgres' },
          // Names the run's test databases and drops them at the end (workers reuse theirs between tests).
          globalSetup: ['packages/server/test/support/pg-global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files run side by side (scripts/test.mjs picks how many): each starts its own server on a free port
          // with its own data dir, and its own browser.
        },
      },
    ],
  },
});
