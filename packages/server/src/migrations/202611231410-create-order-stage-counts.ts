import { sql } from 'kysely';
import { columnTypes, type MigrationDb } from '../platform/db/columns';

/**
 * How many orders sit in each stage, kept by the orders service in the same transaction as every create and
 * transition. A list filtered by stage alone reads its total here: counting the 800k completed orders of a mature
 * firm through an index took 40-45 ms a request (docs/benchmarks.md), and that count only grows.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('order_stage_counts')
    .addColumn('stage_code', 'text', (c) => c.primaryKey())
    .addColumn('total', t.bigint, (c) => c.notNull().check(sql`total >= 0`))
    .execute();
  await sql`insert into order_stage_counts (stage_code, total) select stage_code, count(*) from orders group by stage_code`.execute(
    db,
  );
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('order_stage_counts').execute();
}
