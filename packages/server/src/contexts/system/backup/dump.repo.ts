import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { Migrator } from 'kysely';
import { MIGRATIONS } from '../../../migrations/registry';
import { createDatabase, type Database } from '../../../platform/db/database';

/**
 * The whole-database dump machinery: SQL of backup, restore and move, generic over every table (a DB-level
 * repository, not one module's tables). It works below Kysely on purpose: a dump reads every table generically (names
 * from the catalog, rows as arrays) on one connection that holds one snapshot, and a load needs session settings
 * (`session_replication_role`) that must stay on the connection that inserts.
 */

export interface TableShape {
  name: string;
  /** Columns to copy, in order (generated columns left out: the database computes them). */
  columns: string[];
  primaryKey: string[];
  /** Identity columns (PostgreSQL), whose sequences must move past the loaded ids. */
  identity: string[];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const list = (names: string[]) => names.map(q).join(', ');

// ---------------------------------------------------------------- PostgreSQL

/** Opens the read-only snapshot a dump reads every table from, with timestamps written in UTC. */
export async function pgBeginSnapshot(client: pg.ClientBase) {
  await client.query('begin isolation level repeatable read read only');
  await client.query(`set local timezone = 'UTC'`);
}

/**
 * Opens the transaction a load writes in, with triggers off (session_replication_role = replica) for this
 * transaction only.
 */
export async function pgBeginLoad(client: pg.ClientBase) {
  await client.query('begin');
  await client.query('set local session_replication_role = replica');
}

export async function pgCommit(client: pg.ClientBase) {
  await client.query('commit');
}

export async function pgRollback(client: pg.ClientBase) {
  await client.query('rollback');
}

export async function pgTableNames(client: pg.ClientBase): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') order by 1`,
  );
  return r.rows.map((row) => row.name);
}

export async function pgForeignKeys(client: pg.ClientBase): Promise<{ child: string; parent: string }[]> {
  const r = await client.query<{ child: string; parent: string }>(
    `select cc.relname as child, pc.relname as parent
       from pg_constraint k join pg_class cc on cc.oid = k.conrelid join pg_class pc on pc.oid = k.confrelid
      where k.contype = 'f' and k.connamespace = current_schema()::regnamespace`,
  );
  return r.rows;
}

export async function pgTableShape(client: pg.ClientBase, table: string): Promise<TableShape> {
  const cols = await client.query<{ name: string; identity: string; generated: string }>(
    `select attname as name, attidentity as identity, attgenerated as generated from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
    [q(table)],
  );
  const pk = await client.query<{ name: string }>(
    `select a.attname as name from pg_index i
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
    [q(table)],
  );
  return {
    name: table,
    columns: cols.rows.filter((c) => c.generated === '').map((c) => c.name),
    primaryKey: pk.rows.map((c) => c.name),
    identity: cols.rows.filter((c) => c.identity !== '').map((c) => c.name),
  };
}

export async function pgCount(client: pg.ClientBase, table: string): Promise<number> {
  const r = await client.query<{ n: string }>(`select count(*)::text as n from ${q(table)}`);
  return Number(r.rows[0]?.n ?? 0);
}

/** One keyset page: rows after `after` (the previous page's last primary key), as arrays in `columns` order. */
export async function pgReadPage(
  client: pg.ClientBase,
  shape: TableShape,
  after: unknown[] | null,
  limit: number,
): Promise<unknown[][]> {
  if (shape.primaryKey.length === 0) throw new Error(`table ${shape.name} has no primary key to page by`);
  const key = `(${list(shape.primaryKey)})`;
  const where = after ? `where ${key} > (${after.map((_, i) => `$${i + 1}`).join(', ')})` : '';
  const r = await client.query<unknown[]>({
    text: `select ${list(shape.columns)} from ${q(shape.name)} ${where} order by ${list(shape.primaryKey)} limit ${limit}`,
    values: after ?? [],
    rowMode: 'array',
  });
  return r.rows;
}

/** Multi-row INSERT of text values; PostgreSQL casts each to its column's type. Keeps the given identity values. */
export async function pgInsertRows(client: pg.ClientBase, shape: TableShape, rows: readonly unknown[][]) {
  if (rows.length === 0) return;
  const width = shape.columns.length;
  const values: unknown[] = [];
  const tuples = rows.map((row, r) => {
    for (let c = 0; c < width; c++) values.push(row[c] ?? null);
    return `(${shape.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`;
  });
  const overriding = shape.identity.length > 0 ? 'overriding system value' : '';
  await client.query(
    `insert into ${q(shape.name)} (${list(shape.columns)}) ${overriding} values ${tuples.join(', ')}`,
    values,
  );
}

export async function pgDeleteAll(client: pg.ClientBase, table: string) {
  await client.query(`delete from ${q(table)}`);
}

