import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Dialect, Executor } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';
import type { PaymentStatus } from '@bizdash/domain/settlements/settlement';

/**
 * The queries of recompute.ts: the order's row and its money columns, and its settlement entries (declared by the
 * partners context; recompute is the only writer of the drafts).
 */

/** The order's row, locked for the rest of the transaction on PostgreSQL (SQLite holds the write lock already). */
export function lockOrderRow(executor: Executor, dialect: Dialect, orderId: number) {
  return forUpdate(dialect, executor.selectFrom('orders').selectAll().where('id', '=', orderId)).executeTakeFirst();
}

export function findOrderRow(executor: Executor, orderId: number) {
  return executor.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
}

/** Σ the order's expenses in paise. */
export async function sumOrderExpenses(executor: Executor, orderId: number): Promise<number> {
  const row = await executor
    .selectFrom('order_expenses')
    .select((eb) => eb.fn.sum<number | string | null>('amount_paise').as('total'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** A document's direction and its order (its own order_id, or its original's for a note). */
export function findDocumentOrder(executor: Executor, invoiceId: number) {
  return executor
    .selectFrom('invoices')
    .leftJoin('invoices as o', 'o.id', 'invoices.original_invoice_id')
    .select((eb) => ['invoices.direction', eb.fn.coalesce('invoices.order_id', 'o.order_id').as('order_id')])
    .where('invoices.id', '=', invoiceId)
    .executeTakeFirst();
}

/** Writes the order's derived money columns. */
export async function updateOrderMoneyColumns(
  executor: Executor,
  orderId: number,
  values: {
    amount_due_paise: number;
    amount_received_paise: number;
    expenses_paise: number;
    payment_status: PaymentStatus;
  },
): Promise<void> {
  await executor.updateTable('orders').set(values).where('id', '=', orderId).execute();
}

export async function deleteDraftEntriesOfOrder(executor: Executor, orderId: number): Promise<void> {
  await executor
    .deleteFrom('settlement_entries')
    .where('order_id', '=', orderId)
    .where('status', '=', 'draft')
    .execute();
}

/** The order's settlement entries, oldest first. */
export function entriesOfOrder(executor: Executor, orderId: number) {
  return executor.selectFrom('settlement_entries').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

export async function updateEntry(
  executor: Executor,
  entryId: number,
  values: Updateable<DB['settlement_entries']>,
): Promise<void> {
  await executor.updateTable('settlement_entries').set(values).where('id', '=', entryId).execute();
}

export async function insertEntry(executor: Executor, values: Insertable<DB['settlement_entries']>): Promise<void> {
  await executor.insertInto('settlement_entries').values(values).execute();
}

export async function deleteEntries(executor: Executor, entryIds: readonly number[]): Promise<void> {
  await executor
    .deleteFrom('settlement_entries')
    .where('id', 'in', [...entryIds])
    .execute();
}
