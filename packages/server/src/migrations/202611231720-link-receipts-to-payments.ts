import { idType, type MigrationDb } from '../platform/db/columns';

/**
 * An order receipt applied to the order's invoice becomes a payment allocated to it (issue 6): the receipt keeps the
 * payment's id. Deleting the payment in the payments module un-applies the receipt (SET NULL), never the reverse.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('order_receipts')
    .addColumn('payment_id', idType(db), (c) => c.references('payments.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('order_receipts_payment_idx').on('order_receipts').column('payment_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('order_receipts_payment_idx').execute();
  await db.schema.alterTable('order_receipts').dropColumn('payment_id').execute();
}
