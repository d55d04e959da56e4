#!/usr/bin/env node
// `npm run bench`: builds the app, then runs every bench/*.bench.ts in turn (or the ones named on the command line).
// `npm run bench -- --summary`: prints the recorded figures, their targets and whether they hold (bench/summary.mjs).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSummary } from './summary.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const summary = process.argv.includes('--summary');
const wanted = process.argv.slice(2).filter((a) => a !== '--summary');
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));

if (summary) {
  const ok = printSummary(here, benches);
  process.exit(ok ? 0 : 1);
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, bench)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
