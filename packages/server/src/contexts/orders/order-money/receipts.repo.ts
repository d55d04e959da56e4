import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Executor } from '../../../platform/db/database';
import { selectReceipts } from './order-money.repo';

/** The queries of receipts.service.ts: an order's receipts, and the invoice and payment a receipt is applied to. */

/** One receipt of the order as shown, with its creator's name. */
export function findReceiptView(executor: Executor, orderId: number, id: number) {
  return selectReceipts(executor)
    .where('order_receipts.id', '=', id)
    .where('order_receipts.order_id', '=', orderId)
    .executeTakeFirst();
}

/** The order's receipts as shown, by date then id: a handful, on the (order_id, date, id) index. */
export function receiptViewsOfOrder(executor: Executor, orderId: number) {
  return selectReceipts(executor)
    .where('order_receipts.order_id', '=', orderId)
    .orderBy('order_receipts.date')
    .orderBy('order_receipts.id')
    .execute();
}

/** The order's row; it must exist (the caller has it locked). */
export function getOrderRow(executor: Executor, orderId: number) {
  return executor.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
}

/** One receipt of the order as stored. */
export function findReceipt(executor: Executor, orderId: number, id: number) {
  return executor
    .selectFrom('order_receipts')
    .selectAll()
    .where('id', '=', id)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

export async function insertReceipt(executor: Executor, values: Insertable<DB['order_receipts']>): Promise<number> {
  const row = await executor.insertInto('order_receipts').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReceipt(
  executor: Executor,
  id: number,
  values: Updateable<DB['order_receipts']>,
): Promise<void> {
  await executor.updateTable('order_receipts').set(values).where('id', '=', id).execute();
}

export async function deleteReceipt(executor: Executor, id: number): Promise<void> {
  await executor.deleteFrom('order_receipts').where('id', '=', id).execute();
}

/** A document a receipt may be applied to, with its original's order for a note. */
export function findInvoiceForReceipt(executor: Executor, invoiceId: number) {
  return executor
    .selectFrom('invoices')
    .leftJoin('invoices as o', 'o.id', 'invoices.original_invoice_id')
    .select([
      'invoices.id',
      'invoices.number',
      'invoices.order_id',
      'o.order_id as original_order_id',
      'invoices.status',
      'invoices.type',
      'invoices.direction',
      'invoices.balance_due_paise',
    ])
    .where('invoices.id', '=', invoiceId)
    .executeTakeFirst();
}

/** A payment's amounts; it must exist. */
export function getPaymentAmounts(executor: Executor, paymentId: number) {
  return executor
    .selectFrom('payments')
    .select(['amount_paise', 'tds_paise', 'allocated_paise'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
}
