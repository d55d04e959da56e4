import { orderBillRegime, orderBillTotal } from '@bizdash/domain/orders/order-bill';
import { amountDue } from '@bizdash/domain/settlements/settlement';
import { toMoneyString } from '@bizdash/domain/money';
import type { Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { Tx } from '../orders/order-support';
import type { OrdersTable } from '../orders/orders.tables';
import type { OrderDocumentRef } from '../orders/orders.repo';
import type { PaymentsService } from '../../invoicing/index';
import {
  advancePaymentsOfOrder,
  businessStateCode,
  clientGstDetails,
  documentRefRows,
  issuedTotalsByType,
  openDocumentsOfOrder,
  orderTypeGstRate,
  paymentForAllocation,
  receivableDocumentIds,
  sumOrderReceipts,
  sumOtherAllocations,
} from './order-billing.repo';

/**
 * Orders are billed through invoices (issue 14): an order's receivable is its invoices and notes, and a receipt on
 * the order is a customer payment allocated to them. These queries are the one definition of "the order's
 * documents" that recompute, the receipts service and the issue path share.
 */

type OrderRow = Selectable<OrdersTable>;

/** Ids and numbers of the order's documents (drafts included), oldest first: what order answers list. */
export async function documentsOfOrders(
  executor: Executor,
  orderIds: readonly number[],
): Promise<Map<number, OrderDocumentRef[]>> {
  const out = new Map<number, OrderDocumentRef[]>();
  const ids = await receivableDocumentIds(executor, orderIds);
  if (ids.length === 0) return out;
  // Notes carry the order of their original when they have none of their own.
  const rows = await documentRefRows(executor, ids);
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
  const rows = await issuedTotalsByType(executor, orderId);
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
  const type = await orderTypeGstRate(executor, order.order_type_id);
  const business = await businessStateCode(executor);
  const client = await clientGstDetails(executor, order.client_id);
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
  const receipts = await sumOrderReceipts(executor, orderId);
  const documents = await receivableDocumentIds(executor, [orderId]);
  if (documents.length === 0) return receipts;
  return receipts + (await sumOtherAllocations(executor, orderId, documents));
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
  const payment = await paymentForAllocation(tx, paymentId);
  if (!payment) return;
  let left = Number(payment.amount_paise) + Number(payment.tds_paise) - Number(payment.allocated_paise);
  if (left <= 0) return;
  const open = await openDocumentsOfOrder(tx, orderId, payment.party_id);
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
  const receipts = await advancePaymentsOfOrder(tx, orderId);
  for (const r of receipts) await allocateToOrder(tx, ctx, payments, r.id, orderId);
}
