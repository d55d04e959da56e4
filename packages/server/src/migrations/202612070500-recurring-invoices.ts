import { sql } from 'kysely';
import { columnTypes, idType, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Recurring invoices (issue 20): a profile (party, the draft invoice input, a schedule) and one row per run. The
 * unique (profile_id, run_date) is what makes each run happen once: the run row is written in the transaction that
 * creates its invoice, so a second worker or a retry of the same run fails on it and rolls its invoice back.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  await withIdColumn(db, db.schema.createTable('recurring_invoice_profiles'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('party_id', id, (c) => c.notNull().references('parties.id'))
    // The draft input (RecurringInvoiceTemplate) as given: priced by the invoice engine at each run.
    .addColumn('template', t.jsonText, (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('monthly', 'quarterly', 'yearly')`))
    .addColumn('day_of_month', 'integer', (c) => c.notNull().check(sql`day_of_month between 1 and 31`))
    .addColumn('start_date', t.date, (c) => c.notNull())
    .addColumn('end_date', t.date)
    .addColumn('max_runs', 'integer')
    .addColumn('auto_issue', t.boolean, (c) => c.notNull())
    .addColumn('auto_email', t.boolean, (c) => c.notNull())
    .addColumn('is_active', t.boolean, (c) => c.notNull())
    // Denormalised from the schedule and the runs, so the scheduler finds due profiles on an index.
    .addColumn('next_run_date', t.date)
    .addColumn('last_run_date', t.date)
    .addColumn('run_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recurring_invoice_profiles_due')
    .on('recurring_invoice_profiles')
    .columns(['next_run_date', 'id'])
    .execute();
  await db.schema
    .createIndex('recurring_invoice_profiles_party')
    .on('recurring_invoice_profiles')
    .column('party_id')
    .execute();

  await withIdColumn(db, db.schema.createTable('recurring_invoice_runs'))
    .addColumn('profile_id', id, (c) => c.notNull().references('recurring_invoice_profiles.id').onDelete('cascade'))
    .addColumn('run_date', t.date, (c) => c.notNull())
    // A draft a user deletes leaves the run (it happened) without its invoice.
    .addColumn('invoice_id', id, (c) => c.references('invoices.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'issued', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('emailed_to', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('recurring_invoice_runs_once', ['profile_id', 'run_date'])
    .execute();
  await db.schema
    .createIndex('recurring_invoice_runs_invoice')
    .on('recurring_invoice_runs')
    .column('invoice_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('recurring_invoice_runs').ifExists().execute();
  await db.schema.dropTable('recurring_invoice_profiles').ifExists().execute();
}
