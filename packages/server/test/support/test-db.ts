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
    // Recursive: migrations/frozen holds code that applied migrations were frozen with.
    for (const name of readdirSync(full, { recursive: true, encoding: 'utf8' }).sort()) {
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

/**
 * Test databases on PostgreSQL are named for the run that made them (see pg-global-setup.ts), so the run's teardown
 * drops exactly its own, and a later run can tell a crashed run's leftovers by their age.
 */
export const TEST_DB_PREFIX = 'bizdash_t_';
function runTag(): string {
  return process.env.BIZDASH_TEST_RUN ?? `${Math.floor(Date.now() / 1000).toString(36)}_${process.pid.toString(36)}`;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminPostgresUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function newPostgresDatabase(migrate: boolean): Promise<string> {
  const name = `${TEST_DB_PREFIX}${runTag()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    if (migrate) await createFromTemplate(admin, name, await postgresTemplate(admin));
    else await admin.query(`create database ${name}`);
  });
  return name;
}

async function dropPostgresDatabase(name: string): Promise<void> {
  await withAdmin(async (drop) => {
    // Not WITH (FORCE): forcing terminates connections the pool is still closing, and their 57P01 errors then
    // surface as unhandled errors in whatever test runs next. Wait for them to go instead; force only as a last
    // resort (a test that leaked a connection).
    for (let attempt = 0; ; attempt++) {
      try {
        await drop.query(`drop database if exists ${name}`);
        return;
      } catch (error) {
        const busy = (error as { code?: string }).code === '55006'; // object_in_use
        if (!busy) throw error;
        if (attempt >= 40) {
          await drop.query(`drop database if exists ${name} with (force)`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
}

/**
 * CREATE DATABASE … TEMPLATE costs about 0.75 s on this machine (it writes the whole 12 MB catalog), and TRUNCATE
 * of every table as much again (a new file per table and index). Tests write a few rows each, so a used database is
 * put back as the template left it far more cheaply: delete the rows of every table that has any, put back the rows
 * the migrations seeded, and set every sequence back. The worker keeps such databases for its next tests.
 */
const idlePostgres: string[] = [];

interface PristineState {
  /** What the schema looked like: a test that changed it (a migration down and up) leaves other numbers. */
  schemaMark: string;
  tables: string[];
  /** Rows the migrations seeded, per table, with the columns that take explicit values. */
  seeds: { table: string; columns: string[]; rows: unknown[] }[];
  sequences: { name: string; start: string; last: string | null }[];
}
let pristine: PristineState | undefined;

/** Counts and newest oids of the schema's objects: dropping or re-creating a table, index, trigger, constraint or
 * function changes it. */
const SCHEMA_MARK_SQL = `select concat_ws(':',
  (select count(*) || '/' || coalesce(max(oid::int8), 0) from pg_class where relnamespace = 'public'::regnamespace),
  (select count(*) || '/' || coalesce(max(t.oid::int8), 0) from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where c.relnamespace = 'public'::regnamespace),
  (select count(*) || '/' || coalesce(max(oid::int8), 0) from pg_constraint where connamespace = 'public'::regnamespace),
  (select count(*) || '/' || coalesce(max(oid::int8), 0) from pg_proc where pronamespace = 'public'::regnamespace)
) as mark`;

async function readPristine(client: pg.Client): Promise<PristineState> {
  const mark = await client.query<{ mark: string }>(SCHEMA_MARK_SQL);
  const tables = (
    await client.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public' order by tablename",
    )
  ).rows.map((row) => row.tablename);
  const seeds: PristineState['seeds'] = [];
  for (const table of await nonEmptyTables(client, tables)) {
    const columns = (
      await client.query<{ column_name: string }>(
        "select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 " +
          "and is_generated = 'NEVER' order by ordinal_position",
        [table],
      )
    ).rows.map((row) => row.column_name);
    const rows = (await client.query(`select * from ${pg.escapeIdentifier(table)}`)).rows;
    seeds.push({ table, columns, rows });
  }
  const sequences = (
    await client.query<{ name: string; start: string; last: string | null }>(
      "select format('%I.%I', schemaname, sequencename) as name, start_value::text as start, " +
        "last_value::text as last from pg_sequences where schemaname = 'public'",
    )
  ).rows;
  return { schemaMark: mark.rows[0]!.mark, tables, seeds, sequences };
}

async function nonEmptyTables(client: pg.Client, tables: string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const probe = tables
    .map((t) => `select ${pg.escapeLiteral(t)} as t where exists (select 1 from ${pg.escapeIdentifier(t)})`)
    .join(' union all ');
  return (await client.query<{ t: string }>(probe)).rows.map((row) => row.t);
}

/** Puts a used test database back as the template left it; false when that cannot be shown, and it must go. */
async function resetToTemplate(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (v: string) => v } });
  try {
    await client.connect();
    // A connection the test left behind (a process it started, a pool it did not close) could write into the
    // next test's data: such a database is not reused.
    // The pool just closed may take a moment to leave.
    for (let attempt = 0; ; attempt++) {
      const others = await client.query<{ n: string }>(
        'select count(*)::text as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      if (others.rows[0]!.n === '0') break;
      if (attempt >= 20) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!pristine) return false;
    const mark = await client.query<{ mark: string }>(SCHEMA_MARK_SQL);
    if (mark.rows[0]!.mark !== pristine.schemaMark) return false;
    await client.query('begin');
    // Replica mode skips triggers and foreign-key checks: the append-only audit log's guard, and the order of
    // deletes. It needs a superuser, which the test server's role is; without it the database is dropped instead.
    await client.query("set local session_replication_role = 'replica'");
    await client.query("set local lock_timeout = '2s'");
    const dirty = new Set(await nonEmptyTables(client, pristine.tables));
    for (const seed of pristine.seeds) dirty.add(seed.table);
    for (const table of dirty) await client.query(`delete from ${pg.escapeIdentifier(table)}`);
    for (const seed of pristine.seeds) {
      const columns = seed.columns.map((c) => pg.escapeIdentifier(c)).join(', ');
      await client.query(
        `insert into ${pg.escapeIdentifier(seed.table)} (${columns}) overriding system value ` +
          `select ${columns} from json_populate_recordset(null::${pg.escapeIdentifier(seed.table)}, $1)`,
        [JSON.stringify(seed.rows)],
      );
    }
    for (const seq of pristine.sequences) {
      await client.query('select setval($1::regclass, $2::int8, $3)', [
        seq.name,
        seq.last ?? seq.start,
        seq.last !== null,
      ]);
    }
    await client.query('commit');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Reads the template's state from a database just copied from it (once per worker). */
async function notePristine(url: string): Promise<void> {
  if (pristine) return;
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (v: string) => v } });
  await client.connect();
  try {
    pristine = await readPristine(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database: a new SQLite file in a temp dir, or a new PostgreSQL database. */
export async function createTestDatabase(
  options: {
    migrate?: boolean;
    /** A database of its own that is dropped afterwards, never one from the pool (a test that changes the schema). */
    fresh?: boolean;
  } = {},
): Promise<TestDatabase> {
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

  const url = new URL(adminPostgresUrl());
  const reused = migrate && !options.fresh ? idlePostgres.pop() : undefined;
  const name = reused ?? (await newPostgresDatabase(migrate));
  url.pathname = `/${name}`;
  if (migrate && !reused) await notePristine(url.toString());
  const database = createDatabase({ url: url.toString(), poolSize: 5 });
  return {
    database,
    dialect,
    location: { url: url.toString(), dataDir },
    cleanup: async () => {
      await database.destroy();
      // A database goes back to the worker's pool only when it is provably as the template left it; otherwise it
      // is dropped, as every database was before the pool.
      if (migrate && !options.fresh && (await resetToTemplate(url.toString()))) idlePostgres.push(name);
      else await dropPostgresDatabase(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
