import { orderBillRegime, orderBillTotal } from '@bizdash/domain/orders/order-bill';
import { amountDue } from '@bizdash/domain/settlements/settlement';
import { toMoneyString } from '@bizdash/domain/money';
import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { Tx } from '../orders/order-support';
import type { OrdersTable } from '../orders/orders.tables';
import type { OrderDocumentRef } from '../orders/orders.repo';
import type { PaymentsService } from '../../invoicing/index';

/**
 * Orders are billed through invoices (issue 14): an order's receivable is its invoices and notes, and a receipt on
 * the order is a customer payment allocated to them. These queries are the one definition of "the order's
 * documents" that recompute, the receipts service and the issue path share.
 */

type OrderRow = Selectable<OrdersTable>;

/**
 * Ids of the receivable documents of these orders: those linked to them, and notes against those (notes may carry
 * no order_id). Two steps, each an index lookup: the ids through invoices_order_idx and invoices_original_idx, then
 * the direction by primary key. As one query (an OR or an IN-subquery next to the direction or status filter),
 * SQLite without statistics chose the direction or status index and scanned every receivable document: 17 ms per
 * query at 10k invoices, 30 ms at 100k, and order creation ran three of them (issue 21).
 */
async function receivableDocumentIds(executor: Executor, orderIds: readonly number[]): Promise<number[]> {
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

/** Ids and numbers of the order's documents (drafts included), oldest first: what order answers list. */
export async function documentsOfOrders(
  executor: Executor,
  orderIds: readonly number[],
): Promise<Map<number, OrderDocumentRef[]>> {
  const out = new Map<number, OrderDocumentRef[]>();
  const ids = await receivableDocumentIds(executor, orderIds);
  if (ids.length === 0) return out;
  // Notes carry the order of their original when they have none of their own.
  const rows = await executor
    .selectFrom('invoices')
    .leftJoin('invoices as o', 'o.id', 'invoices.original_invoice_id')
    .select((eb) => [
      'invoices.id',
      'invoices.number',
      'invoices.type',
      'invoices.status',
      eb.fn.coalesce('invoices.order_id', 'o.order_id').as('order_id'),
    ])
    .where('invoices.id', 'in', ids)
    .orderBy('invoices.id')
    .execute();
  for (const r of rows) {
    if (r.order_id === null) continue;
    const orderId = Number(r.order_id);
    const list = out.get(orderId) ?? [];
    list.push({ id: r.id, number: r.number, type: r.type, status: r.status });
    out.set(orderId, list);
  }
  return out;
}

/**
 * What the order's issued documents bill: Σ grand totals of its invoices and debit notes less its issued credit
 * notes; null while none is issued (the order is then billed on its estimate).
 */
async function billedOf(executor: Executor, orderId: number): Promise<number | null> {
  const rows = await (
    await orderDocuments(executor, orderId)
  )
    .select(['invoices.type', (eb) => eb.fn.sum<number | string>('invoices.grand_total_paise').as('total')])
    .where('invoices.status', '=', 'issued')
    .groupBy('invoices.type')
    .execute();
  let billed = 0;
  let isBilled = false;
  for (const r of rows) {
    if (r.type === 'credit_note') billed -= Number(r.total);
    else {
      billed += Number(r.total);
      isBilled = true;
    }
  }
  return isBilled ? billed : null;
}

/** Before an invoice: the fees (or base charges once failed) plus GST at the order type's rate, as the invoice would. */
async function estimateOf(executor: Executor, order: OrderRow): Promise<number> {
  const base = amountDue({
    feesPaise: Number(order.fees_paise),
    baseChargesPaise: Number(order.base_charges_paise),
    failed: order.stage_code === 'failed',
  });
  if (base <= 0) return 0;
  const type = await executor
    .selectFrom('order_types')
    .select('gst_rate_bp')
    .where('id', '=', order.order_type_id)
    .executeTakeFirst();
  const business = await executor.selectFrom('business').select('state_code').where('id', '=', 1).executeTakeFirst();
  const client = await executor
    .selectFrom('parties')
    .select(['gstin', 'billing_address', 'gst_registration_type'])
    .where('id', '=', order.client_id)
    .executeTakeFirst();
  // Written only by the parties module from validated values.
  const billing = client?.billing_address ? (JSON.parse(client.billing_address) as { stateCode?: string }) : null;
  const regime = orderBillRegime({
    supplierState: business?.state_code ?? null,
    clientState: client?.gstin ? client.gstin.slice(0, 2) : (billing?.stateCode ?? null),
    isClientRegistered: Boolean(client?.gstin),
    isClientSez: client?.gst_registration_type === 'sez',
  });
  return orderBillTotal({ basePaise: base, gstRateBp: Number(type?.gst_rate_bp ?? 0), regime });
}

/** The order's amount due, GST included: its issued documents' total once there is one, else the estimate. */
export async function billOfOrder(executor: Executor, order: OrderRow): Promise<number> {
  return (await billedOf(executor, order.id)) ?? estimateOf(executor, order);
}

/**
 * Amount received on an order: Σ its receipts (each is a payment), plus what payments not recorded as this order's
 * receipts (from the Payments page) allocate to its documents.
 */
export async function receivedOnOrder(executor: Executor, orderId: number): Promise<number> {
  const receipts = await executor
    .selectFrom('order_receipts')
    .select((eb) => eb.fn.sum<number | string | null>('amount_paise').as('total'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  const documents = await receivableDocumentIds(executor, [orderId]);
  if (documents.length === 0) return Number(receipts?.total ?? 0);
  const others = await executor
    .selectFrom('payment_allocations')
    .select((eb) => eb.fn.sum<number | string | null>('payment_allocations.amount_paise').as('total'))
    .where('payment_allocations.invoice_id', 'in', documents)
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
  return Number(receipts?.total ?? 0) + Number(others?.total ?? 0);
}

/**
 * Allocates what is left of one payment to the order's issued invoices and debit notes with a balance, oldest
 * first, each up to its balance; whatever remains stays unallocated (an advance of the client).
 */
export async function allocateToOrder(
  tx: Tx,
  ctx: RequestContext,
  payments: PaymentsService,
  paymentId: number,
  orderId: number,
): Promise<void> {
  const payment = await tx
    .selectFrom('payments')
    .select(['amount_paise', 'tds_paise', 'allocated_paise', 'party_id'])
    .where('id', '=', paymentId)
    .executeTakeFirst();
  if (!payment) return;
  let left = Number(payment.amount_paise) + Number(payment.tds_paise) - Number(payment.allocated_paise);
  if (left <= 0) return;
  const open = await (
    await orderDocuments(tx, orderId)
  )
    .select(['invoices.id', 'invoices.balance_due_paise'])
    .where('invoices.status', '=', 'issued')
    .where('invoices.type', '<>', 'credit_note')
    .where('invoices.party_id', '=', payment.party_id)
    .where('invoices.balance_due_paise', '>', 0)
    .orderBy('invoices.date')
    .orderBy('invoices.id')
    .execute();
  const allocations: { invoiceId: number; amount: string }[] = [];
  for (const doc of open) {
    if (left <= 0) break;
    const amount = Math.min(left, Number(doc.balance_due_paise));
    allocations.push({ invoiceId: doc.id, amount: toMoneyString(amount) });
    left -= amount;
  }
  if (allocations.length > 0) await payments.allocateIn(tx, ctx, paymentId, allocations);
}

/**
 * Applies the order's advances: the unallocated rest of every payment recorded as one of its receipts (oldest
 * receipt first) goes to its open documents. Called when one of its invoices is issued, in that transaction.
 */
export async function applyOrderAdvances(
  tx: Tx,
  ctx: RequestContext,
  payments: PaymentsService,
  orderId: number,
): Promise<void> {
  const receipts = await tx
    .selectFrom('order_receipts')
    .innerJoin('payments', 'payments.id', 'order_receipts.payment_id')
    .select('payments.id')
    .where('order_receipts.order_id', '=', orderId)
    .where((eb) => eb('payments.allocated_paise', '<', eb('payments.amount_paise', '+', eb.ref('payments.tds_paise'))))
    .orderBy('order_receipts.date')
    .orderBy('order_receipts.id')
    .execute();
  for (const r of receipts) await allocateToOrder(tx, ctx, payments, r.id, orderId);
}
