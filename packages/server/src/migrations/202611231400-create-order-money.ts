import { sql } from 'kysely';
import { columnTypes, idType, withIdColumn, type MigrationDb } from '../platform/db/columns';

/**
 * Order money: receipts and expenses of an order, the derived money columns on orders (amount due, received,
 * payment status), the partner's share, settlement entries (settlements and their adjustments, draft until
 * approved), payouts to partners and their allocations to approved entries, and the business's settlement basis.
 */
export async function up(db: MigrationDb): Promise<void> {
  const t = columnTypes(db);
  const id = idType(db);

  // Derived columns, written only by the order-money recompute in the same transaction as any input change.
  await db.schema
    .alterTable('orders')
    .addColumn('share_bp', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`share_bp between 0 and 10000`),
    )
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('amount_due_paise', t.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('amount_received_paise', t.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('expenses_paise', t.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('orders')
    .addColumn('payment_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('unpaid')
        .check(sql`payment_status in ('unpaid', 'partial', 'paid', 'overpaid')`),
    )
    .execute();
  // Existing orders: amount due = fees (no order has failed with receipts before this migration).
  await sql`update orders set amount_due_paise = case when stage_code = 'failed' then base_charges_paise else fees_paise end`.execute(
    db,
  );
  await sql`update orders set payment_status = 'paid' where amount_due_paise = 0`.execute(db);
  await db.schema
    .createIndex('orders_payment_status_created_idx')
    .on('orders')
    .columns(['payment_status', 'created_at', 'id'])
    .execute();

  await db.schema
    .alterTable('business')
    .addColumn('settlement_basis', 'text', (c) =>
      c
        .notNull()
        .defaultTo('contracted')
        .check(sql`settlement_basis in ('contracted', 'collected')`),
    )
    .execute();

  await withIdColumn(db, db.schema.createTable('order_receipts'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('amount_paise', t.bigint, (c) => c.notNull().check(sql`amount_paise > 0`))
    .addColumn('mode', 'text', (c) =>
      c.notNull().check(sql`mode in ('cash', 'upi', 'bank_transfer', 'cheque', 'card', 'other')`),
    )
    .addColumn('reference', 'text')
    .addColumn('cheque_number', 'text')
    .addColumn('cheque_date', t.date)
    .addColumn('note', 'text')
    // An attachment is a stored file (platform storage key) with its original name, type and size.
    .addColumn('file_key', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file_size', t.bigint)
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('order_receipts_order_idx')
    .on('order_receipts')
    .columns(['order_id', 'date', 'id'])
    .execute();
  // Reports: collected in a period.
  await db.schema.createIndex('order_receipts_date_idx').on('order_receipts').columns(['date', 'id']).execute();

  await withIdColumn(db, db.schema.createTable('order_expenses'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('amount_paise', t.bigint, (c) => c.notNull().check(sql`amount_paise > 0`))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('stamp_duty', 'courier', 'notary', 'government_fee', 'travel', 'other')`),
    )
    .addColumn('paid_to', 'text')
    .addColumn('note', 'text')
    .addColumn('file_key', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file_size', t.bigint)
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('order_expenses_order_idx')
    .on('order_expenses')
    .columns(['order_id', 'date', 'id'])
    .execute();
  await db.schema.createIndex('order_expenses_date_idx').on('order_expenses').columns(['date', 'id']).execute();

  /**
   * The partner-share ledger of orders. kind 'settlement' is the first entry of an order; 'adjustment' entries carry
   * the difference (deltas) when inputs change after an approval. At most one draft per (order, partner) at a
   * time; approved rows are never updated again except by payout allocation totals.
   */
  await withIdColumn(db, db.schema.createTable('settlement_entries'))
    .addColumn('order_id', id, (c) => c.notNull().references('orders.id'))
    // Null when the order has no partner (partner share 0; the row still records the business share).
    .addColumn('partner_id', id, (c) => c.references('parties.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('settlement', 'adjustment')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'approved')`))
    .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('contracted', 'collected')`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('completed', 'failed')`))
    // For a settlement: the values; for an adjustment: the differences from what was approved before.
    .addColumn('revenue_paise', t.bigint, (c) => c.notNull())
    .addColumn('expenses_paise', t.bigint, (c) => c.notNull())
    .addColumn('net_paise', t.bigint, (c) => c.notNull())
    .addColumn('share_bp', 'integer', (c) => c.notNull())
    .addColumn('partner_share_paise', t.bigint, (c) => c.notNull())
    .addColumn('business_share_paise', t.bigint, (c) => c.notNull())
    // Paid out of this entry by payouts (approved entries only), kept in the payout's transaction.
    .addColumn('allocated_paise', t.bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .addColumn('approved_at', t.timestamp)
    // The business-local date of approval: the entry's date on partner statements.
    .addColumn('approved_on', t.date)
    .addColumn('approved_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('settlement_entries_order_idx')
    .on('settlement_entries')
    .columns(['order_id', 'id'])
    .execute();
  // Statements and balances: a partner's approved entries by date; the pending-approvals list.
  await db.schema
    .createIndex('settlement_entries_partner_idx')
    .on('settlement_entries')
    .columns(['partner_id', 'status', 'approved_on', 'id'])
    .execute();
  await db.schema
    .createIndex('settlement_entries_status_idx')
    .on('settlement_entries')
    .columns(['status', 'created_at', 'id'])
    .execute();

  await withIdColumn(db, db.schema.createTable('payouts'))
    .addColumn('partner_id', id, (c) => c.notNull().references('parties.id'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('amount_paise', t.bigint, (c) => c.notNull().check(sql`amount_paise > 0`))
    .addColumn('mode', 'text', (c) =>
      c.notNull().check(sql`mode in ('cash', 'upi', 'bank_transfer', 'cheque', 'card', 'other')`),
    )
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payouts_partner_idx').on('payouts').columns(['partner_id', 'date', 'id']).execute();
  await db.schema.createIndex('payouts_date_idx').on('payouts').columns(['date', 'id']).execute();

  await db.schema
    .createTable('payout_allocations')
    .addColumn('payout_id', id, (c) => c.notNull().references('payouts.id'))
    .addColumn('entry_id', id, (c) => c.notNull().references('settlement_entries.id'))
    .addColumn('amount_paise', t.bigint, (c) => c.notNull().check(sql`amount_paise > 0`))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('payout_allocations_pk', ['payout_id', 'entry_id'])
    .execute();
  await db.schema.createIndex('payout_allocations_entry_idx').on('payout_allocations').columns(['entry_id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('payout_allocations').execute();
  await db.schema.dropTable('payouts').execute();
  await db.schema.dropTable('settlement_entries').execute();
  await db.schema.dropTable('order_expenses').execute();
  await db.schema.dropTable('order_receipts').execute();
  await db.schema.dropIndex('orders_payment_status_created_idx').execute();
  for (const column of ['payment_status', 'expenses_paise', 'amount_received_paise', 'amount_due_paise', 'share_bp']) {
    await db.schema.alterTable('orders').dropColumn(column).execute();
  }
  await db.schema.alterTable('business').dropColumn('settlement_basis').execute();
}
