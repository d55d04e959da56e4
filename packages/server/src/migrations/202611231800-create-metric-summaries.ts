import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from '../platform/db/columns';
import { installSummaries, uninstallSummaries } from './frozen/202611231800-metric-summaries';

/**
 * Summary tables for the dashboard and reports, kept by triggers (contexts/analytics/metric-summaries). Plain aggregates over
 * the orders and invoices of a financial year took 1.3 s at 200k rows (docs/benchmarks.md); the summaries hold a
 * row per day or per party and period. Filled here from the rows already present.
 *
 * The declarations and the SQL generated from them are frozen in frozen/202611231800-metric-summaries.ts (copied
 * from the module at issue 19, unchanged in what they install), so a later change to the module cannot alter what
 * this migration did. A later change to a summary ships as a new migration with its own frozen SQL.
 */
export async function up(db: MigrationDb): Promise<void> {
  const business = await sql<{ timezone: string; fy_start_month: number | string }>`
    select timezone, fy_start_month from business where id = 1`.execute(db);
  const row = business.rows[0];
  await installSummaries(db, isPostgres(db) ? 'postgres' : 'sqlite', {
    timeZone: row?.timezone ?? 'Asia/Kolkata',
    fyStartMonth: Number(row?.fy_start_month ?? 4),
  });
  // The ageing breakdown of the parties it shows (and its full export) reads open documents by party from here.
  await sql`create index invoices_open_party_idx on invoices (direction, party_id, due_date, date, balance_due_paise)
    where status = 'issued' and type <> 'credit_note' and balance_due_paise > 0`.execute(db);
}

export async function down(db: MigrationDb): Promise<void> {
  await sql`drop index invoices_open_party_idx`.execute(db);
  await uninstallSummaries(db, isPostgres(db) ? 'postgres' : 'sqlite');
}
