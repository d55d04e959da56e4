import type { ListPaymentsQuery } from '@bizdash/contracts/payments';
import type { Insertable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Dialect, Executor } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';
import { matchesSearch } from '../../../platform/db/trigram-search';
import type { PaymentAllocationsTable, PaymentsTable } from './payments.tables';

/** SQL of the payments module. */

/** A payment with its party's name. */
export function paymentWithParty(executor: Executor, id: number) {
  return executor
    .selectFrom('payments')
    .innerJoin('parties', 'parties.id', 'payments.party_id')
    .selectAll('payments')
    .select('parties.name as party_name')
    .where('payments.id', '=', id)
    .executeTakeFirst();
}

/** A payment's allocations with the documents they settle, in document date order. */
export function allocationsWithDocuments(executor: Executor, paymentId: number) {
  return executor
    .selectFrom('payment_allocations')
    .innerJoin('invoices', 'invoices.id', 'payment_allocations.invoice_id')
    .select([
      'payment_allocations.invoice_id',
      'payment_allocations.amount_paise',
      'payment_allocations.created_at',
      'invoices.type',
      'invoices.number',
      'invoices.date',
    ])
    .where('payment_allocations.payment_id', '=', paymentId)
    .orderBy('invoices.date')
    .orderBy('payment_allocations.invoice_id')
    .execute();
}

/** The payment row, locked for the transaction (PostgreSQL; SQLite's write transaction already serialises). */
export function lockPaymentRow(tx: Transaction<DB>, dialect: Dialect, id: number) {
  return forUpdate(dialect, tx.selectFrom('payments').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The amount already allocated by a payment to one document, if any. */
export function allocationOf(executor: Executor, paymentId: number, invoiceId: number) {
  return executor
    .selectFrom('payment_allocations')
    .select('amount_paise')
    .where('payment_id', '=', paymentId)
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
}

export async function setAllocationAmount(
  executor: Executor,
  paymentId: number,
  invoiceId: number,
  amountPaise: number,
): Promise<void> {
  await executor
    .updateTable('payment_allocations')
    .set({ amount_paise: amountPaise })
    .where('payment_id', '=', paymentId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}

export async function insertAllocation(executor: Executor, row: Insertable<PaymentAllocationsTable>): Promise<void> {
  await executor.insertInto('payment_allocations').values(row).execute();
}

/** A payment's allocations (document and amount), by document id when `ordered`. */
export function allocationsOf(executor: Executor, paymentId: number, { ordered }: { ordered: boolean }) {
  let query = executor
    .selectFrom('payment_allocations')
    .select(['invoice_id', 'amount_paise'])
    .where('payment_id', '=', paymentId);
  if (ordered) query = query.orderBy('invoice_id');
  return query.execute();
}

export async function deleteAllocation(executor: Executor, paymentId: number, invoiceId: number): Promise<void> {
  await executor
    .deleteFrom('payment_allocations')
    .where('payment_id', '=', paymentId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}

export async function deleteAllocations(executor: Executor, paymentId: number): Promise<void> {
  await executor.deleteFrom('payment_allocations').where('payment_id', '=', paymentId).execute();
}

/** Sets a payment's allocated total (kept with every allocation change). */
export async function setAllocated(executor: Executor, id: number, allocatedPaise: number, now: string): Promise<void> {
  await executor
    .updateTable('payments')
    .set({ allocated_paise: allocatedPaise, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export function partyOf(executor: Executor, partyId: number) {
  return executor.selectFrom('parties').select(['id', 'name']).where('id', '=', partyId).executeTakeFirst();
}

export function insertPayment(executor: Executor, row: Insertable<PaymentsTable>) {
  return executor.insertInto('payments').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePayment(executor: Executor, id: number, row: Updateable<PaymentsTable>) {
  return executor.updateTable('payments').set(row).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deletePayment(executor: Executor, id: number): Promise<void> {
  await executor.deleteFrom('payments').where('id', '=', id).execute();
}

/** The order receipt a payment records, if it is one (order_receipts.payment_id). */
export function receiptOfPayment(executor: Executor, paymentId: number) {
  return executor
    .selectFrom('order_receipts')
    .innerJoin('orders', 'orders.id', 'order_receipts.order_id')
    .select(['order_receipts.id', 'order_receipts.order_id', 'orders.number'])
    .where('order_receipts.payment_id', '=', paymentId)
    .executeTakeFirst();
}

/** One page of payments with their parties' names, and the count of all that match. */
export async function listPayments(executor: Executor, dialect: Dialect, query: ListPaymentsQuery) {
  // The filters read payments alone (a party search through a subquery), so the count never joins parties: at
  // 765k payments the join made the count, and the page, 34 ms (issue 21). The page joins its 20 rows' parties.
  let base = executor.selectFrom('payments');
  if (query.direction) base = base.where('payments.direction', '=', query.direction);
  if (query.partyId) base = base.where('payments.party_id', '=', query.partyId);
  if (query.invoiceId) {
    const invoiceId = query.invoiceId;
    base = base.where('payments.id', 'in', (eb) =>
      eb.selectFrom('payment_allocations').select('payment_id').where('invoice_id', '=', invoiceId),
    );
  }
  if (query.mode) base = base.where('payments.mode', '=', query.mode);
  if (query.from) base = base.where('payments.date', '>=', query.from);
  if (query.to) base = base.where('payments.date', '<=', query.to);
  if (query.unallocated === 'true') {
    base = base.where((eb) =>
      eb('payments.allocated_paise', '<', eb('payments.amount_paise', '+', eb.ref('payments.tds_paise'))),
    );
  }
  if (query.unallocated === 'false') {
    base = base.where((eb) =>
      eb('payments.allocated_paise', '>=', eb('payments.amount_paise', '+', eb.ref('payments.tds_paise'))),
    );
  }
  if (query.q) {
    const q = query.q;
    base = base.where((eb) =>
      eb.or([
        eb('payments.reference', '=', q),
        eb('payments.party_id', 'in', eb.selectFrom('parties').select('parties.id').where(matchesSearch(dialect, q))),
      ]),
    );
  }
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const sort = query.sort === 'amount' ? 'payments.amount_paise' : 'payments.date';
  const rows = await base
    .innerJoin('parties', 'parties.id', 'payments.party_id')
    .selectAll('payments')
    .select('parties.name as party_name')
    .orderBy(sort, query.order)
    .orderBy('payments.id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(countRow.total) };
}

/** The documents each of the given payments settles: one query for a page, on the allocations' primary key. */
export function documentsSettledBy(executor: Executor, paymentIds: number[]) {
  return executor
    .selectFrom('payment_allocations')
    .innerJoin('invoices', 'invoices.id', 'payment_allocations.invoice_id')
    .select(['payment_allocations.payment_id', 'invoices.id', 'invoices.number'])
    .where('payment_allocations.payment_id', 'in', paymentIds)
    .orderBy('invoices.id')
    .execute();
}
