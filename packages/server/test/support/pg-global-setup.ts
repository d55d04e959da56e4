import pg from 'pg';
import { adminPostgresUrl, TEST_DB_PREFIX } from './test-db';

/**
 * The PostgreSQL tier's run: workers keep their test databases for reuse (test-db.ts), so the run names them with
 * its own tag and drops them when it ends. Databases of a run that crashed carry their start time in the tag and
 * go once they are six hours old, never those of a run that may still be going (another checkout).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started = Math.floor(Date.now() / 1000);
  const tag = `${started.toString(36)}_${process.pid.toString(36)}`;
  process.env.BIZDASH_TEST_RUN = tag;
  await dropDatabases((name) => {
    // The start time, then the pid: `_` separates them (base-36 digits include every letter).
    const match = new RegExp(`^${TEST_DB_PREFIX}([0-9a-z]+)_[0-9a-z]+_`).exec(name);
    return match !== null && started - parseInt(match[1]!, 36) > 6 * 3600;
  });
  return () => dropDatabases((name) => name.startsWith(`${TEST_DB_PREFIX}${tag}_`));
}

async function dropDatabases(which: (name: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: adminPostgresUrl() });
  try {
    await admin.connect();
  } catch {
    return; // no server: the tier itself reports that
  }
  try {
    const found = await admin.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [TEST_DB_PREFIX],
    );
    for (const { datname } of found.rows) {
      if (which(datname)) await admin.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}
