import { sql, type Kysely } from 'kysely';
import { compareSql } from './summary-ddl.repo';
import type { SummaryDialect, SummaryTable } from './summary-tables.repo';

/**
 * Runs the summaries' SQL (summary-ddl.repo.ts) and reads and writes their zone row. Written against Kysely<any>:
 * the summary tables are read and written by raw SQL only and are not part of the typed schema. Callers pass their
 * own executor (a transaction where the change must be atomic with a write).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the summary tables are not in the typed schema
export type AnyDb = Kysely<any>;

export async function runStatements(db: AnyDb, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function insertZone(
  db: AnyDb,
  zone: { timeZone: string; fyStartMonth: number },
  sqliteModifier: string,
): Promise<void> {
  await sql`insert into metric_zone (id, time_zone, sqlite_modifier, fy_start_month)
    values (1, ${zone.timeZone}, ${sqliteModifier}, ${zone.fyStartMonth})`.execute(db);
}

export async function findZone(db: AnyDb) {
  const current = await sql<{ time_zone: string; fy_start_month: number | string }>`
    select time_zone, fy_start_month from metric_zone where id = 1`.execute(db);
  return current.rows[0];
}

export async function updateZone(
  db: AnyDb,
  zone: { timeZone: string; fyStartMonth: number },
  sqliteModifier: string,
): Promise<void> {
  await sql`update metric_zone set time_zone = ${zone.timeZone}, sqlite_modifier = ${sqliteModifier},
    fy_start_month = ${zone.fyStartMonth} where id = 1`.execute(db);
}

/** The first `limit` buckets where a summary table and its recomputation from the sources disagree. */
export async function mismatchedBuckets(db: AnyDb, table: SummaryTable, dialect: SummaryDialect, limit: number) {
  const r = await sql.raw<Record<string, unknown>>(`${compareSql(table, dialect)} limit ${limit}`).execute(db);
  return r.rows;
}
