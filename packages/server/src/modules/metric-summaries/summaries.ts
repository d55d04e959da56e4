import { startOfLocalDay } from '@bizdash/domain/orders/calendar';
import { sql, type Kysely } from 'kysely';
import {
  compareSql,
  createTableSql,
  createTriggersSql,
  createZoneSql,
  dropTriggersSql,
  rebuildSql,
  SUMMARY_TABLES,
  type SummaryDialect,
} from './summary-sql';

/**
 * Installing, rebuilding and checking the summary tables (summary-sql.ts). Written against Kysely<any> because the
 * migration that creates them runs before the typed schema exists; services pass their own executor (a
 * transaction where the change must be atomic with a write).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared with the migration, which sees no typed schema
type AnyDb = Kysely<any>;

export interface SummaryZone {
  timeZone: string;
  fyStartMonth: number;
}

async function run(db: AnyDb, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** SQLite's date() modifier for a zone: its offset on a fixed date (zones without daylight saving only). */
export function sqliteModifier(timeZone: string): string {
  const start = startOfLocalDay('2026-01-02', timeZone);
  const minutes = Math.round((Date.parse('2026-01-02T00:00:00.000Z') - Date.parse(start)) / 60_000);
  return `${minutes >= 0 ? '+' : ''}${minutes} minutes`;
}

/** Creates the tables and triggers and fills them from the current rows (the migration). */
export async function installSummaries(db: AnyDb, dialect: SummaryDialect, zone: SummaryZone): Promise<void> {
  await run(db, [createZoneSql(dialect), ...SUMMARY_TABLES.flatMap((t) => createTableSql(t, dialect))]);
  await sql`insert into metric_zone (id, time_zone, sqlite_modifier, fy_start_month)
    values (1, ${zone.timeZone}, ${sqliteModifier(zone.timeZone)}, ${zone.fyStartMonth})`.execute(db);
  await run(db, createTriggersSql(dialect));
  await run(db, rebuildSql(dialect));
}

export async function uninstallSummaries(db: AnyDb, dialect: SummaryDialect): Promise<void> {
  await run(db, dropTriggersSql(dialect));
  await run(db, ['drop table metric_zone', ...SUMMARY_TABLES.map((t) => `drop table ${t.name}`)]);
}

/** Empties every summary and fills it again from its sources. */
export async function rebuildSummaries(db: AnyDb, dialect: SummaryDialect): Promise<void> {
  await run(db, rebuildSql(dialect));
}

/**
 * Called in the transaction that changes the business's zone or financial-year start: every bucket depends on
 * them, so a change rebuilds the summaries (seconds at a million orders; a once-in-a-lifetime setting).
 */
export async function setSummaryZone(db: AnyDb, dialect: SummaryDialect, zone: SummaryZone): Promise<boolean> {
  const current = await sql<{ time_zone: string; fy_start_month: number | string }>`
    select time_zone, fy_start_month from metric_zone where id = 1`.execute(db);
  const row = current.rows[0];
  if (row && row.time_zone === zone.timeZone && Number(row.fy_start_month) === zone.fyStartMonth) return false;
  await sql`update metric_zone set time_zone = ${zone.timeZone}, sqlite_modifier = ${sqliteModifier(zone.timeZone)},
    fy_start_month = ${zone.fyStartMonth} where id = 1`.execute(db);
  await rebuildSummaries(db, dialect);
  return true;
}

export interface SummaryMismatch {
  table: string;
  /** 'kept': the row as the summary holds it; 'recomputed': as the sources say it should be. */
  side: 'kept' | 'recomputed';
  row: Record<string, string>;
}

/** Recomputes every summary from its sources and lists the buckets that differ (empty when all match). */
export async function checkSummaries(db: AnyDb, dialect: SummaryDialect, limit = 50): Promise<SummaryMismatch[]> {
  const out: SummaryMismatch[] = [];
  for (const table of SUMMARY_TABLES) {
    const r = await sql.raw<Record<string, unknown>>(`${compareSql(table, dialect)} limit ${limit}`).execute(db);
    for (const row of r.rows) {
      const { side, ...rest } = row;
      out.push({
        table: table.name,
        side: side === 'kept' ? 'kept' : 'recomputed',
        row: Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, String(value)])),
      });
    }
  }
  return out;
}

/** Drops the triggers (a bulk load runs without them, then calls restoreSummaries). */
export function summaryTriggerDropSql(dialect: SummaryDialect): string[] {
  return dropTriggersSql(dialect);
}

/** After a bulk load: triggers back, and every summary rebuilt from the loaded rows. */
export function summaryRestoreSql(dialect: SummaryDialect): string[] {
  return [...createTriggersSql(dialect), ...rebuildSql(dialect)];
}
