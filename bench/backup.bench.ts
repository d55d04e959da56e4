/**
 * Backup and move at scale (issue 17), over the reports benches' SQLite database (1,000,000 orders, 1,000,000
 * invoices; bench/report-data.ts builds and caches it at bench/.data/reports-1000000-1000000.db):
 * - `backup` of a copy of it (VACUUM INTO plus manifest hashes), timed and sized;
 * - `move` of that copy into a new, empty PostgreSQL database (dropped afterwards), timed, with its checks.
 * The cached file is only ever read: everything runs on a copy in a temp data directory.
 *
 *   npx tsx bench/backup.bench.ts [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--skip-move]
 */
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openRuntime } from '../packages/server/src/main';
import { checkInstallation, makeBackupService } from '../packages/server/src/contexts/system/backup/backup.service';
import { parseEnv } from '../packages/server/src/env';
import { systemClock } from '../packages/server/src/platform/clock';
import { APP_VERSION } from '../packages/server/src/version';
import { machineLine } from './generator/bench-support';

const { values } = parseArgs({
  options: {
    source: { type: 'string', default: 'bench/.data/reports-1000000-1000000.db' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-move': { type: 'boolean', default: false },
  },
});

const source = path.resolve(values.source);
if (!existsSync(source)) {
  console.error(`${source} is missing; build it first with: npx tsx bench/ledger.bench.ts (it caches the data)`);
  process.exit(1);
}
const secret = 'bench-secret-bench-secret-0123456789abcd';
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

console.log(machineLine());
const dataDir = await mkdtemp(path.join(tmpdir(), 'bizdash-bench-backup-'));
let database: string | undefined;
try {
  let started = performance.now();
  await copyFile(source, path.join(dataDir, 'bizdash.db'));
  console.log(`copied ${source} (${gib((await stat(source)).size)}) to a temp data dir in ${seconds(started)} s`);

  const service = makeBackupService({
    dataDir,
    databaseUrl: undefined,
    appVersion: APP_VERSION,
    clock: systemClock,
    log: () => undefined,
  });
  const env = { BIZDASH_DATA_DIR: dataDir, BIZDASH_SECRET: secret } as const;

  // The migrations first (as the app would on start), so the backup times the copy alone.
  started = performance.now();
  const runtime = await openRuntime(parseEnv(env));
  await runtime.database.destroy();
  console.log(`migrated the copy to the latest schema (and posted any ledger backlog) in ${seconds(started)} s`);

  started = performance.now();
  const { dir, manifest } = await service.backup();
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  console.log(
    `backup: ${seconds(started)} s, ${gib(bytes)} in ${manifest.files.length} files, ` +
      `${rows.toLocaleString('en-IN')} rows in ${Object.keys(manifest.tables).length} tables ` +
      `(orders ${manifest.tables.orders}, invoices ${manifest.tables.invoices})`,
  );
  await rm(dir, { recursive: true, force: true });

  if (!values['skip-move']) {
    database = `bizdash_bench_move_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${database}`);
    const url = new URL(values.postgres);
    url.pathname = `/${database}`;
    started = performance.now();
    const report = await service.move({ to: url.toString() }, async (target) => {
      const checked = await openRuntime(parseEnv({ ...env, DATABASE_URL: target }));
      try {
        return await checkInstallation(checked.services, checked.database);
      } finally {
        await checked.database.destroy();
      }
    });
    const size = await admin(`select pg_database_size('${database}') as bytes`);
    console.log(
      `move to PostgreSQL: ${seconds(started)} s in all (load, summaries and checks), ` +
        `${gib(Number(size.rows[0]?.bytes ?? 0))} in PostgreSQL; audit ${report.checks.audit.ok ? 'OK' : 'BROKEN'}, ` +
        `summary mismatches ${report.checks.summaryMismatches}, ledger ${report.checks.ledger.ok ? 'OK' : 'DIFFERS'}`,
    );
    for (const p of report.checks.ledger.problems.slice(0, 5)) console.log(`  ledger ${p.kind}: ${p.message}`);
  }
} finally {
  if (database) await admin(`drop database if exists ${database} with (force)`);
  await rm(dataDir, { recursive: true, force: true });
}

async function admin(query: string) {
  const client = new pg.Client({ connectionString: values.postgres });
  await client.connect();
  try {
    return await client.query<{ bytes: string }>(query);
  } finally {
    await client.end();
  }
}