/** Moves an identity sequence to the largest loaded id, so the app's next insert does not collide. */
export async function pgResetIdentity(client: pg.ClientBase, table: string, column: string) {
  await client.query(
    `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${q(column)}) from ${q(table)}), 1),
       (select max(${q(column)}) from ${q(table)}) is not null)`,
    [q(table), column],
  );
}

export async function pgMigrations(client: pg.ClientBase): Promise<string[]> {
  const tables = await pgTableNames(client);
  if (!tables.includes('kysely_migration')) return [];
  const r = await client.query<{ name: string }>('select name from kysely_migration order by name');
  return r.rows.map((row) => row.name);
}

/** Tables whose rows mean that a firm lives in this database (migrations alone fill only reference tables). */
const FIRM_TABLES = ['users', 'parties', 'audit_log'];

export async function pgHoldsFirm(client: pg.ClientBase): Promise<boolean> {
  const tables = new Set(await pgTableNames(client));
  for (const table of FIRM_TABLES) {
    if (tables.has(table) && (await pgCount(client, table)) > 0) return true;
  }
  return false;
}

// ---------------------------------------------------------------- SQLite

/** One read transaction on a SQLite file: every read until sqliteCommit sees the same snapshot. */
export function sqliteBegin(db: SQLite.Database) {
  db.exec('begin');
}

export function sqliteCommit(db: SQLite.Database) {
  db.exec('commit');
}

export function sqliteTableNames(db: SQLite.Database): string[] {
  const rows = db
    .prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .all() as { name: string; sql: string | null }[];
  // Full-text indexes (virtual tables and their shadow tables) are SQLite's own search structures, not data.
  const virtual = rows.filter((r) => /^create virtual table/i.test(r.sql ?? '')).map((r) => r.name);
  return rows
    .filter((r) => !virtual.includes(r.name) && !virtual.some((v) => r.name.startsWith(`${v}_`)))
    .map((r) => r.name);
}

export function sqliteForeignKeys(db: SQLite.Database, tables: string[]): { child: string; parent: string }[] {
  return tables.flatMap((child) =>
    (db.prepare(`select "table" as parent from pragma_foreign_key_list(?)`).all(child) as { parent: string }[]).map(
      (r) => ({ child, parent: r.parent }),
    ),
  );
}

export function sqliteTableShape(db: SQLite.Database, table: string): TableShape {
  const cols = db.prepare(`select name, pk from pragma_table_xinfo(?) where hidden = 0 order by cid`).all(table) as {
    name: string;
    pk: number;
  }[];
  const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return {
    name: table,
    columns: cols.map((c) => c.name),
    // A table without a declared key still has its rowid to page by.
    primaryKey: pk.length > 0 ? pk.map((c) => c.name) : ['rowid'],
    identity: [],
  };
}

export function sqliteCount(db: SQLite.Database, table: string): number {
  const row = db.prepare(`select count(*) as n from ${q(table)}`).get() as { n: number };
  return row.n;
}

/** One keyset page of `columns` (which must include the primary key columns) as arrays. */
export function sqliteReadPage(
  db: SQLite.Database,
  shape: TableShape,
  columns: string[],
  after: unknown[] | null,
  limit: number,
): unknown[][] {
  const key = `(${list(shape.primaryKey)})`;
  const where = after ? `where ${key} > (${after.map(() => '?').join(', ')})` : '';
  return db
    .prepare(`select ${list(columns)} from ${q(shape.name)} ${where} order by ${list(shape.primaryKey)} limit ${limit}`)
    .raw(true)
    .all(...(after ?? [])) as unknown[][];
}

export function sqliteMigrations(db: SQLite.Database): string[] {
  if (!sqliteTableNames(db).includes('kysely_migration')) return [];
  return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
}

export function sqliteHoldsFirm(db: SQLite.Database): boolean {
  const tables = new Set(sqliteTableNames(db));
  return FIRM_TABLES.some((t) => tables.has(t) && sqliteCount(db, t) > 0);
}

/** A consistent copy of a live database into `file`, taken in one read transaction while others keep writing. */
export function sqliteVacuumInto(db: SQLite.Database, file: string) {
  db.prepare('vacuum into ?').run(file);
}

// ---------------------------------------------------------------- Schema

/** Migrates to `last` (the backup's newest migration), or to the latest when absent; never down. */
export async function migrateTarget(url: string | undefined, last: string | undefined, existing?: Database) {
  const database = existing ?? createDatabase({ url, poolSize: 1 });
  try {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => MIGRATIONS } });
    const applied = (await migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
    const newest = applied[applied.length - 1];
    if (last && newest && newest >= last) return;
    const result = last ? await migrator.migrateTo(last) : await migrator.migrateToLatest();
    if (result.error) {
      throw new Error(`migrating the target failed: ${String(result.error)}`, { cause: result.error });
    }
  } finally {
    if (!existing) await database.destroy();
  }
}
