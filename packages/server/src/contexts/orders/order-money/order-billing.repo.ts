import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../../platform/db/database';

/** The queries of order-billing.ts: an order's receivable documents, what they bill and what was paid on them. */

/**
 * Ids of the receivable documents of these orders: those linked to them, and notes against those (notes may carry
 * no order_id). Two steps, each an index lookup: the ids through invoices_order_idx and invoices_original_idx, then
 * the direction by primary key. As one query (an OR or an IN-subquery next to the direction or status filter),
 * SQLite without statistics chose the direction or status index and scanned every receivable document: 17 ms per
 * query at 10k invoices, 30 ms at 100k, and order creation ran three of them (issue 21).
 */
export async function receivableDocumentIds(executor: Executor, orderIds: readonly number[]): Promise<number[]> {
  if (orderIds.length === 0) return [];
  const linked = await executor
    .selectFrom('invoices as d')
    .select('d.id')
    .where('d.order_id', 'in', orderIds)
    .unionAll(
      executor
        .selectFrom('invoices as n')
        .select('n.id')
        .where(
          'n.original_invoice_id',
          'in',
          executor.selectFrom('invoices as o').select('o.id').where('o.order_id', 'in', orderIds),
        ),
    )
    .execute();
  if (linked.length === 0) return [];
  const rows = await executor
    .selectFrom('invoices')
    .select('id')
    .where(
      'id',
      'in',
      linked.map((r) => r.id),
    )
    .where('direction', '=', 'receivable')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** The order's receivable documents, as a query to refine (no rows when it has none). */
async function orderDocuments(executor: Executor, orderId: number) {
  const ids = await receivableDocumentIds(executor, [orderId]);
  const q = executor.selectFrom('invoices');
  return ids.length === 0 ? q.where(sql<SqlBool>`1 = 0`) : q.where('invoices.id', 'in', ids);
}

/** Id, number, type, status and order of these documents, oldest first; a note carries its original's order. */
export function documentRefRows(executor: Executor, documentIds: readonly number[]) {
  return executor
    .selectFrom('invoices')
    .leftJoin('invoices as o', 'o.id', 'invoices.original_invoice_id')
    .select((eb) => [
      'invoices.id',
      'invoices.number',
      'invoices.type',
      'invoices.status',
      eb.fn.coalesce('invoices.order_id', 'o.order_id').as('order_id'),
    ])
    .where('invoices.id', 'in', documentIds)
    .orderBy('invoices.id')
    .execute();
}

/** Σ grand totals of the order's issued documents, by document type. */
export async function issuedTotalsByType(executor: Executor, orderId: number) {
  return (await orderDocuments(executor, orderId))
    .select(['invoices.type', (eb) => eb.fn.sum<number | string>('invoices.grand_total_paise').as('total')])
    .where('invoices.status', '=', 'issued')
    .groupBy('invoices.type')
    .execute();
}

export function orderTypeGstRate(executor: Executor, orderTypeId: number) {
  return executor.selectFrom('order_types').select('gst_rate_bp').where('id', '=', orderTypeId).executeTakeFirst();
}

export function businessStateCode(executor: Executor) {
  return executor.selectFrom('business').select('state_code').where('id', '=', 1).executeTakeFirst();
}

export function clientGstDetails(executor: Executor, clientId: number) {
  return executor
    .selectFrom('parties')
    .select(['gstin', 'billing_address', 'gst_registration_type'])
    .where('id', '=', clientId)
    .executeTakeFirst();
}

/** Σ the order's receipts in paise. */
export async function sumOrderReceipts(executor: Executor, orderId: number): Promise<number> {
  const receipts = await executor
    .selectFrom('order_receipts')
    .select((eb) => eb.fn.sum<number | string | null>('amount_paise').as('total'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(receipts?.total ?? 0);
}

/** Σ what payments not recorded as this order's receipts allocate to these documents of it, in paise. */
export async function sumOtherAllocations(
  executor: Executor,
  orderId: number,
  documentIds: readonly number[],
): Promise<number> {
  const others = await executor
    .selectFrom('payment_allocations')
    .select((eb) => eb.fn.sum<number | string | null>('payment_allocations.amount_paise').as('total'))
    .where('payment_allocations.invoice_id', 'in', documentIds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('order_receipts as r')
            .select('r.id')
            .where('r.order_id', '=', orderId)
            .whereRef('r.payment_id', '=', 'payment_allocations.payment_id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(others?.total ?? 0);
}

/** A payment's amounts and party, for allocating its rest. */
export function paymentForAllocation(executor: Executor, paymentId: number) {
  return executor
    .selectFrom('payments')
    .select(['amount_paise', 'tds_paise', 'allocated_paise', 'party_id'])
    .where('id', '=', paymentId)
    .executeTakeFirst();
}

/** The order's issued invoices and debit notes to this party with a balance, oldest first. */
export async function openDocumentsOfOrder(executor: Executor, orderId: number, partyId: number) {
  return (await orderDocuments(executor, orderId))
    .select(['invoices.id', 'invoices.balance_due_paise'])
    .where('invoices.status', '=', 'issued')
    .where('invoices.type', '<>', 'credit_note')
    .where('invoices.party_id', '=', partyId)
    .where('invoices.balance_due_paise', '>', 0)
    .orderBy('invoices.date')
    .orderBy('invoices.id')
    .execute();
}

/** Payments of the order's receipts with an unallocated rest, oldest receipt first. */
export function advancePaymentsOfOrder(executor: Executor, orderId: number) {
  return executor
    .selectFrom('order_receipts')
    .innerJoin('payments', 'payments.id', 'order_receipts.payment_id')
    .select('payments.id')
    .where('order_receipts.order_id', '=', orderId)
    .where((eb) => eb('payments.allocated_paise', '<', eb('payments.amount_paise', '+', eb.ref('payments.tds_paise'))))
    .orderBy('order_receipts.date')
    .orderBy('order_receipts.id')
    .execute();
}
