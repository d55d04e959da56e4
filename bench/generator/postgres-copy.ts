import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openRuntime } from '../../packages/server/src/main';
import { checkInstallation, makeBackupService } from '../../packages/server/src/contexts/system/backup/backup.service';
import { parseEnv } from '../../packages/server/src/env';
import { systemClock } from '../../packages/server/src/platform/clock';
import { APP_VERSION } from '../../packages/server/src/version';

/**
 * The PostgreSQL copy of a size's cached SQLite database: `bizdash move` (with its checks) into
 * `bizdash_bench_reports_<size>` the first time, then reused. Returns its URL.
 */
export async function postgresCopy(server: string, size: number, sqliteFile: string): Promise<string> {
  const name = `bizdash_bench_reports_${size}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) return url.toString();
    const scratch = `${name}_loading`;
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.query(`create database ${scratch}`);
    const scratchUrl = new URL(server);
    scratchUrl.pathname = `/${scratch}`;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bizdash-bench-lists-'));
    try {
      await copyFile(sqliteFile, path.join(dataDir, 'bizdash.db'));
      const env = { BIZDASH_DATA_DIR: dataDir, BIZDASH_SECRET: 'bench-secret-bench-secret-0123456789abcd' };
      await (await openRuntime(parseEnv(env))).database.destroy(); // migrated first, as the app would on start
      const started = performance.now();
      const service = makeBackupService({
        dataDir,
        databaseUrl: undefined,
        appVersion: APP_VERSION,
        clock: systemClock,
        log: () => undefined,
      });
      const report = await service.move({ to: scratchUrl.toString() }, async (target) => {
        const checked = await openRuntime(parseEnv({ ...env, DATABASE_URL: target }));
        try {
          return await checkInstallation(checked.services, checked.database);
        } finally {
          await checked.database.destroy();
        }
      });
      console.log(
        `${size} orders moved to PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
          `(audit ${report.checks.audit.ok ? 'OK' : 'BROKEN'}, summary mismatches ${report.checks.summaryMismatches})`,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    await admin.query(`alter database ${scratch} rename to ${name}`);
    // Statistics and the visibility map, as a running installation has them after autovacuum: without the map,
    // every count(*) visits the heap.
    const vacuum = new pg.Client({ connectionString: url.toString() });
    await vacuum.connect();
    await vacuum.query('vacuum (analyze)');
    await vacuum.end();
    return url.toString();
  } finally {
    await admin.end();
  }
}
