import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database, type Dialect } from '../../src/platform/db/database';
import { migrateToLatest } from '../../src/platform/db/migrator';

/** The dialect this run of the suite targets: the vitest project sets TEST_DIALECT. */
export function testDialect(): Dialect {
  return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

/** The server the PostgreSQL run uses; each test file gets a database of its own on it. */
export function adminPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase {
  database: Database;
  dialect: Dialect;
  /** SQLite file or PostgreSQL URL, for code under test that opens its own connection (the CLI). */
  location: { sqliteFile?: string; url?: string; dataDir: string };
  cleanup(): Promise<void>;
}

const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * What a migrated schema depends on: the migrations and the database layer. A template made from other sources is
 * never reused, so a new or edited migration takes effect on the next test without anyone clearing a cache.
 */
function schemaHash(): string {
  const hash = createHash('sha256');
  for (const dir of ['migrations', 'platform/db']) {
    const full = path.join(serverSrc, dir);
    for (const name of readdirSync(full).sort()) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      hash.update(name).update(readFileSync(path.join(full, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

let templateHash: string | undefined;
const currentHash = () => (templateHash ??= schemaHash());

/**
 * Migrating takes one to two seconds a database, and the suite makes hundreds. Each dialect migrates once into a
 * template (a SQLite file in the temp dir; a PostgreSQL database), and every test database is a copy of it: a file
 * copy, or CREATE DATABASE … TEMPLATE. Several vitest workers may race to make it; the loser's copy is dropped.
 */
async function sqliteTemplate(): Promise<string> {
  const file = path.join(tmpdir(), `bizdash-template-${currentHash()}.db`);
  if (existsSync(file)) return file;
  const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-template-'));
  const scratch = path.join(dir, 'template.db');
  const database = createDatabase({ sqliteFile: scratch });
  try {
    await migrateToLatest(database);
  } finally {
    await database.destroy();
  }
  // Closing the last connection checkpoints the WAL into the file, so the file alone is the whole database.
  renameSync(scratch, file);
  rmSync(dir, { recursive: true, force: true });
  return file;
}

async function postgresTemplate(admin: pg.Client): Promise<string> {
  const name = `bizdash_tpl_${currentHash()}`;
  const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (found.rowCount) return name;
  const scratch = `${name}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${scratch}`);
  const url = new URL(adminPostgresUrl());
  url.pathname = `/${scratch}`;
  const database = createDatabase({ url: url.toString(), poolSize: 1 });
  try {
    await migrateToLatest(database);
  } finally {
    await database.destroy();
  }
  try {
    await admin.query(`alter database ${scratch} rename to ${name}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // duplicate_database: another worker won
    await admin.query(`drop database if exists ${scratch}`);
  }
  // Templates of older schemas are left by earlier runs; they are only disk, but need not pile up. Only those made
  // over an hour ago go, so a run still using one (another checkout, or a run that began before a migration was
  // edited) never loses it mid-run.
  await admin.query(`comment on database ${name} is '${Date.now()}'`).catch(() => undefined);
  const stale = await admin.query<{ datname: string; made: string | null }>(
    "select datname, shobj_description(oid, 'pg_database') as made from pg_database " +
      "where datname ~ '^bizdash_tpl_[0-9a-f]{16}$' and datname <> $1",
    [name],
  );
  for (const row of stale.rows) {
    if (Date.now() - Number(row.made ?? 0) < 60 * 60_000) continue;
    await admin.query(`drop database if exists ${row.datname}`).catch(() => undefined);
  }
  return name;
}

/** CREATE DATABASE … TEMPLATE refuses while another session is still leaving the template; that passes quickly. */
async function createFromTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A fresh, migrated database: a new SQLite file in a temp dir, or a new PostgreSQL database. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bizdash-test-'));
  const dialect = testDialect();
  const migrate = options.migrate !== false;
  if (dialect === 'sqlite') {
    const sqliteFile = path.join(dataDir, 'bizdash.db');
    if (migrate) copyFileSync(await sqliteTemplate(), sqliteFile);
    const database = createDatabase({ sqliteFile });
    return {
      database,
      dialect,
      location: { sqliteFile, dataDir },
      cleanup: async () => {
        await database.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const name = `bizdash_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminPostgresUrl() });
  await admin.connect();
  try {
    if (migrate) await createFromTemplate(admin, name, await postgresTemplate(admin));
    else await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminPostgresUrl());
  url.pathname = `/${name}`;
  const database = createDatabase({ url: url.toString(), poolSize: 5 });
  return {
    database,
    dialect,
    location: { url: url.toString(), dataDir },
    cleanup: async () => {
      await database.destroy();
      const drop = new pg.Client({ connectionString: adminPostgresUrl() });
      await drop.connect();
      try {
        // Not WITH (FORCE): forcing terminates connections the pool is still closing, and their 57P01 errors then
        // surface as unhandled errors in whatever test runs next. Wait for them to go instead; force only as a
        // last resort (a test that leaked a connection).
        for (let attempt = 0; ; attempt++) {
          try {
            await drop.query(`drop database if exists ${name}`);
            break;
          } catch (error) {
            const busy = (error as { code?: string }).code === '55006'; // object_in_use
            if (!busy) throw error;
            if (attempt >= 40) {
              await drop.query(`drop database if exists ${name} with (force)`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      } finally {
        await drop.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
