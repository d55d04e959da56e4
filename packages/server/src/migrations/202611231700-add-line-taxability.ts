import { sql } from 'kysely';
import type { MigrationDb } from '../platform/db/columns';

/**
 * GST treatment of a supply, per invoice line and per item (GSTR-1 Table 8, GSTR-3B 3.1(c)/(e)): 'taxable' (the
 * default; at 0 % it is nil-rated), 'nil', 'exempt' or 'non_gst'. A check keeps the value set equal on both dialects.
 */
const TAXABILITY = sql`taxability in ('taxable', 'nil', 'exempt', 'non_gst')`;

export async function up(db: MigrationDb): Promise<void> {
  for (const table of ['invoice_lines', 'items']) {
    await db.schema
      .alterTable(table)
      .addColumn('taxability', 'text', (c) => c.notNull().defaultTo('taxable').check(TAXABILITY))
      .execute();
  }
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['items', 'invoice_lines']) {
    await db.schema.alterTable(table).dropColumn('taxability').execute();
  }
}
